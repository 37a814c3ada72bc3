import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { writeArchive } from '../../../core/archive/writer';
import type { Handlers } from '../../../main/handlers';
import { createHandlers, dispatch } from '../../../main/handlers';
import type { Platform } from '../../../main/platform';
import { unavailableSecretStorage } from '../../../main/platform';
import { WriteSessions } from '../../../main/services/write-sessions';
import { ARCHIVE_OPTIONS, memorySink, syntheticLedger } from '../../support/ledger';

function setup(options: { chooseFolder?: string | null; saveTo?: string | null } = {}) {
  const root = mkdtempSync(path.join(tmpdir(), 'backup-handlers-'));
  const dataPath = path.join(root, 'data');
  const folder = path.join(root, 'backups');
  const platform: Platform = {
    host: 'chromium',
    appName: 'Demo Ledger',
    appVersion: '1.2.3',
    dataPath,
    secrets: unavailableSecretStorage,
    chooseSavePath: vi.fn(async () => options.saveTo ?? null),
    chooseFolder: vi.fn(async () =>
      options.chooseFolder === undefined ? folder : options.chooseFolder,
    ),
    openExternal: vi.fn(async () => undefined),
  };
  const writes = new WriteSessions();
  const handlers = createHandlers({ platform, writes });
  const call = async (channel: keyof Handlers, input?: unknown) =>
    dispatch(handlers, channel, input);
  return { root, folder, platform, writes, call };
}

/** Chooses the backup folder and starts a write there. */
async function beginInFolder(
  call: ReturnType<typeof setup>['call'],
): Promise<{ value: { writeId: string } }> {
  await call('backup:chooseFolder');
  return (await call('file:beginWrite', {
    target: { to: 'backup-folder', suggestedName: 'demo-ledger-backup-20261126T120000Z.dlbackup' },
  })) as { value: { writeId: string } };
}

async function archiveBytes(): Promise<Uint8Array> {
  const sink = memorySink();
  await writeArchive(syntheticLedger().tables, sink, ARCHIVE_OPTIONS);
  return sink.bytes();
}

