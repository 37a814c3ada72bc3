import { Worker } from 'node:worker_threads';
import type { VerifyReport } from '../../core/signing/verify/index';
import type { VerifyLimits } from '../../core/signing/verify/reader/budget';

/**
 * Untrusted PDFs are verified on a worker thread of their own, never on the event loop of the
 * app's main process or the CLI: the thread has its own heap limit and a deadline, so a file
 * that slipped past the verifier's budgets still ends in a verdict ("refused: exceeds …") and
 * takes nothing else down.
 */

export interface PdfVerifyJob {
  input: { path: string } | { bytes: Uint8Array };
  trusted: Uint8Array[];
  limits?: VerifyLimits;
}

export type PdfVerifyResult =
  | { ok: true; report: VerifyReport }
  | { ok: false; refused: string }
  | { ok: false; error: string };

/** Heap of the verifying thread; file bytes live outside it and are capped by `fileBytes`. */
export const WORKER_HEAP_MIB = 384;
export const WORKER_DEADLINE_MS = 5 * 60_000;

/**
 * Built, the worker is a sibling bundle (out/node/pdf-verifier.worker.js, out/main/…). From
 * source (unit tests, tsx) it is TypeScript: a one-line bootstrap registers tsx in the thread.
 */
function startWorker(job: PdfVerifyJob): Worker {
  const options = { workerData: job, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MIB } };
  if (!import.meta.url.endsWith('.ts')) {
    // A URL of its own, not written inside `new Worker(…)`: Vite's worker transform (which the
    // renderer's unit tests apply to what they import from main) would refuse the options.
    const built = new URL('./pdf-verifier.worker.js', import.meta.url);
    return new Worker(built, options);
  }
  const source = new URL('./pdf-verifier.worker.ts', import.meta.url).href;
  return new Worker(
    `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`,
    { ...options, eval: true },
  );
}

export class PdfVerifyError extends Error {
  override readonly name = 'PdfVerifyError';
}

function refusedReport(size: number, reason: string): VerifyReport {
  return {
    fileSize: size,
    fileSha256: '',
    signatures: [],
    tampering: { detected: false, reasons: [] },
    manifest: { present: false, sha256: null, files: [], problems: [] },
    signOffs: { present: false, text: null, problem: null },
    refused: reason,
    verdict: 'refused',
  };
}

export function verifyPdfInWorker(
  job: PdfVerifyJob,
  deadlineMs: number = WORKER_DEADLINE_MS,
): Promise<VerifyReport> {
  const size = 'bytes' in job.input ? job.input.bytes.length : 0;
  return new Promise((resolve, reject) => {
    const worker = startWorker(job);
    let settled = false;
    const finish = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      action();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          resolve(
            refusedReport(size, `exceeds the time limit of ${Math.round(deadlineMs / 1000)} s`),
          ),
        ),
      deadlineMs,
    );
    worker.once('message', (result: PdfVerifyResult) =>
      finish(() => {
        if (result.ok) resolve(result.report);
        else if ('refused' in result) resolve(refusedReport(size, result.refused));
        else reject(new PdfVerifyError(result.error));
      }),
    );
    worker.once('error', (error: Error & { code?: string }) =>
      finish(() =>
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? resolve(
              refusedReport(size, `exceeds the verifier's memory limit of ${WORKER_HEAP_MIB} MiB`),
            )
          : reject(error),
      ),
    );
    worker.once('exit', (code) =>
      finish(() => reject(new PdfVerifyError(`the verifier stopped unexpectedly (exit ${code})`))),
    );
  });
}
