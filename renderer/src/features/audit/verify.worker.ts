/// <reference lib="webworker" />
import { openUnauditedConnection } from '../../db/unaudited';
import type { WorkerMessage } from '../../lib/workerJob';
import type { LedgerVerdict, VerifyProgress } from './verify';
import { verifyLedger } from './verify';

/**
 * Verifies the ledger off the main thread, through a connection of its own, so hashing a
 * million entries never blocks the window. Messages in: { database } (its name). Out: progress,
 * then the verdict or an error. Cancelling terminates the worker: it only reads.
 */

export interface VerifyRequest {
  database: string;
}

export type VerifyMessage = WorkerMessage<LedgerVerdict, VerifyProgress>;

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<VerifyRequest>) => {
  const post = (message: VerifyMessage): void => self.postMessage(message);
  void (async () => {
    const connection = openUnauditedConnection(event.data.database);
    try {
      await connection.open();
      const verdict = await verifyLedger(connection, {
        onProgress: (progress) => post({ type: 'progress', progress }),
      });
      post({ type: 'done', value: verdict });
    } catch (error) {
      post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    } finally {
      connection.close();
    }
  })();
};
