import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ByteSink } from '../../core/archive/writer';
import { batchingSink } from '../../core/archive/writer';

/**
 * Writes a file atomically: into a temporary sibling first, then renamed over the target,
 * so a crash never leaves a half-written report or backup under the real name.
 */
export async function writeFileAtomic(target: string, data: Uint8Array): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${randomBytes(6).toString('hex')}.partial`;
  try {
    await writeFile(temporary, data, { flag: 'wx' });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Streams a file into place atomically: `produce` writes through the sink (batched into 1 MiB
 * writes) into a hidden temporary sibling, `check` may read and refuse the complete file, and
 * only then is it renamed over the target. A failure anywhere leaves no file behind.
 */
export async function writeStreamAtomic<T>(
  target: string,
  produce: (sink: ByteSink) => Promise<T>,
  check: (temporary: string) => Promise<void> = async () => undefined,
): Promise<T> {
  await mkdir(path.dirname(path.resolve(target)), { recursive: true });
  const temporary = path.join(
    path.dirname(path.resolve(target)),
    `.${path.basename(target)}.${randomBytes(6).toString('hex')}.partial`,
  );
  try {
    const handle = await open(temporary, 'wx', 0o644);
    let result: T;
    try {
      let position = 0;
      const sink = batchingSink(async (chunk) => {
        await handle.write(chunk, 0, chunk.byteLength, position);
        position += chunk.byteLength;
      }, 1024 * 1024);
      result = await produce(sink);
      await sink.flush();
      await handle.sync();
    } finally {
      await handle.close();
    }
    await check(temporary);
    await rename(temporary, target);
    return result;
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** `report.pdf` → `report (2).pdf` until the name is free, for saving without a dialog. */
export function uniqueName(existing: ReadonlySet<string>, name: string): string {
  if (!existing.has(name)) return name;
  const extension = path.extname(name);
  const stem = name.slice(0, name.length - extension.length);
  for (let index = 2; ; index += 1) {
    const candidate = `${stem} (${index})${extension}`;
    if (!existing.has(candidate)) return candidate;
  }
}
