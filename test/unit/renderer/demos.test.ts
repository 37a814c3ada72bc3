import 'fake-indexeddb/auto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../core/audit/chain';
import { demoRecordDigest } from '../../../core/demo/digest';
import type { Person } from '../../../core/model';
import { db } from '../../../renderer/src/db';
import {
  addAgendaItem,
  createDemo,
  deleteAgendaItem,
  importAgendaItems,
  moveAgendaItem,
  setAttendeePresent,
  startDemo,
} from '../../../renderer/src/features/demos/commands';
import { saveDraft, draftKeys } from '../../../renderer/src/features/demos/drafts';
import { DemoLockedError } from '../../../renderer/src/features/demos/lock';
import { readDemoRecord } from '../../../renderer/src/features/demos/queries';
import {
  addNote,
  answerQuestion,
  raiseItemIssue,
  recordEvidence,
  setVerdict,
} from '../../../renderer/src/features/demos/record-commands';
import {
  openAmendment,
  signOffDemo,
  verifyDemoDigest,
} from '../../../renderer/src/features/demos/signoff';
import { defaultDemoSlots } from '../../../renderer/src/features/demos/slots';
import { setUpDemo } from './demo-support';
import { PASSPHRASE, installSigningHost } from './signing-host';
import { addPerson } from '../../../renderer/src/features/people/commands';
import { createWorkspace, deleteSprint } from '../../../renderer/src/features/workspaces/commands';
import { ValidationError } from '../../../renderer/src/lib/validation';

const { evidence: store, issues: tracker } = defaultDemoSlots;
const AC2 = 'nist-sp-800-53-rev5#ac-2';
const SC12 = 'nist-sp-800-53-rev5#sc-12';

beforeEach(async () => {
  await db.open();
});

afterEach(async () => {
  await db.delete();
});

const setUp = setUpDemo;

async function errorOf(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => null,
    (error: unknown) => error,
  );
}

describe('preparing a demo', () => {
  it('creates a demo for a sprint of the workspace, with a template’s items', async () => {
    const { demo, workspaceId, sprintId } = await setUp();
    expect(demo.attendees.map((a) => [a.name, a.role, a.present])).toEqual([
      ['Dana Reyes', 'auditor', false],
      ['Sam Patel', 'infosec', false],
    ]);
    const templated = await createDemo(
      workspaceId,
      { sprintId, title: 'Templated', date: '2026-11-26' },
      [{ title: 'Pipeline results', controls: [SC12] }, { title: 'Walkthrough' }],
    );
    const record = await readDemoRecord(templated.id);
    expect(record?.items.map((item) => [item.position, item.title, item.controls])).toEqual([
      [1, 'Pipeline results', [SC12]],
      [2, 'Walkthrough', []],
    ]);
    const entries = await db.auditLog.where('entity').equals('demoItems').toArray();
    expect(entries.every((entry) => entry.action === 'template')).toBe(true);
  });

  it('refuses a sprint of another workspace', async () => {
    const { sprintId } = await setUp();
    const other = await createWorkspace({ name: 'Other', description: '' });
    await expect(
      createDemo(other.id, { sprintId, title: 'X', date: '2026-11-26' }),
    ).rejects.toThrow('does not belong');
  });

  it('adds, imports (as one labelled transaction), moves and deletes items', async () => {
    const { demo } = await setUp();
    const first = await addAgendaItem(demo.id, { key: 'PAY-1', title: 'One', controls: [AC2] });
    expect(await importAgendaItems(demo.id, [{ title: 'Two' }, { title: 'Three' }])).toBe(2);
    const imported = await db.auditLog.filter((entry) => entry.action === 'import').toArray();
    expect(imported.map((entry) => entry.entity)).toEqual(['demoItems', 'demoItems']);
    await moveAgendaItem(first.id, 1);
    let record = await readDemoRecord(demo.id);
    expect(record?.items.map((item) => item.title)).toEqual(['Two', 'One', 'Three']);
    await addNote(first.id, 'observation', 'Seen it');
    await deleteAgendaItem(first.id);
    record = await readDemoRecord(demo.id);
    expect(record?.items.map((item) => item.title)).toEqual(['Two', 'Three']);
    expect(record?.notes).toEqual([]);
  });

  it('validates items: bad links and control references are refused per field', async () => {
    const { demo } = await setUp();
    const error = await errorOf(
      addAgendaItem(demo.id, { title: 'X', links: ['javascript:alert(1)'], controls: ['ac-2'] }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors).sort()).toEqual([
      'controls.0',
      'links.0',
    ]);
  });
});

