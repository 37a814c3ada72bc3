import { randomUUID } from 'node:crypto';

/**
 * Report PDFs sent from the renderer in chunks: one IPC message is limited to 64 MiB, and a
 * report carrying its evidence files can be larger. Signing needs the whole file in memory
 * anyway (the signature covers every byte), so the chunks are copied into one buffer of the
 * announced size; it is handed out only once every byte has arrived.
 */

interface Upload {
  bytes: Uint8Array<ArrayBuffer>;
  received: number;
  touched: number;
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
  private readonly uploads = new Map<string, Upload>();
  private readonly idleMs: number;
  private readonly maxUploads: number;
  private readonly now: () => number;

  constructor(options: UploadOptions = {}) {
    this.idleMs = options.idleMs ?? 10 * 60_000;
    this.maxUploads = options.maxUploads ?? 2;
    this.now = options.now ?? Date.now;
  }

  begin(size: number): string {
    this.dropIdle();
    if (this.uploads.size >= this.maxUploads)
      throw new UploadError('Too many reports are being sent at once; try again shortly.');
    const uploadId = randomUUID();
    this.uploads.set(uploadId, {
      bytes: new Uint8Array(size),
      received: 0,
      touched: this.now(),
    });
    return uploadId;
  }

  /** Appends the next chunk; more bytes than announced is refused and the upload dropped. */
  append(uploadId: string, chunk: Uint8Array): number {
    const upload = this.get(uploadId);
    if (upload.received + chunk.byteLength > upload.bytes.byteLength) {
      this.uploads.delete(uploadId);
      throw new UploadError(
        `More bytes arrived than the ${upload.bytes.byteLength} announced; the upload was dropped.`,
      );
    }
    upload.bytes.set(chunk, upload.received);
    upload.received += chunk.byteLength;
    upload.touched = this.now();
    return upload.received;
  }

  /** The complete file; the upload stays until `discard` (so signing can be retried). */
  complete(uploadId: string): Uint8Array<ArrayBuffer> {
    const upload = this.get(uploadId);
    if (upload.received !== upload.bytes.byteLength) {
      throw new UploadError(
        `The upload is incomplete: ${upload.received} of ${upload.bytes.byteLength} bytes arrived.`,
      );
    }
    upload.touched = this.now();
    return upload.bytes;
  }

  discard(uploadId: string): boolean {
    return this.uploads.delete(uploadId);
  }

  get open(): number {
    return this.uploads.size;
  }

  private get(uploadId: string): Upload {
    const upload = this.uploads.get(uploadId);
    if (upload === undefined)
      throw new UploadError('This upload no longer exists (finished, cancelled or timed out).');
    return upload;
  }

  private dropIdle(): void {
    const cutoff = this.now() - this.idleMs;
    for (const [id, upload] of this.uploads) if (upload.touched < cutoff) this.uploads.delete(id);
  }
}
