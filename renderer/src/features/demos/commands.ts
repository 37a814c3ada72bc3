import type {
  AgendaItem,
  AgendaItemDraft,
  Attendee,
  AttendeeDraft,
  Demo,
  DemoDraft,
} from '../../../../core/model';
import {
  AgendaItem as AgendaItemSchema,
  AgendaItemFields,
  Attendee as AttendeeSchema,
  AttendeeDraft as AttendeeDraftSchema,
  Demo as DemoSchema,
  DemoDraft as DemoDraftSchema,
  Name,
  IsoDate,
  newId,
  nowIso,
} from '../../../../core/model';
import { z } from 'zod';
import { db } from '../../db';
import type { RemovedRows } from '../../db/cascade';
import {
  deleteDependents,
  deleteRows,
  putBack,
  rowsRemovedWith,
  tablesReferencing,
  withLinkTables,
} from '../../db/cascade';
import { parseOrThrow } from '../../lib/validation';
import { assertEditable } from './lock';
import type { ItemEvidenceLinker, ItemEvidenceLinks } from './slots';

/**
 * Writes for demos, their attendees and agenda items. Each is validated and audited; anything
 * that changes a signed-off demo is refused unless an amendment is open.
 */

export const DEMO_TABLES = [
  'demos',
  'demoItems',
  'demoNotes',
  'demoVerdicts',
  'demoEvidence',
  'demoIssues',
  'demoSignOffs',
  'demoDrafts',
] as const;

export async function demoOrThrow(id: string): Promise<Demo> {
  const demo = await db.demos.get(id);
  if (!demo) throw new Error('This demo no longer exists.');
  return demo;
}

export async function itemOrThrow(id: string): Promise<AgendaItem> {
  const item = await db.demoItems.get(id);
  if (!item) throw new Error('This agenda item no longer exists.');
  return item;
}

/** Creates a demo for a sprint of the workspace, with the template's items when one is given. */
export async function createDemo(
  workspaceId: string,
  draft: DemoDraft,
  templateItems: readonly AgendaItemDraft[] = [],
): Promise<Demo> {
  const fields = parseOrThrow(DemoDraftSchema, draft);
  const items = templateItems.map((item) => parseOrThrow(AgendaItemFields, item));
  const now = nowIso();
  const demo = parseOrThrow(DemoSchema, {
    ...fields,
    attendees: fields.attendees.map((attendee) => ({ ...attendee, id: newId(), present: false })),
    id: newId(),
    workspaceId,
    createdAt: now,
    updatedAt: now,
  });
  await db.audited(
    templateItems.length > 0 ? 'template' : 'edit',
    ['sprints', ...DEMO_TABLES],
    async () => {
      const sprint = await db.sprints.get(demo.sprintId);
      if (sprint?.workspaceId !== workspaceId)
        throw new Error('The chosen sprint does not belong to this workspace.');
      await db.demos.add(demo);
      await db.demoItems.bulkAdd(items.map((item, index) => newItem(demo, item, index + 1, now)));
    },
  );
  return demo;
}

export const DemoDetails = z.object({
  title: Name,
  date: IsoDate,
  facilitator: z.string().trim().max(120).default(''),
});
export type DemoDetails = z.input<typeof DemoDetails>;

export async function updateDemoDetails(id: string, details: DemoDetails): Promise<void> {
  const fields = parseOrThrow(DemoDetails, details);
  await db.transaction('rw', db.demos, async () => {
    const demo = await demoOrThrow(id);
    assertEditable(demo);
    await db.demos.put(parseOrThrow(DemoSchema, { ...demo, ...fields, updatedAt: nowIso() }));
  });
}

/**
 * Deletes a demo and everything recorded for it, evidence links to its items included, in one
 * transaction (kept in the audit log). The evidence itself stays in the store.
 */
export async function deleteDemo(id: string): Promise<void> {
  await db.transaction('rw', [db.demos, ...tablesReferencing(db, 'demoId')], async () => {
    await deleteDependents(db, 'demoId', id);
    await db.demos.delete(id);
  });
}

async function changeAttendees(
  demoId: string,
  change: (attendees: Attendee[]) => Attendee[],
): Promise<void> {
  await db.transaction('rw', db.demos, async () => {
    const demo = await demoOrThrow(demoId);
    assertEditable(demo);
    const attendees = change(demo.attendees.map((attendee) => ({ ...attendee })));
    await db.demos.put(parseOrThrow(DemoSchema, { ...demo, attendees, updatedAt: nowIso() }));
  });
}

export async function addAttendee(demoId: string, draft: AttendeeDraft): Promise<void> {
  const fields = parseOrThrow(AttendeeDraftSchema, draft);
  await changeAttendees(demoId, (attendees) => [
    ...attendees,
    parseOrThrow(AttendeeSchema, { ...fields, id: newId(), present: false }),
  ]);
}

export async function removeAttendee(demoId: string, attendeeId: string): Promise<void> {
  await changeAttendees(demoId, (attendees) => attendees.filter((a) => a.id !== attendeeId));
}

export async function setAttendeePresent(
  demoId: string,
  attendeeId: string,
  present: boolean,
): Promise<void> {
  await changeAttendees(demoId, (attendees) =>
    attendees.map((attendee) => (attendee.id === attendeeId ? { ...attendee, present } : attendee)),
  );
}

function newItem(demo: Demo, fields: AgendaItemDraft, position: number, now: string): AgendaItem {
  return parseOrThrow(AgendaItemSchema, {
    ...fields,
    id: newId(),
    demoId: demo.id,
    workspaceId: demo.workspaceId,
    sprintId: demo.sprintId,
    position,
    createdAt: now,
    updatedAt: now,
  });
}

