import type { LedgerDatabase } from '../../db';
import type { LedgerVerdict, VerifyProgress } from './verify';
import { verifyLedger } from './verify';
import type { WorkerJob } from '../../lib/workerJob';
import { runWorkerJob } from '../../lib/workerJob';
import type { VerifyRequest } from './verify.worker';

/** A running verification: its verdict, and a way to stop it. */
export type VerifyJob = WorkerJob<LedgerVerdict>;

export class VerifyCancelledError extends Error {
  override readonly name = 'VerifyCancelledError';
  constructor() {
    super('The verification was cancelled.');
  }
}

/**
 * Verifies the ledger on a worker with its own connection to `db`'s database. Where there are
 * no workers (the unit tests' Node) it runs here, in the same short transactions.
 */
export function startVerification(
  db: LedgerDatabase,
  onProgress: (progress: VerifyProgress) => void = () => undefined,
): VerifyJob {
  if (typeof Worker === 'undefined') {
    const controller = new AbortController();
    return {
      result: verifyLedger(db, { onProgress, signal: controller.signal }),
      cancel: () => controller.abort(new VerifyCancelledError()),
    };
  }
  const worker = new Worker(new URL('./verify.worker.ts', import.meta.url), {
    type: 'module',
    name: 'audit-verify',
  });
  const request: VerifyRequest = { database: db.name };
  return runWorkerJob(worker, request, {
    onProgress,
    cancelled: () => new VerifyCancelledError(),
    failure: 'The verification failed.',
  });
}
