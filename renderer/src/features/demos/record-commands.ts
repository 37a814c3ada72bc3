import type {
  AgendaItem,
  ControlRef,
  ControlVerdict,
  DemoEvidence,
  DemoIssue,
  DemoNote,
  EvidenceRefFields,
  NoteKind,
  RaisedIssueDraft,
  VerdictDecision,
} from '../../../../core/model';
import {
  ControlRef as ControlRefSchema,
  ControlVerdict as ControlVerdictSchema,
  DemoEvidence as DemoEvidenceSchema,
  DemoIssue as DemoIssueSchema,
  DemoNote as DemoNoteSchema,
  EvidenceRefFields as EvidenceRefSchema,
  NoteKind as NoteKindSchema,
  RaisedIssueDraft as RaisedIssueSchema,
  VerdictDecision as VerdictDecisionSchema,
  newId,
  nowIso,
} from '../../../../core/model';
import { z } from 'zod';
import { currentActor, db } from '../../db';
import { parseOrThrow } from '../../lib/validation';
import { demoOrThrow, itemOrThrow, linkItemEvidence, storedEvidenceIds } from './commands';
import { assertEditable } from './lock';
import type { EvidenceAttach, IssueRaiser, ItemEvidenceLinks } from './slots';

/**
 * What is recorded against an agenda item during the demo: observations and questions,
 * control verdicts, evidence references and raised issues. Each commit also removes the draft
 * it came from, in the same transaction, so text is never both lost and never twice.
 */

interface ItemContext {
  item: AgendaItem;
  base: {
    demoId: string;
    itemId: string;
    workspaceId: string;
    sprintId: string;
    amendment: number | null;
  };
}

async function editableItem(itemId: string): Promise<ItemContext> {
  const item = await itemOrThrow(itemId);
  const amendment = assertEditable(await demoOrThrow(item.demoId));
  return {
    item,
    base: {
      demoId: item.demoId,
      itemId: item.id,
      workspaceId: item.workspaceId,
      sprintId: item.sprintId,
      amendment,
    },
  };
}

export async function addNote(
  itemId: string,
  kind: NoteKind,
  text: string,
  draftKey?: string,
): Promise<DemoNote> {
  const parsedKind = parseOrThrow(NoteKindSchema, kind);
  return db.transaction('rw', db.demos, db.demoItems, db.demoNotes, db.demoDrafts, async () => {
    const { base } = await editableItem(itemId);
    const note = parseOrThrow(DemoNoteSchema, {
      ...base,
      id: newId(),
      kind: parsedKind,
      text,
      at: nowIso(),
      author: currentActor(),
    });
    await db.demoNotes.add(note);
    if (draftKey !== undefined) await db.demoDrafts.delete(draftKey);
    return note;
  });
}

export async function deleteNote(noteId: string): Promise<void> {
  await db.transaction('rw', db.demos, db.demoItems, db.demoNotes, async () => {
    const note = await db.demoNotes.get(noteId);
    if (!note) return;
    await editableItem(note.itemId);
    await db.demoNotes.delete(noteId);
  });
}

const Answer = z.string().trim().min(1, 'write the answer first').max(20_000);

export async function answerQuestion(noteId: string, answer: string): Promise<void> {
  const text = parseOrThrow(Answer, answer);
  await db.transaction('rw', db.demos, db.demoItems, db.demoNotes, async () => {
    const note = await db.demoNotes.get(noteId);
    if (note?.kind !== 'question') throw new Error('This question no longer exists.');
    await editableItem(note.itemId);
    await db.demoNotes.put({ ...note, answer: text, answeredAt: nowIso() });
  });
}

/**
 * Records the verdict for one control on one item, replacing the previous one (the audit log
 * keeps every change). A control not yet linked to the item is linked, and so is the item's
 * stored evidence that can demonstrate it.
 */
