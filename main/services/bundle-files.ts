import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { END_OF_ARCHIVE, TAR_BLOCK, encodeTarHeader, paddingFor } from '../../core/archive/tar';
import { nodeSha256 } from './archive-file';

/**
 * Appending to Demo Ledger archives on disk without rewriting what is there: a bundle's
 * signature after SHA256SUMS, a review after the signed original. Every earlier byte stays
 * where it was, so the signatures already made keep verifying.
 */

export class BundleFileError extends Error {
  override readonly name = 'BundleFileError';
}

const END_BYTES = END_OF_ARCHIVE.byteLength;

async function endOfContent(file: string): Promise<number> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size < END_BYTES || size % TAR_BLOCK !== 0) {
      throw new BundleFileError('The archive does not end with a tar end marker.');
    }
    const tail = new Uint8Array(END_BYTES);
    await handle.read(tail, 0, END_BYTES, size - END_BYTES);
    if (!tail.every((byte) => byte === 0)) {
      throw new BundleFileError('The archive does not end with a tar end marker.');
    }
    return size - END_BYTES;
  } finally {
    await handle.close();
  }
}

/** Replaces the end marker of `file` with one more entry, then the end marker again. */
export async function appendEntry(
  file: string,
  name: string,
  data: Uint8Array,
  mtime: Date,
): Promise<void> {
  const position = await endOfContent(file);
  const handle = await open(file, 'r+');
  try {
    const header = encodeTarHeader({ name, size: data.byteLength, mtime: seconds(mtime) });
    let at = position;
    for (const part of [
      header,
      data,
      new Uint8Array(paddingFor(data.byteLength)),
      END_OF_ARCHIVE,
    ]) {
      await handle.write(part, 0, part.byteLength, at);
      at += part.byteLength;
    }
    await handle.truncate(at);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `original` (without its end marker), then `addition` as the entry `name`, then the
 * end marker, into a new file beside `target`, which is renamed into place only after
 * `check` accepts it. Streams both files: nothing is held in memory.
 */
export async function composeArchive(
  original: string,
  name: string,
  addition: string,
  target: string,
  mtime: Date,
  check: (file: string) => Promise<void>,
): Promise<{ size: number; sha256: string }> {
  const keep = await endOfContent(original);
  const { size: additionSize } = await stat(addition);
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomBytes(6).toString('hex')}.partial`,
  );
  const handle = await open(temporary, 'wx');
  const hash = nodeSha256();
  let written = 0;
  const put = async (chunk: Uint8Array): Promise<void> => {
    await handle.write(chunk, 0, chunk.byteLength, written);
    hash.update(chunk);
    written += chunk.byteLength;
  };
  try {
    try {
      if (keep > 0) {
        for await (const chunk of createReadStream(original, { end: keep - 1 })) {
          await put(chunk as Uint8Array);
        }
      }
      await put(encodeTarHeader({ name, size: additionSize, mtime: seconds(mtime) }));
      for await (const chunk of createReadStream(addition)) await put(chunk as Uint8Array);
      await put(new Uint8Array(paddingFor(additionSize)));
      await put(END_OF_ARCHIVE);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await check(temporary);
    await rename(temporary, target);
    return { size: written, sha256: hash.hex() };
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Size and SHA-256 of a file, streamed. */
export async function fileDigest(file: string): Promise<{ size: number; sha256: string }> {
  const hash = nodeSha256();
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Uint8Array);
    size += (chunk as Uint8Array).byteLength;
  }
  return { size, sha256: hash.hex() };
}

function seconds(at: Date): number {
  return Math.max(0, Math.floor(at.getTime() / 1000));
}
