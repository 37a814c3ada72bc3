import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportOptions, ImportResult } from '../../../../core/telemetry/importer';
import type { ImportMessage, ImportRequest } from './import-protocol';

export type ImportRun =
  | { state: 'idle' }
  | { state: 'running'; bytes: number; total: number; lines: number }
  | { state: 'done'; result: ImportResult; sha256: string }
  | { state: 'failed'; message: string }
  | { state: 'cancelled' };

/** Runs imports in a Web Worker with progress; `cancel` (or unmounting) terminates the worker. */
export function useImportWorker(): {
  run: ImportRun;
  start: (file: File, options: ImportOptions) => Promise<ImportRun>;
  cancel: () => void;
  reset: () => void;
} {
  const [run, setRun] = useState<ImportRun>({ state: 'idle' });
  const worker = useRef<Worker | null>(null);
  const settle = useRef<((outcome: ImportRun) => void) | null>(null);

  const stop = useCallback((outcome: ImportRun) => {
    worker.current?.terminate();
    worker.current = null;
    setRun(outcome);
    settle.current?.(outcome);
    settle.current = null;
  }, []);

  useEffect(() => () => worker.current?.terminate(), []);

  const start = useCallback(
    (file: File, options: ImportOptions) =>
      new Promise<ImportRun>((resolve) => {
        worker.current?.terminate();
        settle.current = resolve;
        const next = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
        worker.current = next;
        setRun({ state: 'running', bytes: 0, total: file.size, lines: 0 });
        next.onmessage = (event: MessageEvent<ImportMessage>) => {
          const message = event.data;
          if (message.type === 'progress') setRun({ state: 'running', ...message });
          else if (message.type === 'done') {
            stop({ state: 'done', result: message.result, sha256: message.sha256 });
          } else stop({ state: 'failed', message: message.message });
        };
        next.onerror = (event) => {
          event.preventDefault();
          stop({ state: 'failed', message: event.message || 'the import stopped unexpectedly' });
        };
        const request: ImportRequest = { type: 'start', file, options };
        next.postMessage(request);
      }),
    [stop],
  );

  return {
    run,
    start,
    cancel: useCallback(() => stop({ state: 'cancelled' }), [stop]),
    reset: useCallback(() => setRun({ state: 'idle' }), []),
  };
}
