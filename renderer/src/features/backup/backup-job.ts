import type { Manifest } from '../../../../core/archive/format';
import type { ArchiveProgress } from '../../../../core/archive/writer';
import { batchingSink } from '../../../../core/archive/writer';
import { openUnauditedConnection } from '../../db/unaudited';
import type { JobBody } from '../../lib/workerJob';
import type { ArchiveTarget, BackupResult, SavedBackup } from './backup';
import { backUpDatabase } from './backup';

/**
 * A backup as a job for the backup worker (or this thread where there are no workers): it
 * reads the ledger through a connection of its own and hands the archive's bytes to the window,
 * which alone can reach main, in chunks far below the 64 MiB message limit. Each chunk is
 * moved, not copied; the worker fills the next while the window passes one on, never more
 * (batchingSink), so the worker and the window hold one chunk each.
 */
export const ARCHIVE_CHUNK_BYTES = 8 * 1024 * 1024;

export interface BackupRequest {
  database: string;
  createdBy: string;
  app: Manifest['app'];
  /** Decided by the window, whose clock is the app's. */
  createdAt: string;
  signing: Manifest['backup'];
}

/** What the window does for a backup job: the file in main, opened, written, kept or dropped. */
export type BackupHost = {
  /** False when the person cancels the save dialog. */
  open(argument: null): Promise<boolean>;
  write(chunk: Uint8Array<ArrayBuffer>): Promise<void>;
  commit(argument: null): Promise<SavedBackup>;
  abort(argument: null): Promise<void>;
};

export const backupJob: JobBody<
  BackupRequest,
  BackupResult | null,
  ArchiveProgress,
  BackupHost
> = async (request, { progress, call }) => {
  const connection = openUnauditedConnection(request.database);
  try {
    await connection.open();
    return await backUpDatabase(
      connection,
      async () => ((await call('open', null)) ? hostTarget(call) : null),
      {
        createdBy: request.createdBy,
        app: request.app,
        now: () => new Date(request.createdAt),
        signing: request.signing,
        onProgress: progress,
      },
    );
  } finally {
    connection.close();
  }
};

function hostTarget(call: Parameters<typeof backupJob>[1]['call']): ArchiveTarget {
  const sink = batchingSink((chunk) => call('write', chunk, [chunk.buffer]), ARCHIVE_CHUNK_BYTES);
  return {
    sink,
    async commit() {
      await sink.flush();
      return call('commit', null);
    },
    abort: () => call('abort', null),
  };
}
