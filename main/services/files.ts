import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ByteSink } from '../../core/archive/writer';
import { batchingSink } from '../../core/archive/writer';

/**
 * What main writes into the app's data folder (keys, the remembered passphrase, settings,
 * scratch files) is for the user's account only: files 0600, folders 0700, whatever the umask.
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_FOLDER_MODE = 0o700;

export interface WriteOptions {
  /** Owner-only modes (files in the data folder); other files keep the umask's defaults. */
  private?: boolean;
}

/** Creates `folder` (and missing parents) 0700, and narrows it to 0700 if it already existed. */
export async function makePrivateFolder(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  await chmod(folder, PRIVATE_FOLDER_MODE);
}

/**
 * Writes a file atomically: into a temporary sibling first, then renamed over the target,
 * so a crash never leaves a half-written report or backup under the real name.
 */
export async function writeFileAtomic(
  target: string,
  data: Uint8Array,
  options: WriteOptions = {},
): Promise<void> {
  if (options.private) await makePrivateFolder(path.dirname(target));
  else await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${randomBytes(6).toString('hex')}.partial`;
  try {
    await writeFile(temporary, data, {
      flag: 'wx',
      ...(options.private ? { mode: PRIVATE_FILE_MODE } : {}),
    });
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