export async function setVerdict(
  itemId: string,
  control: ControlRef,
  decision: VerdictDecision,
  evidence: ItemEvidenceLinks,
  draftKey?: string,
): Promise<ControlVerdict> {
  const ref = parseOrThrow(ControlRefSchema, control);
  const fields = parseOrThrow(VerdictDecisionSchema, decision);
  const linker = await evidence.prepareLinks();
  return db.transaction(
    'rw',
    ['demos', 'demoItems', 'demoVerdicts', 'demoDrafts', 'demoEvidence', ...evidence.tables],
    async () => {
      const { item, base } = await editableItem(itemId);
      const existing = await db.demoVerdicts.where({ itemId, control: ref }).first();
      const verdict = parseOrThrow(ControlVerdictSchema, {
        ...base,
        id: existing?.id ?? newId(),
        control: ref,
        verdict: fields.verdict,
        reason: fields.reason,
        expires: fields.verdict === 'exception' ? fields.expires : null,
        decidedAt: nowIso(),
        decidedBy: currentActor(),
      });
      await db.demoVerdicts.put(verdict);
      if (!item.controls.includes(ref)) {
        await db.demoItems.put({ ...item, controls: [...item.controls, ref], updatedAt: nowIso() });
        await linkItemEvidence(itemId, [ref], linker);
      }
      if (draftKey !== undefined) await db.demoDrafts.delete(draftKey);
      return verdict;
    },
  );
}

export async function clearVerdict(itemId: string, control: ControlRef): Promise<void> {
  await db.transaction('rw', db.demos, db.demoItems, db.demoVerdicts, async () => {
    await editableItem(itemId);
    await db.demoVerdicts.where({ itemId, control }).delete();
  });
}

/**
 * Records references to evidence attached to an item. The evidence slot calls it inside the
 * transaction that stores each file (ITEM_EVIDENCE_TABLES).
 */
export async function recordEvidence(
  itemId: string,
  attached: readonly EvidenceRefFields[],
): Promise<DemoEvidence[]> {
  const refs = attached.map((entry) => parseOrThrow(EvidenceRefSchema, entry));
  return db.transaction('rw', db.demos, db.demoItems, db.demoEvidence, async () => {
    const { base } = await editableItem(itemId);
    const at = nowIso();
    const rows = refs.map((ref) =>
      parseOrThrow(DemoEvidenceSchema, {
        ...base,
        ...ref,
        id: newId(),
        attachedAt: at,
        attachedBy: currentActor(),
      }),
    );
    await db.demoEvidence.bulkAdd(rows);
    return rows;
  });
}

/** The tables `recordEvidence` writes. */
export const ITEM_EVIDENCE_TABLES: readonly string[] = ['demos', 'demoItems', 'demoEvidence'];

/** Removes evidence from the item; stored evidence stays in the store, no longer linked to it. */
export async function removeEvidence(
  id: string,
  evidence: Pick<EvidenceAttach, 'tables' | 'detach'>,
): Promise<void> {
  await db.transaction('rw', [...ITEM_EVIDENCE_TABLES, ...evidence.tables], async () => {
    const row = await db.demoEvidence.get(id);
    if (!row) return;
    await editableItem(row.itemId);
    await db.demoEvidence.delete(id);
    if (row.stored) await evidence.detach(row.evidenceId, row.itemId);
  });
}

/**
 * Changes which of the item's controls its stored files speak for (after a drop linked them by
 * meaning): per file, exactly the controls given, of the item's. One audited transaction
 * (`link-evidence`); a signed-off demo refuses.
 */
