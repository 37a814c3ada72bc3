import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveRecord } from '../../../renderer/src/app/records';
import { db } from '../../../renderer/src/db';
import { addAgendaItem, deleteAgendaItem } from '../../../renderer/src/features/demos/commands';
import { setUpDemo } from './demo-support';

beforeEach(async () => {
  await db.open();
});

afterEach(async () => {
  await db.delete();
});

describe('records named where other records point at them', () => {
  it('names a demo item by its demo, key and title, and finds nothing once it is deleted', async () => {
    const { demo } = await setUpDemo();
    const item = await addAgendaItem(demo.id, { key: 'PAY-7', title: 'Refunds', controls: [] });
    expect(await resolveRecord('demo-item', item.id)).toEqual({
      label: 'Sprint 1 demo: PAY-7 Refunds',
      href: `~/demos/${demo.id}`,
    });
    await deleteAgendaItem(item.id);
    expect(await resolveRecord('demo-item', item.id)).toBeNull();
  });

  it('finds nothing for ids no record has', async () => {
    for (const kind of ['demo-item', 'evidence', 'telemetry-alert', 'post-mortem'] as const) {
      expect(await resolveRecord(kind, 'missing')).toBeNull();
    }
  });
});
