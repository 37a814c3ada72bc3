import type { WriteTarget } from '../../../../core/ipc/contract';
import type { ByteSink } from '../../../../core/archive/writer';
import { batchingSink } from '../../../../core/archive/writer';
import { getApi } from '../../app/api';
import type { ArchiveTarget } from './backup';

/**
 * Archive bytes go to the main process in chunks far below the 64 MiB message limit (the
 * Chromium host carries them as base64 JSON), each awaited, so the renderer holds one chunk.
 */
const CHUNK_BYTES = 8 * 1024 * 1024;

/** A file being written in main, chunk by chunk; main finishes it (`writeId`) when complete. */
export interface ChunkedWrite {
  writeId: string;
  sink: ByteSink & { flush(): Promise<void> };
  abort: () => Promise<void>;
}

/** Null when the user cancels the save dialog. */
export async function beginChunkedWrite(target: WriteTarget): Promise<ChunkedWrite | null> {
  const api = getApi();
  const { writeId } = await api.fileBeginWrite({ target });
  if (writeId === null) return null;
  return {
    writeId,
    sink: batchingSink(async (chunk) => {
      await api.fileWriteChunk({ writeId, data: chunk });
    }, CHUNK_BYTES),
    abort: async () => {
      await api.fileAbortWrite({ writeId });
    },
  };
}

/** A backup: main verifies it and signs it with the identity its manifest names, if any. */
export async function openIpcTarget(target: WriteTarget): Promise<ArchiveTarget | null> {
  const write = await beginChunkedWrite(target);
  if (write === null) return null;
  return {
    sink: write.sink,
    async commit() {
      await write.sink.flush();
      const kept = await getApi().fileFinishWrite({ writeId: write.writeId, verify: 'backup' });
      return {
        path: kept.path,
        size: kept.size,
        sha256: kept.sha256,
        signedBy: kept.signedBy?.commonName ?? null,
        unsignedReason: kept.unsignedReason ?? null,
      };
    },
    abort: write.abort,
  };
}
