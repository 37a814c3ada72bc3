import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportOptions, ImportResult } from '../../../../core/telemetry/importer';
import type { ImportMessage, ImportRequest } from './import-protocol';

export type ImportRun =
  | { state: 'idle' }
  | { state: 'running'; bytes: number; total: number; lines: number }
  | { state: 'done'; result: ImportResult; sha256: string }
  | { state: 'failed'; message: string }
  | { state: 'cancelled' };

type Settled = Extract<ImportRun, { state: 'done' | 'failed' | 'cancelled' }>;

/** One import in its own Web Worker: `outcome` settles once; `cancel` terminates the worker. */
export function importInWorker(
  file: File,
  options: ImportOptions,
  onProgress: (run: Extract<ImportRun, { state: 'running' }>) => void = () => undefined,
): { outcome: Promise<Settled>; cancel: () => void } {
  const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
  let settle: (outcome: Settled) => void = () => undefined;
  const outcome = new Promise<Settled>((resolve) => {
    settle = (value) => {
      worker.terminate();
      settle = () => undefined;
      resolve(value);
    };
  });
  worker.onmessage = (event: MessageEvent<ImportMessage>) => {
    const message = event.data;
    if (message.type === 'progress') onProgress({ state: 'running', ...message });
    else if (message.type === 'done') {
      settle({ state: 'done', result: message.result, sha256: message.sha256 });
    } else settle({ state: 'failed', message: message.message });
  };
  worker.onerror = (event) => {
    event.preventDefault();
    settle({ state: 'failed', message: event.message || 'the import stopped unexpectedly' });
  };
  const request: ImportRequest = { type: 'start', file, options };
  worker.postMessage(request);
  return { outcome, cancel: () => settle({ state: 'cancelled' }) };
}

/** Runs imports in a Web Worker with progress; `cancel` (or unmounting) terminates the worker. */
export function useImportWorker(): {
  run: ImportRun;
  start: (file: File, options: ImportOptions) => Promise<ImportRun>;
  cancel: () => void;
  reset: () => void;
} {
  const [run, setRun] = useState<ImportRun>({ state: 'idle' });
  const running = useRef<{ cancel: () => void } | null>(null);

  useEffect(() => () => running.current?.cancel(), []);

  const start = useCallback(async (file: File, options: ImportOptions) => {
    running.current?.cancel();
    setRun({ state: 'running', bytes: 0, total: file.size, lines: 0 });
    const job = importInWorker(file, options, setRun);
    running.current = job;
    const outcome = await job.outcome;
    if (running.current === job) {
      running.current = null;
      setRun(outcome);
    }
    return outcome;
  }, []);

  return {
    run,
    start,
    cancel: useCallback(() => running.current?.cancel(), []),
    reset: useCallback(() => setRun({ state: 'idle' }), []),
  };
}
