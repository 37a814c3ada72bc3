import { createHash } from 'node:crypto';
import { openAsBlob } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Sha256Factory } from '../../core/util/hash';
import type { ArchiveVerdict } from '../../core/archive/verify';
import { verifyArchive } from '../../core/archive/verify';

/** SHA-256 from node:crypto: the same results as core's portable hasher, ten times faster. */
export const nodeSha256: Sha256Factory = () => {
  const hash = createHash('sha256');
  return {
    update: (data) => void hash.update(data),
    hex: () => hash.digest('hex'),
  };
};

/** Verifies a Demo Ledger archive as it streams past (memory stays flat whatever its size). */
export function verifyArchiveStream(content: ReadableStream<Uint8Array>): Promise<ArchiveVerdict> {
  return verifyArchive(content, { createSha256: nodeSha256 });
}

/** Verifies a Demo Ledger archive on disk, streaming it. */
export async function verifyArchiveFile(file: string): Promise<ArchiveVerdict> {
  const blob = await openAsBlob(file);
  return verifyArchiveStream(blob.stream());
}

/** The first `bytes` of a file (fewer when it is shorter), to recognise its kind. */
export async function readHead(file: string, bytes = 1024): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const head = new Uint8Array(bytes);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
