import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** Files up to this size are hashed in one WebCrypto call; larger ones are streamed. */
export const WHOLE_FILE_DIGEST_LIMIT = 64 * 1024 * 1024;

/**
 * SHA-256 of a file or blob as lower-case hex. WebCrypto (native, fast) needs the whole content
 * in memory and has no incremental API, so beyond `wholeFileLimit` the content is streamed
 * through an incremental hash instead: a gigabyte file never sits in memory at once.
 */
export async function sha256OfBlob(
  blob: Blob,
  options: { wholeFileLimit?: number; onProgress?: (hashedBytes: number) => void } = {},
): Promise<string> {
  const limit = options.wholeFileLimit ?? WHOLE_FILE_DIGEST_LIMIT;
  if (blob.size <= limit) {
    const digest = await globalThis.crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
    options.onProgress?.(blob.size);
    return bytesToHex(new Uint8Array(digest));
  }
  const hash = sha256.create();
  const reader = blob.stream().getReader();
  let hashed = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    hash.update(value);
    hashed += value.byteLength;
    options.onProgress?.(hashed);
  }
  return bytesToHex(hash.digest());
}
