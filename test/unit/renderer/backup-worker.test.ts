// @vitest-environment node
// Node's own Blob survives fake-indexeddb's structured clone; happy-dom's does not.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyArchive } from '../../../core/archive/verify';
import type { ArchiveProgress } from '../../../core/archive/writer';
import { concatBytes } from '../../../core/util/bytes';
import type { JobBody, JobHost, JobScope } from '../../../renderer/src/lib/workerJob';
import { runWorkerJob, serveWorkerJob } from '../../../renderer/src/lib/workerJob';
import type { BackupResult } from '../../../renderer/src/features/backup/backup';
import type { BackupHost } from '../../../renderer/src/features/backup/backup-job';
import { memorySink } from '../../support/ledger';

/** What main was asked to do with backup files, through the app's host API. */
const api = {
  fileBeginWrite: vi.fn(async () => ({ writeId: 'write-1' })),
  fileWriteChunk: vi.fn(async (_: { writeId: string; data: Uint8Array }) => ({})),
  fileFinishWrite: vi.fn(async () => ({
    path: '/backups/ledger.dlbackup',
    size: 1,
    sha256: '0'.repeat(64),
    signedBy: null,
    unsignedReason: 'backup: nobody unlocked',
  })),
  fileAbortWrite: vi.fn(async () => ({})),
};
vi.mock('../../../renderer/src/app/api', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getApi: () => api,
}));

const { LedgerDatabase } = await import('../../../renderer/src/db/db');
const { backupJob } = await import('../../../renderer/src/features/backup/backup-job');
const { BackupCancelledError, startBackup } =
  await import('../../../renderer/src/features/backup/commands');
const { RestoreCancelledError, inspectArchive, startRestore } =
  await import('../../../renderer/src/features/backup/restore');
type Ledger = InstanceType<typeof LedgerDatabase>;

const now = () => new Date('2026-11-26T12:00:00.000Z');
const opened: Ledger[] = [];
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

afterEach(async () => {
  vi.clearAllMocks();
  for (const db of opened.splice(0)) await db.delete();
});

async function ledgerWith(workspaces: number): Promise<Ledger> {
  const db = new LedgerDatabase(`worker-${crypto.randomUUID()}`, { actor: () => 'alice', now });
  opened.push(db);
  const at = now().toISOString();
  await db.workspaces.bulkAdd(
    Array.from({ length: workspaces }, (_, index) => ({
      id: id(index + 1),
      name: `Workspace ${index + 1}`,
      description: 'x'.repeat(200),
      createdAt: at,
      updatedAt: at,
    })),
  );
  return db;
}

/** Every row of every table, as JSON: equal snapshots mean an unchanged ledger. */
async function snapshot(db: Ledger): Promise<string> {
  const tables: Record<string, unknown[]> = {};
  for (const table of db.tables) tables[table.name] = await table.toArray();
  return JSON.stringify(tables);
}

/**
 * A worker made of a MessageChannel: the job is served on one port exactly as in a worker
 * (serveWorkerJob), the window talks to the other, so messages are structured-cloned and
 * transferred buffers really move.
 */
function channelWorker<Request, Result, Progress, Host extends JobHost>(
  body: JobBody<Request, Result, Progress, Host>,
): { worker: Worker; terminated: () => boolean } {
  const channel = new MessageChannel();
  let terminated = false;
  const scope: JobScope = {
    postMessage: (message, transfer) => channel.port2.postMessage(message, transfer ?? []),
    set onmessage(handler: ((event: MessageEvent) => void) | null) {
      channel.port2.onmessage = handler;
    },
    get onmessage() {
      return channel.port2.onmessage;
    },
  };
  serveWorkerJob(scope, body);
  const worker = {
    postMessage: (message: unknown, transfer?: Transferable[]) =>
      channel.port1.postMessage(message, transfer ?? []),
    set onmessage(handler: ((event: MessageEvent) => void) | null) {
      channel.port1.onmessage = handler;
    },
    onerror: null,
    terminate() {
      terminated = true;
      channel.port1.close();
    },
  };
  return { worker: worker as unknown as Worker, terminated: () => terminated };
}

const options = <P>(onProgress: (progress: P) => void) => ({
  onProgress,
  cancelled: () => new Error('cancelled by the test'),
  failure: 'the job failed',
});

