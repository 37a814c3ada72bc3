import type { WriteTarget } from '../../../../core/ipc/contract';
import type { ByteSink } from '../../../../core/archive/writer';
import { batchingSink } from '../../../../core/archive/writer';
import { getApi } from '../../app/api';
import type { BackupHost } from './backup-job';
import { ARCHIVE_CHUNK_BYTES } from './backup-job';

/** A file being written in main, chunk by chunk; main finishes it (`writeId`) when complete. */
export interface ChunkedWrite {
  writeId: string;
  sink: ByteSink & { flush(): Promise<void> };
  abort: () => Promise<void>;
}

/**
 * Null when the user cancels the save dialog. Bytes go to main in chunks far below the 64 MiB
 * message limit (the Chromium host carries them as base64 JSON), one on its way while the next
 * is filled (batchingSink), so the renderer holds two chunks at most.
 */
export async function beginChunkedWrite(target: WriteTarget): Promise<ChunkedWrite | null> {
  const api = getApi();
  const { writeId } = await api.fileBeginWrite({ target });
  if (writeId === null) return null;
  return {
    writeId,
    sink: batchingSink(async (chunk) => {
      await api.fileWriteChunk({ writeId, data: chunk });
    }, ARCHIVE_CHUNK_BYTES),
    abort: async () => {
      await api.fileAbortWrite({ writeId });
    },
  };
}

/**
 * The window's side of a backup job: the file in main. The job's chunks arrive already
 * batched and pass straight to main; main verifies the archive as it arrives and, once it is
 * complete, signs it with the identity its manifest names, if any. `abandon` drops a file the job left unfinished (it was
 * cancelled or failed).
 */
export function ipcBackupHost(target: WriteTarget): {
  host: BackupHost;
  abandon: () => Promise<void>;
} {
  const api = getApi();
  let writeId: string | null = null;
  const open = (): string => {
    if (writeId === null) throw new Error('No backup file is open.');
    return writeId;
  };
  const abort = async (): Promise<void> => {
    const id = writeId;
    writeId = null;
    if (id !== null) await api.fileAbortWrite({ writeId: id });
  };
  return {
    host: {
      async open() {
        await abort();
        writeId = (await api.fileBeginWrite({ target, verify: 'backup' })).writeId;
        return writeId !== null;
      },
      async write(chunk) {
        await api.fileWriteChunk({ writeId: open(), data: chunk });
      },
      async commit() {
        const kept = await api.fileFinishWrite({ writeId: open(), verify: 'backup' });
        writeId = null;
        return {
          path: kept.path,
          size: kept.size,
          sha256: kept.sha256,
          signedBy: kept.signedBy?.commonName ?? null,
          unsignedReason: kept.unsignedReason ?? null,
        };
      },
      abort,
    },
    abandon: abort,
  };
}
