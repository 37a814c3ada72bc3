/// <reference lib="webworker" />
import { serveWorkerJob } from '../../lib/workerJob';
import { restoreJob } from './restore-job';

/**
 * Checks and restores an archive off the main thread, through a connection of its own.
 * Request: a RestoreRequest (the archive File itself, never its bytes). Answers: progress, then
 * the inspection or what was written, or an error. Cancelling terminates the worker, which
 * aborts its one write transaction: the ledger stays as it was.
 */

declare const self: DedicatedWorkerGlobalScope;

serveWorkerJob(self, restoreJob);
