/// <reference lib="webworker" />
import { serveWorkerJob } from '../../lib/workerJob';
import { backupJob } from './backup-job';

/**
 * Writes a backup off the main thread, reading the ledger through a connection of its own.
 * Request: a BackupRequest. Answers: progress, calls to the window's BackupHost (the file in
 * main), then the result or an error. Cancelling terminates the worker; the window then drops
 * the unfinished file.
 */

declare const self: DedicatedWorkerGlobalScope;

serveWorkerJob(self, backupJob);