describe('during the demo', () => {
  it('records a verdict once per item and control, linking the control, with history in the log', async () => {
    const { demo } = await setUp();
    const item = await addAgendaItem(demo.id, { title: 'One', controls: [AC2] });
    await setVerdict(item.id, AC2, { verdict: 'not-satisfied' }, store);
    await setVerdict(item.id, AC2, { verdict: 'satisfied' }, store);
    await setVerdict(item.id, SC12, { verdict: 'not-applicable' }, store);
    const record = await readDemoRecord(demo.id);
    expect(record?.verdicts.map((v) => [v.control, v.verdict]).sort()).toEqual([
      [AC2, 'satisfied'],
      [SC12, 'not-applicable'],
    ]);
    expect(record?.items[0]?.controls).toEqual([AC2, SC12]);
    const history = await db.auditLog.where('entity').equals('demoVerdicts').toArray();
    expect(history.map((entry) => entry.op)).toEqual(['create', 'update', 'create']);
  });

  it('requires a reason and expiry for an exception, and drops the expiry for other verdicts', async () => {
    const { demo } = await setUp();
    const item = await addAgendaItem(demo.id, { title: 'One', controls: [AC2] });
    const error = await errorOf(setVerdict(item.id, AC2, { verdict: 'exception' }, store));
    expect((error as ValidationError).fieldErrors).toEqual({
      reason: 'an exception needs a reason',
      expires: 'an exception needs an expiry date',
    });
    await setVerdict(
      item.id,
      AC2,
      {
        verdict: 'exception',
        reason: 'legacy',
        expires: '2027-01-31',
      },
      store,
    );
    await setVerdict(item.id, AC2, { verdict: 'satisfied', expires: '2027-01-31' }, store);
    const [verdict] = (await readDemoRecord(demo.id))?.verdicts ?? [];
    expect(verdict).toMatchObject({ verdict: 'satisfied', expires: null });
  });

  it('commits a note and deletes its draft in the same step; drafts are not audited', async () => {
    const { demo } = await setUp();
    const item = await addAgendaItem(demo.id, { title: 'One' });
    const key = draftKeys.note(demo.id, item.id, 'observation');
    const before = await db.auditLog.count();
    await saveDraft(key, { demoId: demo.id, workspaceId: demo.workspaceId }, 'Half typ');
    await saveDraft(key, { demoId: demo.id, workspaceId: demo.workspaceId }, 'Half typed');
    expect(await db.auditLog.count()).toBe(before);
    expect((await db.demoDrafts.get(key))?.value).toBe('Half typed');
    await addNote(item.id, 'observation', 'Half typed', key);
    expect(await db.demoDrafts.get(key)).toBeUndefined();
    const question = await addNote(item.id, 'question', 'Who approves?');
    await answerQuestion(question.id, 'The risk owner');
    const notes = (await readDemoRecord(demo.id))?.notes ?? [];
    expect(notes.map((note) => [note.kind, note.text, note.answer])).toEqual([
      ['observation', 'Half typed', null],
      ['question', 'Who approves?', 'The risk owner'],
    ]);
  });

  it('starts the clock once and marks attendees present', async () => {
    const { demo } = await setUp();
    await startDemo(demo.id);
    const started = (await db.demos.get(demo.id))?.startedAt;
    expect(started).toEqual(expect.any(String));
    await startDemo(demo.id);
    expect((await db.demos.get(demo.id))?.startedAt).toBe(started);
    await setAttendeePresent(demo.id, demo.attendees[0]?.id ?? '', true);
    expect((await db.demos.get(demo.id))?.attendees.map((a) => a.present)).toEqual([true, false]);
  });
});

