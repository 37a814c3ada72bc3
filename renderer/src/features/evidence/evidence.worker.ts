/// <reference lib="webworker" />
import type { ByteChunks } from '../../../../core/evidence/bytes';
import { blobChunks } from '../../../../core/evidence/bytes';
import { sha256OfChunks } from '../../../../core/evidence/hash';
import { describeError, inspectSource } from '../../../../core/evidence/inspect';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

/**
 * Hashes or parses one evidence file off the main thread. The file arrives as a Blob handle
 * (no copy) and is read in slices, so a gigabyte file never sits in memory. Two workers run
 * side by side during ingest: one hashing, one parsing.
 */

const scope = self as unknown as DedicatedWorkerGlobalScope;
const HASH_SLICE = 8 * 1024 * 1024;
const PROGRESS_EVERY = 16 * 1024 * 1024;

function post(reply: WorkerReply): void {
  scope.postMessage(reply);
}

async function* counted(chunks: ByteChunks): ByteChunks {
  let bytes = 0;
  let reported = 0;
  for await (const chunk of chunks) {
    bytes += chunk.byteLength;
    if (bytes - reported >= PROGRESS_EVERY) {
      reported = bytes;
      post({ type: 'progress', bytes });
    }
    yield chunk;
  }
}

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  const work = async (): Promise<void> => {
    if (request.type === 'hash') {
      const started = performance.now();
      const { sha256, size } = await sha256OfChunks(counted(blobChunks(request.file, HASH_SLICE)));
      post({ type: 'hashed', sha256, size, milliseconds: performance.now() - started });
    } else {
      const file = request.file;
      const { detection, outcome } = await inspectSource({
        name: request.name,
        size: file.size,
        open: () => counted(blobChunks(file, 1024 * 1024)),
      });
      post({ type: 'inspected', detection, outcome });
    }
  };
  work().catch((error: unknown) => post({ type: 'failed', message: describeError(error) }));
};