async function nextPosition(demoId: string): Promise<number> {
  const items = await db.demoItems.where('demoId').equals(demoId).toArray();
  return items.reduce((max, item) => Math.max(max, item.position), 0) + 1;
}

export async function addAgendaItem(demoId: string, draft: AgendaItemDraft): Promise<AgendaItem> {
  const fields = parseOrThrow(AgendaItemFields, draft);
  return db.transaction('rw', db.demos, db.demoItems, async () => {
    const demo = await demoOrThrow(demoId);
    assertEditable(demo);
    const item = newItem(demo, fields, await nextPosition(demoId), nowIso());
    await db.demoItems.add(item);
    return item;
  });
}

/** Adds several items at once (pasted list, Jira or CSV import) as one labelled transaction. */
export async function importAgendaItems(
  demoId: string,
  drafts: readonly AgendaItemDraft[],
): Promise<number> {
  const fields = drafts.map((draft, index) => {
    try {
      return parseOrThrow(AgendaItemFields, draft);
    } catch (error) {
      throw new Error(`Item ${index + 1}: ${error instanceof Error ? error.message : ''}`, {
        cause: error,
      });
    }
  });
  return db.audited('import', ['demos', 'demoItems'], async () => {
    const demo = await demoOrThrow(demoId);
    assertEditable(demo);
    const start = await nextPosition(demoId);
    const now = nowIso();
    await db.demoItems.bulkAdd(
      fields.map((item, index) => newItem(demo, item, start + index, now)),
    );
    return fields.length;
  });
}

/**
 * Changes an item; controls it gains are linked, in the same step, to its stored evidence that
 * can demonstrate them.
 */
export async function updateAgendaItem(
  itemId: string,
  draft: AgendaItemDraft,
  evidence: ItemEvidenceLinks,
): Promise<void> {
  const fields = parseOrThrow(AgendaItemFields, draft);
  const linker = await evidence.prepareLinks();
  await db.transaction(
    'rw',
    ['demos', 'demoItems', 'demoEvidence', ...evidence.tables],
    async () => {
      const item = await itemOrThrow(itemId);
      assertEditable(await demoOrThrow(item.demoId));
      await db.demoItems.put(
        parseOrThrow(AgendaItemSchema, { ...item, ...fields, updatedAt: nowIso() }),
      );
      const gained = fields.controls.filter((control) => !item.controls.includes(control));
      await linkItemEvidence(itemId, gained, linker);
    },
  );
}

/**
 * Inside a transaction over demoEvidence and the slot's tables: links the item's stored
 * evidence to the controls it gains, each file only to those it can demonstrate (a file on an
 * item speaks for the item's controls it is linked to, not for all of them).
 */
export async function linkItemEvidence(
  itemId: string,
  controls: readonly string[],
  linker: ItemEvidenceLinker,
): Promise<void> {
  if (controls.length === 0) return;
  const stored = await storedEvidenceIds(itemId);
  if (stored.length > 0) await linker.linkDemonstrated(stored, controls);
}

/** Ids in the evidence store of the files attached to an item (not fingerprint-only ones). */
export async function storedEvidenceIds(itemId: string): Promise<string[]> {
  const rows = await db.demoEvidence.where('itemId').equals(itemId).toArray();
  return [...new Set(rows.filter((row) => row.stored).map((row) => row.evidenceId))];
}

const itemScope = () => [
  db.demos,
  ...withLinkTables(db, [db.demoItems]),
  ...tablesReferencing(db, 'itemId'),
];

/** A deleted item with everything that went with it, for `restoreAgendaItem`. */
export interface DeletedItem {
  item: AgendaItem;
  removed: RemovedRows;
}

/**
 * Removes an item and everything recorded on it, evidence links to it included; returns what
 * was removed (for its undo).
 */
export async function deleteAgendaItem(itemId: string): Promise<DeletedItem> {
  return db.transaction('rw', itemScope(), async () => {
    const item = await itemOrThrow(itemId);
    assertEditable(await demoOrThrow(item.demoId));
    const removed = await rowsRemovedWith(db, db.demoItems, itemId, 'itemId');
    await deleteDependents(db, 'itemId', itemId);
    await deleteRows(db, db.demoItems, [itemId]);
    return { item, removed };
  });
}

/** The undo of `deleteAgendaItem`: every removed row back, audited as `undo`; refused once signed off. */
export async function restoreAgendaItem(deleted: DeletedItem): Promise<void> {
  await db.audited(
    'undo',
    itemScope().map((table) => table.name),
    async () => {
      assertEditable(await demoOrThrow(deleted.item.demoId));
      await putBack(db, deleted.removed);
    },
  );
}

/** Moves an item one place up (-1) or down (+1) in the agenda. */
export async function moveAgendaItem(itemId: string, direction: -1 | 1): Promise<void> {
  await db.transaction('rw', db.demos, db.demoItems, async () => {
    const item = await itemOrThrow(itemId);
    assertEditable(await demoOrThrow(item.demoId));
    const items = await db.demoItems.where('demoId').equals(item.demoId).sortBy('position');
    const index = items.findIndex((candidate) => candidate.id === itemId);
    const other = items[index + direction];
    if (!other) return;
    const now = nowIso();
    await db.demoItems.bulkPut([
      { ...item, position: other.position, updatedAt: now },
      { ...other, position: item.position, updatedAt: now },
    ]);
  });
}

/** Starts the meeting clock the first time presenter mode opens; later calls change nothing. */
export async function startDemo(demoId: string): Promise<void> {
  await db.transaction('rw', db.demos, async () => {
    const demo = await demoOrThrow(demoId);
    if (demo.startedAt !== null || demo.signOff !== null) return;
    const now = nowIso();
    await db.demos.put({ ...demo, startedAt: now, updatedAt: now });
  });
}
