import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../core/audit/chain';
import { LedgerDatabase } from '../../../renderer/src/db/db';
import { verifyLedger } from '../../../renderer/src/features/audit/verify';

const now = () => new Date('2026-11-26T12:00:00.000Z');
let db: LedgerDatabase;
let actor = 'alice';

function workspace(id: string, name = `Workspace ${id}`) {
  return {
    id,
    name,
    description: '',
    createdAt: now().toISOString(),
    updatedAt: now().toISOString(),
  };
}

beforeEach(async () => {
  db = new LedgerDatabase(`audit-test-${crypto.randomUUID()}`, { actor: () => actor, now });
  await db.open();
});

afterEach(async () => {
  await db.delete();
});

describe('audit middleware', () => {
  it('appends one linked entry per row written, with actor, action and diff', async () => {
    await db.workspaces.add(workspace('w1'));
    actor = 'bob';
    await db.workspaces.update('w1', { name: 'Renamed' });
    actor = 'alice';
    await db.workspaces.delete('w1');
    const entries = await db.auditLog.orderBy('seq').toArray();
    expect(
      entries.map((entry) => [entry.seq, entry.op, entry.actor, entry.entity, entry.key]),
    ).toEqual([
      [1, 'create', 'alice', 'workspaces', 'w1'],
      [2, 'update', 'bob', 'workspaces', 'w1'],
      [3, 'delete', 'alice', 'workspaces', 'w1'],
    ]);
    expect(entries[1]?.diff).toEqual({ changes: { name: ['Workspace w1', 'Renamed'] } });
    expect(verifyChain(entries).ok).toBe(true);
    expect(await db.auditHead()).toEqual({ seq: 3, hash: entries[2]?.hash });
  });

  it('records bulk writes, collection deletes and clear() row by row', async () => {
    await db.workspaces.bulkAdd([workspace('a'), workspace('b'), workspace('c')]);
    await db.workspaces.where('id').anyOf(['a', 'b']).delete();
    await db.workspaces.clear();
    const entries = await db.auditLog.orderBy('seq').toArray();
    expect(entries.map((entry) => `${entry.op}:${entry.key}`)).toEqual([
      'create:a',
      'create:b',
      'create:c',
      'delete:a',
      'delete:b',
      'delete:c',
    ]);
    expect(verifyChain(entries).ok).toBe(true);
  });

  it('keeps the chain linear when one transaction writes concurrently', async () => {
    await db.transaction('rw', db.workspaces, async () => {
      await Promise.all(['1', '2', '3', '4'].map((id) => db.workspaces.add(workspace(id))));
    });
    const entries = await db.auditLog.orderBy('seq').toArray();
    expect(entries).toHaveLength(4);
    expect(verifyChain(entries).ok).toBe(true);
  });

  it('writes nothing to the log when the transaction rolls back', async () => {
    await db.workspaces.add(workspace('keep'));
    await expect(
      db.transaction('rw', db.workspaces, async () => {
        await db.workspaces.add(workspace('lost'));
        throw new Error('interrupted import');
      }),
    ).rejects.toThrow('interrupted import');
    expect(await db.workspaces.count()).toBe(1);
    expect(await db.auditLog.count()).toBe(1);
    expect(await db.auditHead()).toMatchObject({ seq: 1 });
  });

  it('labels entries with the action of the transaction', async () => {
    await db.audited('import', ['workspaces'], async () => {
      await db.workspaces.add(workspace('imported'));
    });
    const [entry] = await db.auditLog.toArray();
    expect(entry?.action).toBe('import');
  });

  it('does not record writes that change nothing, nor device settings', async () => {
    await db.workspaces.add(workspace('w'));
    await db.workspaces.put(workspace('w'));
    await db.settings.put({ key: 'theme', value: 'dark' });
    expect(await db.auditLog.count()).toBe(1);
  });

  it('detects a record edited directly in IndexedDB, behind the app', async () => {
    await db.workspaces.add(workspace('w1'));
    await db.workspaces.add(workspace('w2'));
    expect((await verifyLedger(db)).mismatches).toEqual([]);

    const raw = new Dexie(db.name);
    await raw.open();
    await raw.table('workspaces').put({ ...workspace('w1'), name: 'Edited behind the app' });
    await raw.table('workspaces').delete('w2');
    raw.close();

    const verdict = await verifyLedger(db);
    expect(verdict.chain.ok).toBe(true);
    expect(verdict.mismatches).toEqual([
      { entity: 'workspaces', key: 'w1', problem: 'changed-outside-the-log' },
      { entity: 'workspaces', key: 'w2', problem: 'deleted-outside-the-log' },
    ]);
  });

  it('detects an audit entry edited directly in IndexedDB', async () => {
    await db.workspaces.add(workspace('w1'));
    await db.workspaces.update('w1', { name: 'Second' });
    const raw = new Dexie(db.name);
    await raw.open();
    await raw.table('auditLog').update(1, { actor: 'mallory' });
    raw.close();
    const verdict = await verifyLedger(db);
    expect(verdict.chain).toMatchObject({
      ok: false,
      firstBreak: { seq: 1, reason: 'hash-mismatch' },
    });
  });
});
