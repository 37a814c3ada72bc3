/** What a job worker posts: progress while it works, then its result or why it failed. */
export type WorkerMessage<Result, Progress> =
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; value: Result }
  | { type: 'error'; message: string };

/** A running job on a worker: its result, and a way to stop it (the worker is terminated). */
export interface WorkerJob<Result> {
  result: Promise<Result>;
  cancel(): void;
}

/**
 * Sends `request` to a worker that answers with `WorkerMessage`s, and ends the worker when it
 * answers, fails or is cancelled. A cancelled job rejects with `cancelled()`.
 */
export function runWorkerJob<Result, Progress>(
  worker: Worker,
  request: unknown,
  onProgress: (progress: Progress) => void,
  cancelled: () => Error,
  failure: string,
): WorkerJob<Result> {
  let rejectJob: ((error: Error) => void) | undefined;
  const result = new Promise<Result>((resolve, reject) => {
    rejectJob = reject;
    worker.onmessage = (event: MessageEvent<WorkerMessage<Result, Progress>>) => {
      const message = event.data;
      if (message.type === 'progress') onProgress(message.progress);
      else {
        worker.terminate();
        if (message.type === 'done') resolve(message.value);
        else reject(new Error(message.message));
      }
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || failure));
    };
  });
  worker.postMessage(request);
  return {
    result,
    cancel() {
      worker.terminate();
      rejectJob?.(cancelled());
    },
  };
}
