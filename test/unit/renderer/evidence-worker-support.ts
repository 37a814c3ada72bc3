import { blobChunks } from '../../../core/evidence/bytes';
import { sha256OfChunks } from '../../../core/evidence/hash';
import { inspectFindings, inspectSource } from '../../../core/evidence/inspect';
import { redactedCopy } from '../../../core/evidence/redact';
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
  if (request.type === 'redact') {
    const file = request.file;
    const copy = await redactedCopy(request.format, () => blobChunks(file, 1024 * 1024));
    const parts: string[] = [];
    for await (const piece of copy.text) parts.push(piece);
    return {
      type: 'redacted',
      copy: new Blob(parts, { type: file.type }),
      replaced: copy.replaced,
    };
  }
  const file = request.file;
  if (request.type === 'findings') {
    const source = { name: request.name, size: file.size, open: () => blobChunks(file) };
    return { type: 'findings', ...(await inspectFindings(source, request.limit)) };
  }
  const result = await inspectSource({
    name: request.name,
    size: file.size,
    open: () => blobChunks(file, 1024 * 1024),
  });
  return { type: 'inspected', ...result };
}