describe('sign-off and amendments', () => {
  let host: ReturnType<typeof installSigningHost>;
  let dana: Person;
  let danaKey: string;
  beforeAll(() => {
    host = installSigningHost();
  });
  beforeEach(async () => {
    dana = await addPerson({ name: 'Dana Reyes', role: 'auditor', organisation: 'Acme Audit' });
    danaKey = await host.identityOf(dana);
  });
  const asDana = () => ({ identity: danaKey, passphrase: PASSPHRASE });

  it('is a signature over the record digest, in a labelled transaction; then every change is refused', async () => {
    const { demo } = await setUp();
    const item = await addAgendaItem(demo.id, { title: 'One', controls: [AC2] });
    await setVerdict(item.id, AC2, { verdict: 'satisfied' }, store);
    const record = await readDemoRecord(demo.id);
    const signature = await signOffDemo(demo.id, dana, asDana());
    expect(signature).toMatchObject({
      amendment: null,
      digestVersion: 2,
      digest: record ? demoRecordDigest(record, 2) : '',
      signer: { commonName: 'Dana Reyes', organisation: 'Acme Audit', fingerprint: danaKey },
      person: { id: dana.id, role: 'auditor' },
      timestamp: null,
    });
    expect(JSON.parse(signature.statement)).toMatchObject({ demo: demo.id, role: 'auditor' });
    expect((await db.demos.get(demo.id))?.signOff).toMatchObject({
      kind: 'signed',
      by: 'Dana Reyes',
      digest: signature.digest,
    });
    const labelled = await db.auditLog.filter((entry) => entry.action === 'sign-off').toArray();
    expect(labelled.map((entry) => [entry.entity, entry.op, entry.actor])).toEqual([
      ['demos', 'update', 'Dana Reyes'],
      ['demoSignOffs', 'create', 'Dana Reyes'],
    ]);
    // Each change starts only when the previous one has failed, so none rejects unobserved.
    for (const change of [
      () => addNote(item.id, 'observation', 'late'),
      () => setVerdict(item.id, AC2, { verdict: 'not-satisfied' }, store),
      () => addAgendaItem(demo.id, { title: 'Two' }),
      () => setAttendeePresent(demo.id, demo.attendees[0]?.id ?? '', true),
      () => raiseItemIssue(item.id, { title: 'x', priority: 'P1' }, tracker, { owner: '' }),
    ]) {
      expect(await errorOf(change())).toBeInstanceOf(DemoLockedError);
    }
    await expect(signOffDemo(demo.id, dana, asDana())).rejects.toThrow('already signed this off');
    expect(await verifyDemoDigest(demo.id)).toBe(true);
    expect(await db.issues.count()).toBe(0);
    expect(verifyChain(await db.auditLog.orderBy('seq').toArray()).ok).toBe(true);
  });

  it('cannot be made without the identity’s passphrase, nor with someone else’s identity', async () => {
    const { demo } = await setUp();
    const locked = await errorOf(signOffDemo(demo.id, dana, { identity: danaKey }));
    expect(locked).toMatchObject({ code: 'forbidden' });
    const wrong = await errorOf(
      signOffDemo(demo.id, dana, { identity: danaKey, passphrase: 'not the passphrase' }),
    );
    expect(wrong).toMatchObject({ code: 'forbidden' });
    expect(String((wrong as Error).message)).toContain('Wrong');
    const sam = await addPerson({ name: 'Sam Patel', role: 'security', organisation: '' });
    await expect(signOffDemo(demo.id, sam, asDana())).rejects.toThrow(
      'Sam Patel can sign off only with an identity of their own',
    );
    expect((await db.demos.get(demo.id))?.signOff).toBeNull();
    expect(await db.demoSignOffs.count()).toBe(0);
  });

  it('is co-signed by others while the record is unchanged, each with their own identity', async () => {
    const { demo } = await setUp();
    await addAgendaItem(demo.id, { title: 'One', controls: [AC2] });
    const first = await signOffDemo(demo.id, dana, asDana());
    const sam = await addPerson({ name: 'Sam Patel', role: 'security', organisation: '' });
    const second = await signOffDemo(demo.id, sam, {
      identity: await host.identityOf(sam),
      passphrase: PASSPHRASE,
    });
    expect(second).toMatchObject({
      amendment: null,
      digest: first.digest,
      person: { role: 'security' },
    });
    expect(JSON.parse(second.statement)).toMatchObject({ role: 'security' });
    expect(
      (await db.demoSignOffs.toCollection().sortBy('at')).map((row) => row.signer.commonName),
    ).toEqual(['Dana Reyes', 'Sam Patel']);
    expect((await db.demos.get(demo.id))?.signOff).toMatchObject({ by: 'Dana Reyes' });
  });

  it('changes a signed record only inside a numbered amendment, which is signed off in turn', async () => {
    const { demo } = await setUp();
    const item = await addAgendaItem(demo.id, { title: 'One', controls: [AC2] });
    await expect(openAmendment(demo.id, 'late evidence')).rejects.toThrow('not signed off yet');
    await signOffDemo(demo.id, dana, asDana());
    expect((await errorOf(openAmendment(demo.id, ' '))) as ValidationError).toBeInstanceOf(
      ValidationError,
    );
    expect(await openAmendment(demo.id, 'Scan results arrived after the demo')).toBe(1);
    await expect(openAmendment(demo.id, 'again')).rejects.toThrow('already open');
    const [evidence] = await recordEvidence(item.id, [
      { evidenceId: 'ev-1', name: 'zap.json', size: 3, sha256: 'b'.repeat(64), stored: false },
    ]);
    expect(evidence?.amendment).toBe(1);
    expect(await verifyDemoDigest(demo.id)).toBeNull();
    const amended = await signOffDemo(demo.id, dana, asDana());
    expect(amended.amendment).toBe(1);
    const stored = await db.demos.get(demo.id);
    expect(stored?.amendments).toMatchObject([
      { number: 1, reason: 'Scan results arrived after the demo', signOff: { by: 'Dana Reyes' } },
    ]);
    expect(stored?.amendments[0]?.signOff?.digest).not.toBe(stored?.signOff?.digest);
    await expect(addNote(item.id, 'observation', 'late')).rejects.toBeInstanceOf(DemoLockedError);
    expect(await verifyDemoDigest(demo.id)).toBe(true);
    expect(
      (await db.auditLog.filter((entry) => entry.action === 'amendment').toArray()).length,
    ).toBe(1);
  });

  it('detects a record changed behind the app’s back after sign-off', async () => {
    const { demo } = await setUp();
    const item = await addAgendaItem(demo.id, { title: 'One' });
    const note = await addNote(item.id, 'observation', 'As seen');
    await signOffDemo(demo.id, dana, asDana());
    await db.demoNotes.put({ ...note, text: 'Rewritten' });
    expect(await verifyDemoDigest(demo.id)).toBe(false);
    const sam = await addPerson({ name: 'Sam Patel', role: 'security', organisation: '' });
    await expect(
      signOffDemo(demo.id, sam, { identity: await host.identityOf(sam), passphrase: PASSPHRASE }),
    ).rejects.toThrow('no longer matches what was signed off');
  });

  it('keeps verifying a legacy free-text sign-off under its digest version, and takes signatures on it', async () => {
    const { demo } = await setUp();
    await addAgendaItem(demo.id, { title: 'One' });
    const record = await readDemoRecord(demo.id);
    if (!record) throw new Error('no record');
    const legacy = {
      by: 'Dana Reyes',
      role: 'auditor' as const,
      at: '2026-11-26T12:00:00.000Z',
      digest: demoRecordDigest(record, 1),
    };
    await db.audited('sign-off', ['demos'], () =>
      db.demos.put({ ...record.demo, signOff: legacy }),
    );
    expect(await verifyDemoDigest(demo.id)).toBe(true);
    const signature = await signOffDemo(demo.id, dana, asDana());
    expect(signature.digestVersion).toBe(2);
    expect((await db.demos.get(demo.id))?.signOff).toEqual(legacy);
    expect(await verifyDemoDigest(demo.id)).toBe(true);
  });
});

describe('cascades', () => {
  it('deleting the sprint deletes its demos and everything recorded in them', async () => {
    const { demo, sprintId } = await setUp();
    const item = await addAgendaItem(demo.id, { title: 'One', controls: [AC2] });
    await addNote(item.id, 'observation', 'x');
    await setVerdict(item.id, AC2, { verdict: 'satisfied' }, store);
    await raiseItemIssue(item.id, { title: 'x', priority: 'P2', control: AC2 }, tracker, {
      owner: 'Kim',
    });
    await saveDraft('k', { demoId: demo.id, workspaceId: demo.workspaceId }, 'typing');
    await deleteSprint(sprintId);
    for (const table of [db.demos, db.demoItems, db.demoNotes, db.demoVerdicts, db.demoIssues]) {
      expect(await table.count()).toBe(0);
    }
    // The tracked issue belongs to the workspace: it outlives the sprint it was raised in.
    expect(await db.issues.count()).toBe(1);
  });
});
