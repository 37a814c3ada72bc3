import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../core/audit/chain';
import type { Workspace } from '../../../core/model';
import { DataUpgradeService } from '../../../renderer/src/app/DataUpgradeService';
import { db as appDb } from '../../../renderer/src/db';
import { LedgerDatabase } from '../../../renderer/src/db/db';
import type { DataUpgrade } from '../../../renderer/src/db/upgrades';
import { runDataUpgrades, upgradeState } from '../../../renderer/src/db/upgrades';
import { verifyLedger } from '../../../renderer/src/features/audit/verify';

let db: LedgerDatabase;

async function intact(database: LedgerDatabase): Promise<boolean> {
  const verdict = await verifyLedger(database);
  return verdict.chain.ok && verdict.headMatches && verdict.mismatches.length === 0;
}

function workspace(n: number): Workspace {
  return {
    id: `w${String(n).padStart(3, '0')}`,
    name: `Workspace ${n}`,
    description: '',
    createdAt: '2026-11-26T09:00:00.000Z',
    updatedAt: '2026-11-26T09:00:00.000Z',
  };
}

/**
 * Appends " (upgraded)" to every workspace's description, `size` workspaces a batch, keyed by
 * id. `failAt` throws while preparing the batch that starts after that id.
 */
function describeAll(
  options: { size?: number; failAfter?: string; prepared?: string[] } = {},
): DataUpgrade<string> {
  const size = options.size ?? 2;
  return {
    id: 'workspace-descriptions@1',
    title: 'Describing workspaces',
    tables: ['workspaces'],
    total: (database) => database.workspaces.count(),
    async next(database, cursor) {
      if (options.failAfter !== undefined && cursor === options.failAfter)
        throw new Error('The reader crashed.');
      const rows =
        cursor === null
          ? await database.workspaces.orderBy('id').limit(size).toArray()
          : await database.workspaces.where('id').above(cursor).limit(size).toArray();
      const last = rows.at(-1);
      if (last === undefined) return null;
      options.prepared?.push(...rows.map((row) => row.id));
      return {
        cursor: last.id,
        items: rows.length,
        write: async () => {
          for (const row of rows) {
            const current = await database.workspaces.get(row.id);
            if (current && !current.description.endsWith('(upgraded)'))
              await database.workspaces.update(row.id, {
                description: `${current.description} (upgraded)`,
              });
          }
        },
      };
    },
  };
}

beforeEach(async () => {
  db = new LedgerDatabase(`upgrades-${crypto.randomUUID()}`, {
    actor: () => 'dana',
    now: () => new Date(),
  });
  await db.open();
  await db.workspaces.bulkAdd([1, 2, 3, 4, 5].map(workspace));
});

afterEach(async () => {
  cleanup();
  await db.delete();
});

describe('data upgrades', () => {
  it('runs in audited batches labelled with the upgrade, reports progress, and runs once', async () => {
    const progress: string[] = [];
    const result = await runDataUpgrades(db, [describeAll()], {
      onProgress: ({ done, total }) => progress.push(`${done}/${total}`),
    });
    expect(result).toEqual({ ran: ['workspace-descriptions@1'], failed: [] });
    expect(progress).toEqual(['0/5', '2/5', '4/5', '5/5', '5/5']);
    const rows = await db.workspaces.toArray();
    expect(rows.every((row) => row.description === ' (upgraded)')).toBe(true);

    const entries = db.auditLog.where('action').equals('upgrade:workspace-descriptions@1');
    expect(await entries.count()).toBe(5);
    expect(verifyChain(await db.auditLog.orderBy('seq').toArray()).ok).toBe(true);
    expect(await intact(db)).toBe(true);
    expect(await upgradeState(db, 'workspace-descriptions@1')).toMatchObject({
      status: 'done',
      done: 5,
      total: 5,
    });

    // Done means done: a second start prepares nothing.
    const prepared: string[] = [];
    expect(await runDataUpgrades(db, [describeAll({ prepared })])).toEqual({
      ran: [],
      failed: [],
    });
    expect(prepared).toEqual([]);
  });

  it('stops at a failing batch with what came before kept, and goes on from there next time', async () => {
    const first = await runDataUpgrades(db, [describeAll({ failAfter: 'w002' })]);
    expect(first.ran).toEqual([]);
    expect(first.failed.map((failure) => String(failure.error))).toEqual([
      'Error: The reader crashed.',
    ]);
    const upgraded = (await db.workspaces.toArray()).filter((row) =>
      row.description.endsWith('(upgraded)'),
    );
    expect(upgraded.map((row) => row.id)).toEqual(['w001', 'w002']);
    expect(await upgradeState(db, 'workspace-descriptions@1')).toMatchObject({
      status: 'running',
      cursor: 'w002',
      done: 2,
    });

    // The next start resumes after w002: nothing done twice.
    const prepared: string[] = [];
    const second = await runDataUpgrades(db, [describeAll({ prepared })]);
    expect(second).toEqual({ ran: ['workspace-descriptions@1'], failed: [] });
    expect(prepared).toEqual(['w003', 'w004', 'w005']);
    expect((await db.workspaces.toArray()).every((row) => row.description === ' (upgraded)')).toBe(
      true,
    );
  });

  it('a batch that fails while writing leaves neither its changes nor a moved cursor', async () => {
    const failing: DataUpgrade<string> = {
      ...describeAll(),
      async next(database, cursor) {
        const batch = await describeAll().next(database, cursor);
        if (batch === null || cursor === null) return batch;
        return {
          ...batch,
          write: async () => {
            await batch.write();
            throw new Error('The disk is full.');
          },
        };
      },
    };
    const result = await runDataUpgrades(db, [failing]);
    expect(result.failed).toHaveLength(1);
    const upgraded = (await db.workspaces.toArray()).filter((row) =>
      row.description.endsWith('(upgraded)'),
    );
    expect(upgraded.map((row) => row.id)).toEqual(['w001', 'w002']);
    expect(await upgradeState(db, 'workspace-descriptions@1')).toMatchObject({ cursor: 'w002' });
    expect(await intact(db)).toBe(true);
  });
});

describe('the service in the shell', () => {
  beforeEach(async () => {
    appDb.close();
    await appDb.delete();
    await appDb.open();
    await appDb.workspaces.bulkAdd([1, 2, 3].map(workspace));
  });

  it('says what it is doing, then gets out of the way; a failure is shown with a retry', async () => {
    const upgrades = [describeAll({ size: 1 })];
    const { container } = render(<DataUpgradeService upgrades={upgrades} />);
    expect(screen.getByRole('status', { name: 'Updating stored records' })).toBeTruthy();
    await waitFor(() => expect(container.innerHTML).toBe(''));
    expect(
      (await appDb.workspaces.toArray()).every((row) => row.description === ' (upgraded)'),
    ).toBe(true);
    cleanup();

    const broken = [{ ...describeAll({ failAfter: null as unknown as string }), id: 'other@1' }];
    render(<DataUpgradeService upgrades={broken} />);
    const alert = await screen.findByRole('alert', { name: 'Updating stored records' });
    expect(alert.textContent).toContain('Describing workspaces stopped: The reader crashed.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