export async function setItemEvidenceControls(
  itemId: string,
  choices: readonly { evidenceId: string; controls: readonly ControlRef[] }[],
  evidence: Pick<EvidenceAttach, 'tables' | 'setLinks'>,
): Promise<void> {
  await db.audited('link-evidence', [...ITEM_EVIDENCE_TABLES, ...evidence.tables], async () => {
    const { item } = await editableItem(itemId);
    const stored = new Set(await storedEvidenceIds(itemId));
    for (const choice of choices) {
      if (!stored.has(choice.evidenceId))
        throw new Error('This file is no longer attached to the item.');
      const unknown = choice.controls.find((ref) => !item.controls.includes(ref));
      if (unknown !== undefined) throw new Error(`${unknown} is not a control of this item.`);
      await evidence.setLinks(choice.evidenceId, item.controls, choice.controls);
    }
  });
}

export interface RaiseOptions {
  /** Who should fix it (the item's owner by default in the dialog). */
  owner: string;
  /** The failed verdict the issue is raised from, if any. */
  verdictId?: string | null | undefined;
  /** The draft the dialog kept while typing, removed with the commit. */
  draftKey?: string | undefined;
}

/**
 * Raises an issue from an item: in the tracker (through the issues slot) and on the item, in
 * ONE transaction, so the tracker never has an issue the demo does not record, nor the reverse.
 * A signed-off demo or a draft either side refuses leaves both untouched.
 */
export async function raiseItemIssue(
  itemId: string,
  draft: RaisedIssueDraft,
  tracker: Pick<IssueRaiser, 'tables' | 'raise'>,
  options: RaiseOptions,
): Promise<{ issue: DemoIssue; key: string }> {
  const fields = parseOrThrow(RaisedIssueSchema, draft);
  const tables = ['demos', 'demoItems', 'demoIssues', 'demoDrafts', 'demoEvidence', 'demoVerdicts'];
  return db.audited('raise-issue', [...tables, ...tracker.tables], async () => {
    const { item, base } = await editableItem(itemId);
    const verdict = options.verdictId ? await db.demoVerdicts.get(options.verdictId) : undefined;
    if (options.verdictId && verdict?.itemId !== itemId)
      throw new Error('This verdict is no longer recorded on the item.');
    const { trackerId, key } = await tracker.raise(
      { ...fields, owner: options.owner },
      {
        workspaceId: item.workspaceId,
        sprintId: item.sprintId,
        demoId: item.demoId,
        itemId,
        itemKey: item.key,
        itemTitle: item.title,
        evidenceIds: await storedEvidenceIds(itemId),
        verdict: verdict ? { id: verdict.id, control: verdict.control } : null,
      },
    );
    const issue = parseOrThrow(DemoIssueSchema, {
      ...base,
      ...fields,
      id: newId(),
      raisedAt: nowIso(),
      raisedBy: currentActor(),
      trackerId,
    });
    await db.demoIssues.add(issue);
    if (options.draftKey !== undefined) await db.demoDrafts.delete(options.draftKey);
    return { issue, key };
  });
}

/**
 * Attaches to an item the newest pipeline evidence (from imported evidence bundles) for its
 * controls: files it does not hold yet, each linked to the item's controls it can demonstrate.
 * Returns the names of the files attached.
 */
export async function addPipelineEvidence(
  itemId: string,
  evidence: Pick<
    EvidenceAttach,
    'tables' | 'prepareLinks' | 'newestPipelineEvidence' | 'attachStored'
  >,
): Promise<string[]> {
  const item = await itemOrThrow(itemId);
  const candidates = await evidence.newestPipelineEvidence(item.workspaceId, item.controls);
  const linker = await evidence.prepareLinks();
  return db.transaction('rw', [...ITEM_EVIDENCE_TABLES, ...evidence.tables], async () => {
    const current = await itemOrThrow(itemId);
    assertEditable(await demoOrThrow(current.demoId));
    const held = new Set(await storedEvidenceIds(itemId));
    const added = candidates.filter((ref) => !held.has(ref.evidenceId));
    if (added.length === 0) return [];
    await recordEvidence(itemId, added);
    const ids = added.map((ref) => ref.evidenceId);
    await evidence.attachStored(ids, itemId);
    await linker.linkDemonstrated(ids, current.controls);
    return added.map((ref) => ref.name);
  });
}