describe('chunked writes into the backup folder', () => {
  it('write a verified archive in chunks under its name, never a partial file', async () => {
    const { folder, call, writes } = setup();
    expect(
      await call('file:beginWrite', {
        target: { to: 'backup-folder', suggestedName: 'x.dlbackup' },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'No backup folder has been chosen yet.' },
    });
    expect(await call('backup:chooseFolder')).toEqual({ ok: true, value: { path: folder } });
    const name = 'demo-ledger-backup-20261126T120000Z.dlbackup';
    const begun = await call('file:beginWrite', {
      target: { to: 'backup-folder', suggestedName: name },
    });
    expect(begun.ok).toBe(true);
    const { writeId } = (begun as { value: { writeId: string } }).value;
    const bytes = await archiveBytes();
    for (let offset = 0; offset < bytes.length; offset += 5000) {
      await call('file:writeChunk', { writeId, data: bytes.slice(offset, offset + 5000) });
    }
    expect(readdirSync(folder).filter((file) => !file.endsWith('.partial'))).toEqual([]);
    const finished = await call('file:finishWrite', { writeId, verify: 'archive' });
    expect(finished).toMatchObject({
      ok: true,
      value: { path: path.join(folder, name), size: bytes.length },
    });
    expect(new Uint8Array(readFileSync(path.join(folder, name)))).toEqual(bytes);
    expect(readdirSync(folder)).toEqual([name]);
    expect(writes.open).toBe(0);
  });

  it('verify an archive as it arrives when asked to at the start, and refuse a damaged one', async () => {
    const { folder, call } = setup();
    await call('backup:chooseFolder');
    const bytes = await archiveBytes();
    const damaged = bytes.slice();
    damaged[damaged.length - 3000] = (damaged[damaged.length - 3000] ?? 0) ^ 0xff;
    const kept: string[] = [];
    for (const [index, content] of [bytes, damaged].entries()) {
      const begun = (await call('file:beginWrite', {
        target: { to: 'backup-folder', suggestedName: `archive-${index}.dlbackup` },
        verify: 'archive',
      })) as { value: { writeId: string } };
      for (let offset = 0; offset < content.length; offset += 4096) {
        await call('file:writeChunk', {
          writeId: begun.value.writeId,
          data: content.slice(offset, offset + 4096),
        });
      }
      const finished = await call('file:finishWrite', {
        writeId: begun.value.writeId,
        verify: 'archive',
      });
      if (finished.ok) kept.push(path.basename((finished.value as { path: string }).path));
      else
        expect((finished as { error: { message: string } }).error.message).toMatch(
          /did not verify and was not kept/,
        );
    }
    expect(kept).toEqual(['archive-0.dlbackup']);
    expect(readdirSync(folder)).toEqual(['archive-0.dlbackup']);
  });

  it('refuse to keep an archive that does not verify, and remove it', async () => {
    const { folder, call } = setup();
    const begun = await beginInFolder(call);
    const bytes = await archiveBytes();
    bytes[bytes.length - 3000] = (bytes[bytes.length - 3000] ?? 0) ^ 0xff;
    await call('file:writeChunk', { writeId: begun.value.writeId, data: bytes });
    const finished = await call('file:finishWrite', {
      writeId: begun.value.writeId,
      verify: 'archive',
    });
    expect(finished).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect((finished as { error: { message: string } }).error.message).toMatch(
      /did not verify and was not kept/,
    );
    expect(readdirSync(folder)).toEqual([]);
  });

  it('abort removes what was written; unknown write ids are refused', async () => {
    const { folder, call } = setup();
    const begun = await beginInFolder(call);
    await call('file:writeChunk', { writeId: begun.value.writeId, data: new Uint8Array(10) });
    expect(await call('file:abortWrite', { writeId: begun.value.writeId })).toEqual({
      ok: true,
      value: { aborted: true },
    });
    expect(readdirSync(folder)).toEqual([]);
    expect(
      await call('file:writeChunk', { writeId: begun.value.writeId, data: new Uint8Array(1) }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('cannot be pointed outside the chosen folder by the renderer', async () => {
    const { call } = setup();
    await call('backup:chooseFolder');
    for (const suggestedName of ['../escape.dlbackup', '/etc/passwd', 'a\\b']) {
      expect(
        await call('file:beginWrite', { target: { to: 'backup-folder', suggestedName } }),
      ).toMatchObject({
        ok: false,
        error: { code: 'invalid-input' },
      });
    }
  });

  it('saves through the dialog target, and a cancelled dialog writes nothing', async () => {
    const saveTo = path.join(mkdtempSync(path.join(tmpdir(), 'save-')), 'copy.dlbackup');
    const { call } = setup({ saveTo });
    const begun = (await call('file:beginWrite', {
      target: { to: 'dialog', suggestedName: 'copy.dlbackup' },
    })) as {
      value: { writeId: string; path: string };
    };
    expect(begun.value.path).toBe(saveTo);
    await call('file:writeChunk', {
      writeId: begun.value.writeId,
      data: new TextEncoder().encode('hello'),
    });
    await call('file:finishWrite', { writeId: begun.value.writeId });
    expect(readFileSync(saveTo, 'utf8')).toBe('hello');
    const cancelled = setup({ saveTo: null });
    expect(
      await cancelled.call('file:beginWrite', {
        target: { to: 'dialog', suggestedName: 'x.dlbackup' },
      }),
    ).toEqual({
      ok: true,
      value: { writeId: null, path: null },
    });
  });
});

/** Writes `name` into the backup folder the way the app does, through a write session. */
async function writeBackup(call: ReturnType<typeof setup>['call'], name: string): Promise<void> {
  const begun = (await call('file:beginWrite', {
    target: { to: 'backup-folder', suggestedName: name },
  })) as { value: { writeId: string } };
  await call('file:writeChunk', { writeId: begun.value.writeId, data: new Uint8Array([1, 2]) });
  await call('file:finishWrite', { writeId: begun.value.writeId });
}

describe('backup retention', () => {
  it('lists backups oldest first and prunes only backups, keeping the newest', async () => {
    const { folder, call } = setup();
    await call('backup:chooseFolder');
    const names = [
      'demo-ledger-backup-20261124T120000Z.dlbackup',
      'demo-ledger-backup-20261125T120000Z.dlbackup',
      'demo-ledger-backup-20261126T120000Z.dlbackup',
    ];
    for (const name of [names[1], names[0], names[2]]) await writeBackup(call, name ?? '');
    await writeBackup(call, 'notes.txt');
    const listed = (await call('backup:list')) as { value: { backups: { name: string }[] } };
    expect(listed.value.backups.map((file) => file.name)).toEqual(names);
    expect(await call('backup:prune', { keep: 1 })).toEqual({
      ok: true,
      value: { deleted: names.slice(0, 2) },
    });
    expect(readdirSync(folder).sort()).toEqual(
      ['demo-ledger-backup-20261126T120000Z.dlbackup', 'notes.txt'].sort(),
    );
    expect(await call('backup:prune', { keep: 0 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(existsSync(path.join(folder, 'notes.txt'))).toBe(true);
  });

  it('lists and prunes only the files it wrote, never a file put there under a backup name', async () => {
    const { folder, call, platform } = setup();
    await call('backup:chooseFolder');
    const ours = 'demo-ledger-backup-20261126T120000Z.dlbackup';
    await writeBackup(call, ours);
    const planted = [
      'demo-ledger-backup-20261101T120000Z.dlbackup',
      'demo-ledger-backup-20261102T120000Z.dlbackup',
    ];
    for (const name of planted) writeFileSync(path.join(folder, name), 'not ours');
    const listed = (await call('backup:list')) as { value: { backups: { name: string }[] } };
    expect(listed.value.backups.map((file) => file.name)).toEqual([ours]);
    expect(await call('backup:prune', { keep: 1 })).toEqual({ ok: true, value: { deleted: [] } });
    expect(readdirSync(folder).sort()).toEqual([...planted, ours].sort());
    // A backup of ours replaced by another file of another size is no longer ours either.
    writeFileSync(path.join(folder, ours), 'replaced by someone else');
    expect(await call('backup:list')).toMatchObject({ ok: true, value: { backups: [] } });
    const settings = path.join(platform.dataPath, 'backup-folder.json');
    expect((statSync(settings).mode & 0o777).toString(8)).toBe('600');
  });

  it('takes over the backups an earlier version listed, once, when it recorded none', async () => {
    const { folder, call, platform } = setup();
    mkdirSync(folder, { recursive: true });
    mkdirSync(platform.dataPath, { recursive: true });
    const earlier = 'demo-ledger-backup-20261120T120000Z.dlbackup';
    writeFileSync(path.join(folder, earlier), 'an earlier backup');
    writeFileSync(path.join(platform.dataPath, 'backup-folder.json'), JSON.stringify({ folder }));
    const listed = (await call('backup:list')) as { value: { backups: { name: string }[] } };
    expect(listed.value.backups.map((file) => file.name)).toEqual([earlier]);
    writeFileSync(path.join(folder, 'demo-ledger-backup-20261121T120000Z.dlbackup'), 'later');
    const again = (await call('backup:list')) as { value: { backups: { name: string }[] } };
    expect(again.value.backups.map((file) => file.name)).toEqual([earlier]);
  });
});
