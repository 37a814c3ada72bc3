import type { Manifest } from '../../../../core/archive/format';
import type { Person } from '../../../../core/model';
import type { LedgerDatabase } from '../../db';
import type { WorkerJob } from '../../lib/workerJob';
import { runInThisThread, runWorkerJob } from '../../lib/workerJob';
import type { LedgerVerdict } from '../audit/verify';
import { startVerification } from '../audit/verifyClient';
import type {
  ArchiveInspection,
  RestoreAnswer,
  RestoreProgress,
  RestoreRequest,
} from './restore-job';
import { CURRENT_PERSON, assertRestorable, restoreJob } from './restore-job';

export type { ArchiveInspection, RestoreProgress } from './restore-job';
export { RestoreError } from './restore-job';

export class RestoreCancelledError extends Error {
  override readonly name = 'RestoreCancelledError';
  constructor() {
    super('The restore was cancelled.');
  }
}

export interface RestoreResult {
  rows: number;
  blobs: number;
  manifest: Manifest;
  /** The restored ledger, verified again from the database itself. */
  ledger: LedgerVerdict;
}

type Notify = (progress: RestoreProgress) => void;

/** Runs one restore job on the restore worker, or in this thread where there are no workers. */
function startJob(request: RestoreRequest, onProgress: Notify): WorkerJob<RestoreAnswer> {
  const options = {
    onProgress,
    cancelled: () => new RestoreCancelledError(),
    failure: 'The restore failed.',
  };
  if (typeof Worker === 'undefined') return runInThisThread(restoreJob, request, options, {});
  const worker = new Worker(new URL('./restore.worker.ts', import.meta.url), {
    type: 'module',
    name: 'restore',
  });
  return runWorkerJob(worker, request, options);
}

/**
 * Reads the whole archive once and checks everything a restore depends on: structure, every
 * hash, the audit chain, every record against the chain, and that this app's database can hold
 * it. Nothing is written.
 */
export function startInspection(
  db: LedgerDatabase,
  file: Blob,
  onProgress: Notify = () => undefined,
): WorkerJob<ArchiveInspection> {
  const job = startJob({ mode: 'inspect', database: db.name, file }, onProgress);
  return {
    result: job.result.then((answer) => {
      if (answer.mode !== 'inspect') throw new Error('The restore worker answered out of turn.');
      return answer.inspection;
    }),
    cancel: job.cancel,
  };
}

/**
 * Restores a verified archive: every table is emptied and refilled in one transaction on the
 * worker's connection, without the audit middleware, so the audit log and records come back
 * exactly as archived. Cancelling while it writes aborts that transaction. Then, in the
 * window: someone at the keyboard whom the restored data does not know joins it (and the log
 * says so), and the restored ledger is verified from the database itself.
 */
export function startRestore(
  db: LedgerDatabase,
  file: Blob,
  inspection: ArchiveInspection,
  options: { replace: boolean; onProgress?: Notify },
): WorkerJob<RestoreResult> {
  const onProgress = options.onProgress ?? (() => undefined);
  let current: WorkerJob<unknown> | null = null;
  let cancelled = false;
  const result = (async () => {
    const manifest = assertRestorable(inspection);
    const atKeyboard = await personAtKeyboard(db);
    if (cancelled) throw new RestoreCancelledError();
    const writing = startJob(
      { mode: 'write', database: db.name, file, inspection, replace: options.replace, atKeyboard },
      onProgress,
    );
    current = writing;
    const answer = await writing.result;
    if (answer.mode !== 'write') throw new Error('The restore worker answered out of turn.');
    current = null;
    // Written: from here on there is nothing to cancel, only the new ledger to check.
    const { keyboardId } = answer;
    if (atKeyboard !== null && keyboardId === atKeyboard.id && !(await db.people.get(keyboardId))) {
      await db.audited('person', ['people'], () => db.people.add(atKeyboard));
    }
    const ledger = await startVerification(db, (progress) =>
      onProgress({ phase: 'checking', done: progress.done, total: progress.total }),
    ).result;
    return { rows: answer.rows, blobs: manifest.blobs.count, manifest, ledger };
  })();
  return {
    result,
    cancel() {
      cancelled = true;
      current?.cancel();
    },
  };
}

export function inspectArchive(
  db: LedgerDatabase,
  file: Blob,
  onProgress?: Notify,
): Promise<ArchiveInspection> {
  return startInspection(db, file, onProgress).result;
}

export function restoreArchive(
  db: LedgerDatabase,
  file: Blob,
  inspection: ArchiveInspection,
  options: { replace: boolean; onProgress?: Notify },
): Promise<RestoreResult> {
  return startRestore(db, file, inspection, options).result;
}

async function personAtKeyboard(db: LedgerDatabase): Promise<Person | null> {
  const setting = await db.settings.get(CURRENT_PERSON);
  const id = typeof setting?.value === 'string' ? setting.value : null;
  return id === null ? null : ((await db.people.get(id)) ?? null);
}
