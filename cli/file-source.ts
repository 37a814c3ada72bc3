import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ByteChunks, ByteSource } from '../core/evidence/bytes';

/** A file on disk as a re-readable byte source, streamed in 1 MiB chunks. */
export async function fileSource(file: string): Promise<ByteSource> {
  const info = await stat(file);
  if (!info.isFile()) throw new Error(`${file} is not a file.`);
  return {
    name: path.basename(file),
    size: info.size,
    open: () =>
      createReadStream(file, {
        highWaterMark: 1024 * 1024,
      }) as AsyncIterable<Uint8Array> as ByteChunks,
  };
}
