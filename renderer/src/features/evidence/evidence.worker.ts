/// <reference lib="webworker" />
import type { ByteChunks } from '../../../../core/evidence/bytes';
import { blobChunks } from '../../../../core/evidence/bytes';
import { sha256OfChunks } from '../../../../core/evidence/hash';
import { describeError, inspectFindings, inspectSource } from '../../../../core/evidence/inspect';
import { redactedCopy } from '../../../../core/evidence/redact';
import type { ReaderReply, ReaderRequest } from './blob-reader.worker';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

/**
 * Hashes, parses or redacts one evidence file off the main thread. The file arrives as a Blob handle
 * (no copy) and is read in slices, so a gigabyte file never sits in memory. Two run side by
 * side during ingest: one hashing (fed by a reader worker when given its port), one parsing.
 */

const scope = self as unknown as DedicatedWorkerGlobalScope;
const HASH_SLICE = 4 * 1024 * 1024;
const PROGRESS_EVERY = 16 * 1024 * 1024;
const REDACT_BATCH_CHARS = 8 * 1024 * 1024;

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

/**
 * The Blob's bytes as read by the reader worker at the other end of `port`
 * (blob-reader.worker.ts), so reading and hashing run on two threads; the reader stays `ahead`
 * slices in front.
 */
async function* readOverPort(
  port: MessagePort,
  blob: Blob,
  sliceSize: number,
  ahead = 2,
): ByteChunks {
  const arrived: ReaderReply[] = [];
  let wake: (() => void) | null = null;
  port.onmessage = (event: MessageEvent<ReaderReply>) => {
    arrived.push(event.data);
    wake?.();
  };
  try {
    port.postMessage({ type: 'start', blob, sliceSize, ahead } satisfies ReaderRequest);
    for (;;) {
      const reply = arrived.shift();
      if (reply === undefined) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        continue;
      }
      if (reply.type === 'end') return;
      if (reply.type === 'failed') throw new Error(reply.message);
      port.postMessage({ type: 'more' } satisfies ReaderRequest);
      yield new Uint8Array(reply.buffer);
    }
  } finally {
    port.close();
  }
}

/**
 * Text as a Blob, made of Blobs of about REDACT_BATCH_CHARS each, so the browser may keep the
 * parts it already has on disk rather than the whole copy in this worker's memory.
 */
async function blobOf(text: AsyncIterable<string>, type: string): Promise<Blob> {
  const parts: Blob[] = [];
  let batch: string[] = [];
  let chars = 0;
  for await (const piece of text) {
    batch.push(piece);
    chars += piece.length;
    if (chars >= REDACT_BATCH_CHARS) {
      parts.push(new Blob(batch));
      batch = [];
      chars = 0;
    }
  }
  parts.push(new Blob(batch));
  return new Blob(parts, { type });
}

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  const work = async (): Promise<void> => {
    if (request.type === 'hash') {
      const started = performance.now();
      const { sha256, size } = await sha256OfChunks(
        counted(
          request.reader
            ? readOverPort(request.reader, request.file, HASH_SLICE)
            : blobChunks(request.file, HASH_SLICE),
        ),
      );
      post({ type: 'hashed', sha256, size, milliseconds: performance.now() - started });
    } else if (request.type === 'redact') {
      const file = request.file;
      const copy = await redactedCopy(request.format, () => blobChunks(file, 1024 * 1024));
      post({ type: 'redacted', copy: await blobOf(copy.text, file.type), replaced: copy.replaced });
    } else if (request.type === 'findings') {
      const file = request.file;
      // Only the findings cross back: the other lists of a large file are not copied for nothing.
      const read = await inspectFindings(
        { name: request.name, size: file.size, open: () => counted(blobChunks(file, 1024 * 1024)) },
        request.limit,
      );
      post({ type: 'findings', ...read });
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
