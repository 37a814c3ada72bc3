import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LedgerDatabase } from '../../../renderer/src/db/db';
import { labelTransaction } from '../../../renderer/src/db/audit';
import type { AuditCursor, AuditFilter } from '../../../renderer/src/features/audit/log-query';
import { auditFacets, readAuditPage } from '../../../renderer/src/features/audit/log-query';

let db: LedgerDatabase;
let actor = 'alice';
let clock = 0;

beforeEach(async () => {
  clock = Date.parse('2026-11-26T09:00:00.000Z');
  actor = 'alice';
  db = new LedgerDatabase(`log-query-${crypto.randomUUID()}`, {
    actor: () => actor,
    now: () => new Date((clock += 1000)),
  });
  await db.open();
  // 30 workspaces by alice, then bob renames 10 and imports 5 teams: 45 entries.
  for (let index = 1; index <= 30; index += 1) {
    await db.workspaces.add({
      id: `w${index}`,
      name: `Workspace ${index}`,
      description: '',
      createdAt: '2026-11-26T09:00:00.000Z',
      updatedAt: '2026-11-26T09:00:00.000Z',
    });
  }
  actor = 'bob';
  for (let index = 1; index <= 10; index += 1)
    await db.workspaces.update(`w${index}`, { name: `Renamed ${index}` });
  await db.transaction('rw', db.teams, async (transaction) => {
    labelTransaction(transaction, 'import');
    for (let index = 1; index <= 5; index += 1) {
      await db.teams.add({
        id: `t${index}`,
        workspaceId: 'w1',
        name: `Team ${index}`,
        product: '',
        createdAt: '',
        updatedAt: '',
      });
    }
  });
  actor = 'alice';
});

afterEach(async () => {
  await db.delete();
});

const seqs = async (filter: AuditFilter, cursor: AuditCursor, size = 10) => {
  const page = await readAuditPage(db, filter, cursor, size);
  return {
    seqs: page.entries.map((entry) => entry.seq),
    older: page.hasOlder,
    newer: page.hasNewer,
  };
};

describe('the audit log query', () => {
  it('pages newest first, both ways, knowing whether there is more', async () => {
    expect(await seqs({}, { kind: 'latest' })).toEqual({
      seqs: [45, 44, 43, 42, 41, 40, 39, 38, 37, 36],
      older: true,
      newer: false,
    });
    expect(await seqs({}, { kind: 'older', than: 6 })).toEqual({
      seqs: [5, 4, 3, 2, 1],
      older: false,
      newer: true,
    });
    expect(await seqs({}, { kind: 'newer', than: 30 })).toEqual({
      seqs: [40, 39, 38, 37, 36, 35, 34, 33, 32, 31],
      older: true,
      newer: true,
    });
    expect(await seqs({}, { kind: 'at', seq: 12 }, 3)).toEqual({
      seqs: [12, 11, 10],
      older: true,
      newer: true,
    });
  });

  it('filters by actor, action, entity, one record and time, paging within the filter', async () => {
    expect((await seqs({ actor: 'bob' }, { kind: 'latest' }, 20)).seqs).toEqual(
      Array.from({ length: 15 }, (_, index) => 45 - index),
    );
    expect(await seqs({ actor: 'bob' }, { kind: 'older', than: 42 }, 4)).toEqual({
      seqs: [41, 40, 39, 38],
      older: true,
      newer: true,
    });
    expect(await seqs({ actor: 'alice' }, { kind: 'newer', than: 25 }, 10)).toEqual({
      seqs: [30, 29, 28, 27, 26],
      older: true,
      newer: false,
    });
    expect((await seqs({ action: 'import' }, { kind: 'latest' })).seqs).toEqual([
      45, 44, 43, 42, 41,
    ]);
    expect((await seqs({ entity: 'teams', actor: 'bob' }, { kind: 'latest' })).seqs).toEqual([
      45, 44, 43, 42, 41,
    ]);
    expect((await seqs({ entity: 'teams', actor: 'alice' }, { kind: 'latest' })).seqs).toEqual([]);
    expect((await seqs({ entity: 'workspaces', key: 'w3' }, { kind: 'latest' })).seqs).toEqual([
      33, 3,
    ]);
    // Entry n was written at 09:00:0n (one second apart).
    const from = '2026-11-26T09:00:05.000Z';
    const to = '2026-11-26T09:00:08.000Z';
    expect((await seqs({ from, to }, { kind: 'latest' })).seqs).toEqual([8, 7, 6, 5]);
    expect(await seqs({ from, to }, { kind: 'latest' }, 2)).toEqual({
      seqs: [8, 7],
      older: true,
      newer: false,
    });
  });

  it('lists the values each filter can take', async () => {
    expect(await auditFacets(db)).toEqual({
      entities: ['teams', 'workspaces'],
      actors: ['alice', 'bob'],
      actions: ['edit', 'import'],
    });
  });
});
