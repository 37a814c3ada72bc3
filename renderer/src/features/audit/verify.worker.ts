/// <reference lib="webworker" />
import { openUnauditedConnection } from '../../db/unaudited';
import { serveWorkerJob } from '../../lib/workerJob';
import type { LedgerVerdict, VerifyProgress } from './verify';
import { verifyLedger } from './verify';

/**
 * Verifies the ledger off the main thread, through a connection of its own, so hashing a
 * million entries never blocks the window. Request: { database } (its name). Answers: progress,
 * then the verdict or an error. Cancelling terminates the worker: it only reads.
 */

export interface VerifyRequest {
  database: string;
}

declare const self: DedicatedWorkerGlobalScope;

serveWorkerJob<VerifyRequest, LedgerVerdict, VerifyProgress, Record<string, never>>(
  self,
  async (request, { progress }) => {
    const connection = openUnauditedConnection(request.database);
    try {
      await connection.open();
      return await verifyLedger(connection, { onProgress: progress });
    } finally {
      connection.close();
    }
  },
);
