import { concatBytes } from '../../core/util/bytes';
import { SessionTable } from './session-table';

/**
 * Report PDFs sent from the renderer in chunks: one IPC message is limited to 64 MiB, and a
 * report carrying its evidence files can be larger. Signing needs the whole file in memory
 * anyway (the signature covers every byte), so the chunks are joined into one buffer once every
 * announced byte has arrived. Memory follows what has arrived, never what was announced: a
 * renderer announcing 1 GiB twice and sending nothing costs nothing.
 */

interface Upload {
  size: number;
  /** Copies of the chunks so far; one buffer of `size` bytes once complete. */
  chunks: Uint8Array<ArrayBuffer>[];
  received: number;
}

export class UploadError extends Error {
  override readonly name = 'UploadError';
}

export interface UploadOptions {
  /** Uploads idle longer than this are dropped. */
  idleMs?: number;
  maxUploads?: number;
  now?: () => number;
}

export class Uploads {
  private readonly uploads: SessionTable<Upload>;

  constructor(options: UploadOptions = {}) {
    this.uploads = new SessionTable<Upload>(
      {
        idleMs: options.idleMs ?? 10 * 60_000,
        max: options.maxUploads ?? 2,
        ...(options.now ? { now: options.now } : {}),
      },
      {
        full: 'Too many reports are being sent at once; try again shortly.',
        gone: 'This upload no longer exists (finished, cancelled or timed out).',
      },
      UploadError,
    );
  }

  begin(size: number): string {
    this.uploads.takeIdle();
    return this.uploads.add({ size, chunks: [], received: 0 });
  }

  /** Appends the next chunk; more bytes than announced is refused and the upload dropped. */
  append(uploadId: string, chunk: Uint8Array): number {
    const upload = this.uploads.get(uploadId);
    if (upload.received + chunk.byteLength > upload.size) {
      this.uploads.remove(uploadId);
      throw new UploadError(
        `More bytes arrived than the ${upload.size} announced; the upload was dropped.`,
      );
    }
    upload.chunks.push(new Uint8Array(chunk));
    upload.received += chunk.byteLength;
    return upload.received;
  }

  /** The complete file; the upload stays until `discard` (so signing can be retried). */
  complete(uploadId: string): Uint8Array<ArrayBuffer> {
    const upload = this.uploads.get(uploadId);
    if (upload.received !== upload.size) {
      throw new UploadError(
        `The upload is incomplete: ${upload.received} of ${upload.size} bytes arrived.`,
      );
    }
    if (upload.chunks.length !== 1) upload.chunks = [concatBytes(upload.chunks, upload.size)];
    return upload.chunks[0] as Uint8Array<ArrayBuffer>;
  }

  discard(uploadId: string): boolean {
    return this.uploads.remove(uploadId) !== undefined;
  }

  get open(): number {
    return this.uploads.size;
  }
}
