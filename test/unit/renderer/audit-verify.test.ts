import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../core/model';
import { LedgerDatabase } from '../../../renderer/src/db/db';
import { openUnauditedConnection } from '../../../renderer/src/db/unaudited';
import type { VerifyProgress } from '../../../renderer/src/features/audit/verify';
import { verifyLedger } from '../../../renderer/src/features/audit/verify';

let db: LedgerDatabase;
let name: string;

function workspace(n: number): Workspace {
  return {
    id: `w${String(n).padStart(5, '0')}`,
    name: `Workspace ${n}`,
    description: '',
    createdAt: '2026-11-26T09:00:00.000Z',
    updatedAt: '2026-11-26T09:00:00.000Z',
  };
}

/** More entries and records than one page holds, so every step crosses a page boundary. */
const PAGE = 100;
const COUNT = PAGE * 2 + 30;

beforeEach(async () => {
  name = `verify-${crypto.randomUUID()}`;
  db = new LedgerDatabase(name, {
    actor: () => 'alice',
    now: () => new Date('2026-11-27T12:00:00Z'),
  });
  await db.open();
  await db.workspaces.bulkAdd(Array.from({ length: COUNT }, (_, index) => workspace(index + 1)));
});

afterEach(async () => {
  await db.delete();
});

/** Changes made behind the app's back: the same database without the audit middleware. */
async function behindTheBack(
  work: (raw: ReturnType<typeof openUnauditedConnection>) => Promise<unknown>,
) {
  const raw = openUnauditedConnection(name);
  try {
    await work(raw);
  } finally {
    raw.close();
  }
}

describe('verifying the ledger in short transactions', () => {
  it('finds an intact ledger intact and reports progress through both phases', async () => {
    const progress: VerifyProgress[] = [];
    const verdict = await verifyLedger(db, {
      pageSize: PAGE,
      onProgress: (step) => progress.push(step),
    });
    expect(verdict).toMatchObject({ entries: COUNT, headMatches: true, mismatches: [] });
    expect(verdict.chain.ok).toBe(true);
    expect(progress.filter((step) => step.phase === 'chain').map((step) => step.done)).toEqual([
      PAGE,
      PAGE * 2,
      COUNT,
    ]);
    expect(progress.at(-1)).toEqual({ phase: 'records', done: COUNT, total: COUNT });
  });

  it('keeps people working: writes between its transactions are checked, not reported', async () => {
    let writes = 0;
    const pending: Promise<unknown>[] = [];
    const verdict = await verifyLedger(db, {
      pageSize: PAGE,
      onProgress: (step) => {
        if (step.phase !== 'records' || writes >= 3) return;
        writes += 1;
        // A record before the page already read, one edited there, and one deleted there.
        pending.push(
          db.workspaces.add({ ...workspace(0), id: `a-new-${writes}` }),
          db.workspaces.update(workspace(writes).id, { name: `Renamed ${writes}` }),
          db.workspaces.delete(workspace(100 + writes).id),
        );
      },
    });
    await Promise.all(pending);
    expect(writes).toBeGreaterThan(0);
    expect(verdict.mismatches).toEqual([]);
    expect(verdict.headMatches).toBe(true);
    expect(verdict.entries).toBe(COUNT + writes * 3);
  });

  it('finds records changed, added and deleted behind the app’s back', async () => {
    await behindTheBack(async (raw) => {
      await raw.table('workspaces').update(workspace(7).id, { name: 'Forged' });
      await raw.table('workspaces').delete(workspace(222).id);
      await raw.table('workspaces').add({ ...workspace(0), id: 'w-smuggled' });
    });
    const verdict = await verifyLedger(db, { pageSize: PAGE });
    expect(verdict.chain.ok).toBe(true);
    expect(verdict.mismatches).toEqual(
      expect.arrayContaining([
        { entity: 'workspaces', key: workspace(7).id, problem: 'changed-outside-the-log' },
        { entity: 'workspaces', key: 'w-smuggled', problem: 'added-outside-the-log' },
        { entity: 'workspaces', key: workspace(222).id, problem: 'deleted-outside-the-log' },
      ]),
    );
    expect(verdict.mismatches).toHaveLength(3);
  });

  it('finds a broken link and entries cut from the end of the log', async () => {
    await behindTheBack((raw) => raw.table('auditLog').update(PAGE + 5, { actor: 'mallory' }));
    const broken = await verifyLedger(db, { pageSize: PAGE });
    expect(broken.chain).toMatchObject({
      ok: false,
      checked: PAGE + 4,
      firstBreak: { seq: PAGE + 5, reason: 'hash-mismatch' },
    });
    await behindTheBack(async (raw) => {
      await raw
        .table('auditLog')
        .where('seq')
        .aboveOrEqual(PAGE + 5)
        .delete();
    });
    const cut = await verifyLedger(db, { pageSize: PAGE });
    expect(cut.chain.ok).toBe(true);
    expect(cut.headMatches).toBe(false);
    expect(cut.storedHead.seq).toBe(COUNT);
  });

  it('stops when cancelled, between two transactions', async () => {
    const controller = new AbortController();
    let steps = 0;
    const run = verifyLedger(db, {
      pageSize: PAGE,
      signal: controller.signal,
      onProgress: () => {
        steps += 1;
        controller.abort(new Error('Verification cancelled.'));
      },
    });
    await expect(run).rejects.toThrow('Verification cancelled.');
    expect(steps).toBe(1);
  });
});
