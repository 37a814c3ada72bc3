import type { WriteTarget } from '../../../../core/ipc/contract';
import { batchingSink } from '../../../../core/archive/writer';
import { getApi } from '../../app/api';
import type { ArchiveTarget } from './backup';

/**
 * Archive bytes go to the main process in chunks far below the 64 MiB message limit (the
 * Chromium host carries them as base64 JSON), each awaited, so the renderer holds one chunk.
 */
const CHUNK_BYTES = 8 * 1024 * 1024;

export async function openIpcTarget(target: WriteTarget): Promise<ArchiveTarget | null> {
  const api = getApi();
  const { writeId } = await api.fileBeginWrite({ target });
  if (writeId === null) return null;
  const sink = batchingSink(async (chunk) => {
    await api.fileWriteChunk({ writeId, data: chunk });
  }, CHUNK_BYTES);
  return {
    sink,
    async commit() {
      await sink.flush();
      return api.fileFinishWrite({ writeId, verify: 'archive' });
    },
    async abort() {
      await api.fileAbortWrite({ writeId });
    },
  };
}
