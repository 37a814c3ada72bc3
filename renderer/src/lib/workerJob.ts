/**
 * Jobs on a Web Worker: the window sends one request, the worker answers with progress, calls
 * to functions the window offers (the host: what only the window can do, such as IPC to main),
 * then its result or why it failed. The same job body also runs in the window's own thread
 * where there are no workers (the unit tests' Node), with the host called directly.
 */

/** What a job worker posts. */
export type WorkerMessage<Result, Progress> =
  | { type: 'progress'; progress: Progress }
  | { type: 'call'; id: number; method: string; argument: unknown }
  | { type: 'done'; value: Result }
  | { type: 'error'; message: string };

/** The window's answer to a worker's `call`. */
export type HostReply =
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; message: string };

/** Functions the window offers a job, each taking one structured-cloneable argument. */
export type JobHost = Record<string, (argument: never) => Promise<unknown>>;

/** A running job: its result, and a way to stop it. */
export interface WorkerJob<Result> {
  result: Promise<Result>;
  cancel: () => void;
}

/** What a job body is given, wherever it runs. */
export interface JobContext<Progress, Host extends JobHost> {
  progress: (progress: Progress) => void;
  /** Calls a host function in the window; `transfer` moves buffers instead of copying them. */
  call: <K extends keyof Host & string>(
    method: K,
    argument: Parameters<Host[K]>[0],
    transfer?: Transferable[],
  ) => ReturnType<Host[K]>;
  /** Aborted when the job is cancelled in the window's thread; a worker is terminated instead. */
  signal: AbortSignal;
}

export type JobBody<Request, Result, Progress, Host extends JobHost> = (
  request: Request,
  context: JobContext<Progress, Host>,
) => Promise<Result>;

interface JobOptions<Progress> {
  onProgress: (progress: Progress) => void;
  /** The error a cancelled job rejects with. */
  cancelled: () => Error;
  /** The message when the worker fails without saying why. */
  failure: string;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Sends `request` to a worker that answers with `WorkerMessage`s, answers its host calls, and
 * ends the worker when it answers, fails or is cancelled. A cancelled job rejects with
 * `cancelled()`; work the worker had under way dies with it.
 */
export function runWorkerJob<Result, Progress, Host extends JobHost = JobHost>(
  worker: Worker,
  request: unknown,
  options: JobOptions<Progress>,
  host?: Host,
  transfer: Transferable[] = [],
): WorkerJob<Result> {
  let rejectJob: ((error: Error) => void) | undefined;
  let ended = false;
  const end = (): void => {
    ended = true;
    worker.terminate();
  };
  const answer = (id: number, method: string, argument: unknown): void => {
    const run = host?.[method] as ((argument: unknown) => Promise<unknown>) | undefined;
    const reply = (message: HostReply, moved: Transferable[] = []): void => {
      if (!ended) worker.postMessage(message, moved);
    };
    if (run === undefined) {
      reply({ type: 'reply', id, ok: false, message: `The window offers no ${method}.` });
      return;
    }
    run(argument).then(
      (value) => reply({ type: 'reply', id, ok: true, value }),
      (error: unknown) => reply({ type: 'reply', id, ok: false, message: errorMessage(error) }),
    );
  };
  const result = new Promise<Result>((resolve, reject) => {
    rejectJob = reject;
    worker.onmessage = (event: MessageEvent<WorkerMessage<Result, Progress>>) => {
      const message = event.data;
      if (message.type === 'progress') options.onProgress(message.progress);
      else if (message.type === 'call') answer(message.id, message.method, message.argument);
      else {
        end();
        if (message.type === 'done') resolve(message.value);
        else reject(new Error(message.message));
      }
    };
    worker.onerror = (event) => {
      end();
      reject(new Error(event.message || options.failure));
    };
  });
  worker.postMessage(request, transfer);
  return {
    result,
    cancel() {
      end();
      rejectJob?.(options.cancelled());
    },
  };
}

/**
 * Runs a job body in this thread, with the host called directly. Cancelling aborts the
 * context's signal, which the body checks between transactions.
 */
export function runInThisThread<Request, Result, Progress, Host extends JobHost>(
  body: JobBody<Request, Result, Progress, Host>,
  request: Request,
  options: JobOptions<Progress>,
  host: Host,
): WorkerJob<Result> {
  const controller = new AbortController();
  const context: JobContext<Progress, Host> = {
    progress: options.onProgress,
    call: ((method: string, argument: unknown) => {
      controller.signal.throwIfAborted();
      return (host[method] as (argument: unknown) => Promise<unknown>)(argument);
    }) as JobContext<Progress, Host>['call'],
    signal: controller.signal,
  };
  return {
    result: body(request, context),
    cancel: () => controller.abort(options.cancelled()),
  };
}

/** The part of a worker's global scope a job needs. */
export interface JobScope {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

/**
 * Serves one job in a worker: the first message is the request; later ones are the window's
 * replies to host calls. The body's result is posted (with `transferOf` its buffers moved).
 */
export function serveWorkerJob<Request, Result, Progress, Host extends JobHost>(
  scope: JobScope,
  body: JobBody<Request, Result, Progress, Host>,
  transferOf: (result: Result) => Transferable[] = () => [],
): void {
  const post = (message: WorkerMessage<Result, Progress>, transfer: Transferable[] = []): void =>
    scope.postMessage(message, transfer);
  const pending = new Map<number, { resolve(value: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  let started = false;
  const context: JobContext<Progress, Host> = {
    progress: (progress) => post({ type: 'progress', progress }),
    call: ((method: string, argument: unknown, transfer: Transferable[] = []) =>
      new Promise((resolve, reject) => {
        const id = nextId;
        nextId += 1;
        pending.set(id, { resolve, reject });
        post({ type: 'call', id, method, argument }, transfer);
      })) as JobContext<Progress, Host>['call'],
    // A worker is terminated to cancel it: nothing here ever aborts.
    signal: new AbortController().signal,
  };
  scope.onmessage = (event: MessageEvent) => {
    if (started) {
      const reply = event.data as HostReply;
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if (reply.ok) waiting?.resolve(reply.value);
      else waiting?.reject(new Error(reply.message));
      return;
    }
    started = true;
    body(event.data as Request, context).then(
      (value) => post({ type: 'done', value }, transferOf(value)),
      (error: unknown) => post({ type: 'error', message: errorMessage(error) }),
    );
  };
}
