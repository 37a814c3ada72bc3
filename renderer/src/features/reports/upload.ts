import type { VerifyReport } from '../../../../core/ipc/contract';
import { MAX_REPORT_BYTES } from '../../../../core/ipc/contract';
import { getApi } from '../../app/api';

/**
 * PDFs go to the main process in chunks far below the 64 MiB message limit: a report with its
 * evidence files embedded can be hundreds of megabytes. Each chunk is a copy of its own (a view
 * of a larger buffer would be cloned with the whole buffer), and each is awaited, so one chunk
 * is in flight at a time.
 */
const CHUNK_BYTES = 8 * 1024 * 1024;

export class ReportTooLargeError extends Error {
  override readonly name = 'ReportTooLargeError';
}

function sizeOf(content: Uint8Array | Blob): number {
  return content instanceof Uint8Array ? content.byteLength : content.size;
}

async function chunkOf(
  content: Uint8Array | Blob,
  start: number,
  end: number,
): Promise<Uint8Array<ArrayBuffer>> {
  return content instanceof Uint8Array
    ? content.slice(start, end)
    : new Uint8Array(await content.slice(start, end).arrayBuffer());
}

/** Sends a PDF to main; resolves to the upload id the sign and verify calls take. */
export async function uploadPdf(
  content: Uint8Array | Blob,
  onProgress?: (sent: number, total: number) => void,
): Promise<string> {
  const size = sizeOf(content);
  if (size > MAX_REPORT_BYTES) {
    throw new ReportTooLargeError(
      `The PDF is ${Math.round(size / 1024 / 1024)} MiB; at most ${MAX_REPORT_BYTES / 1024 / 1024} MiB can be signed or verified.`,
    );
  }
  if (size === 0) throw new Error('The PDF is empty.');
  const api = getApi();
  const { uploadId } = await api.reportBeginUpload({ size });
  try {
    for (let offset = 0; offset < size; offset += CHUNK_BYTES) {
      const end = Math.min(size, offset + CHUNK_BYTES);
      await api.reportUploadChunk({ uploadId, data: await chunkOf(content, offset, end) });
      onProgress?.(end, size);
    }
  } catch (error) {
    await api.reportDiscardUpload({ uploadId }).catch(() => undefined);
    throw error;
  }
  return uploadId;
}

/** Verifies any PDF (a file the user picked), sent in chunks so its size does not matter. */
export async function verifyPdf(file: Blob): Promise<VerifyReport> {
  const uploadId = await uploadPdf(file);
  return getApi().reportVerifyUpload({ uploadId });
}
