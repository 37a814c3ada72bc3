import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ArchiveVerdict } from '../../../core/archive/verify';
import { verifyArchive } from '../../../core/archive/verify';
import { writeArchive } from '../../../core/archive/writer';
import { concatBytes } from '../../../core/util/bytes';
import { WriteSessions } from '../../../main/services/write-sessions';
import { ARCHIVE_OPTIONS, memorySink, syntheticLedger } from '../../support/ledger';

const scratch = mkdtempSync(path.join(tmpdir(), 'write-sessions-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function archiveBytes(): Promise<Uint8Array> {
  const sink = memorySink();
  await writeArchive(syntheticLedger().tables, sink, ARCHIVE_OPTIONS);
  return sink.bytes();
}

function folder(): string {
  return mkdtempSync(path.join(scratch, 'folder-'));
}

describe('write sessions verifying as they write', () => {
  it('hand the verifier exactly the bytes written, and finish with its verdict', async () => {
    const bytes = await archiveBytes();
    const seen: Uint8Array[] = [];
    const writes = new WriteSessions();
    const dir = folder();
    const { writeId } = await writes.begin(dir, 'a.dlbackup', {
      verify: async (content) => {
        const [mine, theirs] = content.tee();
        const reading = (async () => {
          const reader = mine.getReader();
          for (let next = await reader.read(); !next.done; next = await reader.read())
            seen.push(next.value);
        })();
        const verdict = await verifyArchive(theirs);
        await reading;
        return verdict;
      },
    });
    for (let offset = 0; offset < bytes.length; offset += 3000) {
      await writes.write(writeId, bytes.slice(offset, offset + 3000));
    }
    let handed: ArchiveVerdict | null = null;
    const finished = await writes.finish(writeId, async (_file, verdict) => {
      handed = verdict;
    });
    expect(concatBytes(seen)).toEqual(bytes);
    expect(new Uint8Array(readFileSync(finished.path))).toEqual(bytes);
    expect(handed).toMatchObject({ ok: true, problems: [] });
  });

  it('wait for a verifier that lags behind, holding a chunk or two, never the file', async () => {
    const writes = new WriteSessions();
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let read = 0;
    const { writeId } = await writes.begin(folder(), 'slow.bin', {
      verify: async (content) => {
        const reader = content.getReader();
        await gate;
        for (;;) {
          const { done } = await reader.read();
          if (done) break;
          read += 1;
        }
        return verifyArchive(new Blob([]).stream());
      },
    });
    let written = 0;
    const writing = (async () => {
      for (let chunk = 0; chunk < 10; chunk += 1) {
        await writes.write(writeId, new Uint8Array(100).fill(chunk));
        written += 1;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(written).toBeLessThanOrEqual(3);
    release();
    await writing;
    await writes.finish(writeId);
    expect(read).toBe(10);
  });

  it('keep writing once a verifier has stopped early, and drop it with an aborted write', async () => {
    const writes = new WriteSessions();
    const dir = folder();
    const { writeId } = await writes.begin(dir, 'junk.dlbackup', {
      verify: (content) => verifyArchive(content),
    });
    // Not an archive: the verifier gives up at the first header; the writes go on.
    for (let chunk = 0; chunk < 5; chunk += 1) {
      await writes.write(writeId, new Uint8Array(4096).fill(7));
    }
    let handed: ArchiveVerdict | null = null;
    await writes
      .finish(writeId, async (_file, verdict) => {
        handed = verdict;
        throw new Error('not kept');
      })
      .catch(() => undefined);
    expect(handed).toMatchObject({ ok: false });
    expect(readdirSync(dir)).toEqual([]);

    let ended: unknown = null;
    const second = await writes.begin(dir, 'cancelled.dlbackup', {
      verify: async (content) => {
        const reader = content.getReader();
        try {
          while (!(await reader.read()).done);
        } catch (error) {
          ended = error;
        }
        return verifyArchive(new Blob([]).stream());
      },
    });
    await writes.write(second.writeId, new Uint8Array(10));
    await writes.abort(second.writeId);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ended).not.toBeNull();
    expect(readdirSync(dir)).toEqual([]);
  });
});
