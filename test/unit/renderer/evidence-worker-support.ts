import { blobChunks } from '../../../core/evidence/bytes';
import { sha256OfChunks } from '../../../core/evidence/hash';
import { inspectSource } from '../../../core/evidence/inspect';
import type {
  WorkerReply,
  WorkerRequest,
} from '../../../renderer/src/features/evidence/worker-protocol';

/** The evidence worker's answer, computed in-process (happy-dom has no Worker). */
export async function answerInProcess(request: WorkerRequest): Promise<WorkerReply> {
  if (request.type === 'hash') {
    const { sha256, size } = await sha256OfChunks(blobChunks(request.file, 1024 * 1024));
    return { type: 'hashed', sha256, size, milliseconds: 0 };
  }
  if (request.type === 'redact') throw new Error('these tests attach no file that holds secrets');
  const file = request.file;
  const result = await inspectSource({
    name: request.name,
    size: file.size,
    open: () => blobChunks(file, 1024 * 1024),
  });
  return { type: 'inspected', ...result };
}