describe('jobs on a worker', () => {
  it('reports progress, calls the window with moved buffers, and answers its result', async () => {
    type Host = { sum(bytes: Uint8Array): Promise<number> };
    let moved = -1;
    const { worker, terminated } = channelWorker<{ n: number }, number, string, Host>(
      async (request, { progress, call }) => {
        progress('started');
        const bytes = new Uint8Array([request.n, 2, 3]);
        const total = await call('sum', bytes, [bytes.buffer]);
        moved = bytes.byteLength;
        progress('summed');
        return total * 10;
      },
    );
    const seen: string[] = [];
    const job = runWorkerJob<number, string, Host>(
      worker,
      { n: 1 },
      options((p: string) => seen.push(p)),
      { sum: async (bytes) => bytes.reduce((a, b) => a + b, 0) },
    );
    expect(await job.result).toBe(60);
    expect(seen).toEqual(['started', 'summed']);
    expect(moved).toBe(0);
    expect(terminated()).toBe(true);
  });

  it('passes a failure on either side back as the job’s error', async () => {
    type Host = { refuse(reason: string): Promise<void> };
    const host: Host = {
      refuse: async (reason) => {
        throw new Error(reason);
      },
    };
    const refused = channelWorker<null, string, never, Host>(async (_, { call }) => {
      await call('refuse', 'main said no');
      return 'not reached';
    });
    await expect(
      runWorkerJob(
        refused.worker,
        null,
        options(() => undefined),
        host,
      ).result,
    ).rejects.toThrow('main said no');
    const missing = channelWorker<null, string, never, JobHost>(async (_, { call }) => {
      await call('nothing', null as never);
      return 'not reached';
    });
    await expect(
      runWorkerJob(
        missing.worker,
        null,
        options(() => undefined),
        {},
      ).result,
    ).rejects.toThrow('The window offers no nothing.');
  });

  it('cancelling rejects at once and ends the worker', async () => {
    const { worker, terminated } = channelWorker<null, string, number, JobHost>(
      async (_, { progress }) => {
        progress(1);
        await new Promise(() => undefined);
        return 'never';
      },
    );
    const job = runWorkerJob<string, number>(
      worker,
      null,
      options(() => job.cancel()),
    );
    await expect(job.result).rejects.toThrow('cancelled by the test');
    expect(terminated()).toBe(true);
  });

  it('writes a backup on the worker’s own connection, chunk by chunk through the window', async () => {
    const db = await ledgerWith(40);
    const sink = memorySink();
    const progress: ArchiveProgress[] = [];
    const { worker } = channelWorker(backupJob);
    const result = await runWorkerJob<BackupResult | null, ArchiveProgress, BackupHost>(
      worker,
      {
        database: db.name,
        createdBy: 'alice',
        app: { name: 'Demo Ledger', version: '0.1.0' },
        createdAt: now().toISOString(),
        signing: undefined,
      },
      options((p: ArchiveProgress) => progress.push(p)),
      {
        open: async () => true,
        write: (chunk: Uint8Array) => sink.write(chunk),
        commit: async () => ({
          path: 'memory',
          size: sink.bytes().length,
          sha256: '',
          signedBy: null,
          unsignedReason: null,
        }),
        abort: async () => undefined,
      },
    ).result;
    expect(result?.manifest.audit.head).toEqual(await db.auditHead());
    expect(progress.map((p) => p.table)).toContain('workspaces');
    const verdict = await verifyArchive(new Blob([sink.bytes()]).stream());
    expect(verdict.problems).toEqual([]);
    expect(verdict.manifest?.database.tables.find((t) => t.name === 'workspaces')?.rows).toBe(40);
  });
});

describe('backup and restore as jobs', () => {
  const request = (db: Ledger) => ({
    database: db.name,
    createdBy: 'alice',
    app: { name: 'Demo Ledger', version: '0.1.0' },
    createdAt: now().toISOString(),
    signing: undefined,
  });

  it('a backup goes to main in chunks and is kept; a cancelled one is dropped', async () => {
    const db = await ledgerWith(30);
    const kept = await startBackup(request(db), { to: 'scratch', suggestedName: 'a.dlbackup' })
      .result;
    expect(kept?.path).toBe('/backups/ledger.dlbackup');
    const bytes = concatBytes(api.fileWriteChunk.mock.calls.map(([call]) => call.data));
    expect((await verifyArchive(new Blob([bytes]).stream())).ok).toBe(true);
    expect(api.fileFinishWrite).toHaveBeenCalledWith({ writeId: 'write-1', verify: 'backup' });
    expect(api.fileAbortWrite).not.toHaveBeenCalled();

    vi.clearAllMocks();
    const job = startBackup(
      request(db),
      { to: 'scratch', suggestedName: 'b.dlbackup' },
      ({ table }) => {
        if (table === 'auditLog') job.cancel();
      },
    );
    await expect(job.result).rejects.toBeInstanceOf(BackupCancelledError);
    expect(api.fileFinishWrite).not.toHaveBeenCalled();
    expect(api.fileAbortWrite).toHaveBeenCalledWith({ writeId: 'write-1' });
  });

  it('a restore cancelled while it writes leaves the ledger exactly as it was', async () => {
    const source = await ledgerWith(300);
    await startBackup(request(source), { to: 'scratch', suggestedName: 'c.dlbackup' }).result;
    const archive = new Blob([
      concatBytes(api.fileWriteChunk.mock.calls.map(([call]) => call.data)),
    ]);
    const target = await ledgerWith(2);
    await target.settings.put({ key: 'theme', value: 'dark' });
    const before = await snapshot(target);
    const inspection = await inspectArchive(target, archive);
    expect(inspection.verdict.ok).toBe(true);
    // The log and the workspaces at least: the restore is cancelled after its first part.
    const parts = inspection.verdict.manifest?.database.tables.flatMap((table) => table.parts);
    expect(parts?.length).toBeGreaterThan(1);

    const phases: string[] = [];
    const job = startRestore(target, archive, inspection, {
      replace: true,
      onProgress: (progress) => {
        phases.push(progress.phase);
        if (progress.phase === 'writing') job.cancel();
      },
    });
    await expect(job.result).rejects.toBeInstanceOf(RestoreCancelledError);
    expect(phases).toEqual(['writing']);
    expect(await snapshot(target)).toBe(before);

    // Left alone, the same archive restores in full, and the restored log is checked.
    const seen = new Set<string>();
    const result = await startRestore(target, archive, inspection, {
      replace: true,
      onProgress: (progress) => seen.add(progress.phase),
    }).result;
    expect([...seen]).toEqual(['writing', 'checking']);
    expect(result.ledger).toMatchObject({ mismatches: [], headMatches: true });
    expect(await target.workspaces.count()).toBe(300);
  });
});
