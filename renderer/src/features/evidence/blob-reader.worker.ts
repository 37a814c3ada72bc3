/// <reference lib="webworker" />

/**
 * Reads a Blob in slices for the hashing worker, on a thread of its own (the two talk over a
 * MessagePort the ingest code hands to both): copying a file-backed
 * Blob into memory costs about as much CPU as hashing it, and done on the hashing thread the two
 * take turns. Slices are transferred (not copied) and sent only as the hasher asks for them, so
 * at most `ahead` slices are in memory at once.
 */

/** Sent to the worker itself: the port the hashing worker talks to it through. */
export interface ReaderConnect {
  type: 'connect';
  port: MessagePort;
}

/** Sent by the hashing worker over that port. */
export type ReaderRequest =
  { type: 'start'; blob: Blob; sliceSize: number; ahead: number } | { type: 'more' };

export type ReaderReply =
  { type: 'slice'; buffer: ArrayBuffer } | { type: 'end' } | { type: 'failed'; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** One hashing job: the worker is pooled, so each connection reads with state of its own. */
function serve(port: MessagePort): void {
  let blob: Blob | null = null;
  let sliceSize = 0;
  let next = 0;
  let credits = 0;
  let reading = false;

  const pump = async (): Promise<void> => {
    if (reading || blob === null) return;
    reading = true;
    try {
      while (credits > 0 && next < blob.size) {
        const buffer = await blob.slice(next, next + sliceSize).arrayBuffer();
        next += sliceSize;
        credits -= 1;
        port.postMessage({ type: 'slice', buffer } satisfies ReaderReply, [buffer]);
      }
      if (next >= blob.size) {
        port.postMessage({ type: 'end' } satisfies ReaderReply);
        port.close();
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      port.postMessage({ type: 'failed', message } satisfies ReaderReply);
      port.close();
    } finally {
      reading = false;
    }
  };

  port.onmessage = (message: MessageEvent<ReaderRequest>) => {
    const request = message.data;
    if (request.type === 'start') {
      blob = request.blob;
      sliceSize = request.sliceSize;
      next = 0;
      credits = request.ahead;
    } else {
      credits += 1;
    }
    void pump();
  };
}

scope.onmessage = (event: MessageEvent<ReaderConnect>) => serve(event.data.port);
