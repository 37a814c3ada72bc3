import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Demo, Sprint } from '../../../core/model';
import { LedgerDatabase } from '../../../renderer/src/db/db';
import type { KeysetSource } from '../../../renderer/src/lib/paged';
import { indexSource, readWindow } from '../../../renderer/src/lib/paged';

let db: LedgerDatabase;
const COUNT = 730;
const stamp = '2026-01-01T00:00:00.000Z';

/** Sprint i starts on day i / 2 (so two sprints share each start day: ties the id breaks). */
function sprint(index: number, workspaceId = 'w1'): Sprint {
  const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(index / 2) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return {
    id: `s${String(index).padStart(4, '0')}`,
    workspaceId,
    name: `Sprint ${index}`,
    goal: '',
    teamId: null,
    startDate: day,
    endDate: day,
    createdAt: stamp,
    updatedAt: stamp,
  };
}

function demo(index: number, workspaceId = 'w1'): Demo {
  const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(index / 3) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return {
    id: `d${String(index).padStart(4, '0')}`,
    workspaceId,
    sprintId: `s${String(index).padStart(4, '0')}`,
    title: `Demo ${index}`,
    date: day,
    facilitator: 'Kim',
    attendees: [],
    startedAt: null,
    createdAt: stamp,
    updatedAt: stamp,
  } as unknown as Demo;
}

async function every<Row>(source: KeysetSource<Row>): Promise<Row[]> {
  return (await readWindow(source, Number.MAX_SAFE_INTEGER)).rows;
}

beforeEach(async () => {
  db = new LedgerDatabase(`keyset-${crypto.randomUUID()}`, {
    actor: () => 'alice',
    now: () => new Date('2026-11-27T12:00:00Z'),
  });
  await db.open();
  const sprints = Array.from({ length: COUNT }, (_, i) => sprint(i));
  const demos = Array.from({ length: COUNT }, (_, i) => demo(i));
  // Another workspace's rows interleave in every index and must never show.
  sprints.push(sprint(COUNT, 'w2'), sprint(COUNT + 1, 'w0'));
  demos.push(demo(COUNT, 'w2'), demo(COUNT + 1, 'w0'));
  await db.sprints.bulkPut(sprints);
  await db.demos.bulkPut(demos);
});

afterEach(async () => {
  await db.delete();
});

const sprintSource = (workspaceId: string, reverse: boolean) =>
  indexSource<Sprint>(
    db.sprints,
    '[workspaceId+startDate+id]',
    [workspaceId],
    (row) => [row.startDate, row.id],
    { reverse },
  );

describe('lists read by index in keyset pages', () => {
  it('reads every sprint of the workspace once, most recent first, across pages and ties', async () => {
    const rows = await every(sprintSource('w1', true));
    expect(rows).toHaveLength(COUNT);
    const expected = (await db.sprints.where('workspaceId').equals('w1').toArray())
      .sort((a, b) => b.startDate.localeCompare(a.startDate) || b.id.localeCompare(a.id))
      .map((row) => row.id);
    expect(rows.map((row) => row.id)).toEqual(expected);
    expect(await sprintSource('w1', true).count()).toBe(COUNT);
  });

  it('reads oldest first when not reversed, with the same rows', async () => {
    const forward = await every(sprintSource('w1', false));
    const backward = await every(sprintSource('w1', true));
    expect(forward.map((row) => row.id)).toEqual(backward.map((row) => row.id).reverse());
  });

  it('stops at the first window that holds enough demos and counts the rest from the index', async () => {
    const source = indexSource<Demo>(
      db.demos,
      '[workspaceId+date+id]',
      ['w1'],
      (row) => [row.date, row.id],
      { reverse: true },
    );
    const window = await readWindow(source, 100);
    expect(window.rows).toHaveLength(100);
    expect(window.complete).toBe(false);
    expect(window.total).toBe(COUNT);
    expect(window.rows[0]?.id).toBe(`d${String(COUNT - 1).padStart(4, '0')}`);
    expect(window.rows.every((row) => row.workspaceId === 'w1')).toBe(true);
  });

  it('reads nothing for a workspace without rows', async () => {
    expect(await every(sprintSource('nobody', true))).toEqual([]);
    expect(await sprintSource('nobody', true).count()).toBe(0);
  });
});
