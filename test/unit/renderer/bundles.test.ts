// @vitest-environment node
// Node's own Blob survives fake-indexeddb's structured clone; happy-dom's does not.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyArchive } from '../../../core/archive/verify';
import type { BundleScope } from '../../../core/bundle/scope';
import type { SignatureChecker } from '../../../core/bundle/signature';
import { trustingChecker } from '../../../core/bundle/signature';
import { verifyBundle } from '../../../core/bundle/verify';
import type { IdentityMaterial } from '../../../core/signing/keys';
import { identityValidAt } from '../../support/clock';
import type { Signer } from '../../../core/signing/signer';
import { sha256Hex } from '../../../core/util/hash';
import { LedgerDatabase } from '../../../renderer/src/db/db';
import { db as reviewerDb, setActor } from '../../../renderer/src/db';
import { verifyLedger } from '../../../renderer/src/features/audit/verify';
import { applyBundle } from '../../../renderer/src/features/bundles/apply';
import { addObservation } from '../../../renderer/src/features/bundles/commands';
import {
  prepareFromDatabase,
  recordBundle,
  writeSlice,
} from '../../../renderer/src/features/bundles/export';
import type { BundleInspection } from '../../../renderer/src/features/bundles/inspect';
import { inspectBundle } from '../../../renderer/src/features/bundles/inspect';
import { prepareReview, reviewBinding } from '../../../renderer/src/features/bundles/review';
import { declaredSigner, signArchive, signerOf, withReview } from '../../support/bundle-files';
import { memorySink } from '../../support/ledger';

const at = '2026-11-26T09:00:00.000Z';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const W = id(1);
const OTHER = id(2);
const SPRINT = id(11);
const DEMO = id(21);
const ITEM = id(31);
const QUESTION = id(41);
const EVIDENCE = id(51);
const SCAN = new TextEncoder().encode('<nmaprun><host><port>443</port></host></nmaprun>');
const SCAN_SHA = sha256Hex(SCAN);
const scope: BundleScope = { kind: 'sprint', workspaceId: W, sprintId: SPRINT };

/** A sprint demo recorded through the audited database, next to another client's workspace. */
async function populate(db: LedgerDatabase): Promise<void> {
  const stamps = { createdAt: at, updatedAt: at };
  await db.workspaces.add({ id: W, name: 'Payments', description: '', ...stamps });
  await db.workspaces.add({ id: OTHER, name: 'Another client', description: '', ...stamps });
  await db.sprints.add({
    id: SPRINT,
    workspaceId: W,
    teamId: null,
    name: 'Sprint 14',
    goal: '',
    startDate: '2026-11-16',
    endDate: '2026-11-27',
    ...stamps,
  });
  await db.sprints.add({
    id: id(12),
    workspaceId: OTHER,
    teamId: null,
    name: 'Secret sprint',
    goal: '',
    startDate: '2026-11-16',
    endDate: '2026-11-27',
    ...stamps,
  });
  const inSprint = { workspaceId: W, sprintId: SPRINT };
  await db.demos.add({
    id: DEMO,
    ...inSprint,
    title: 'Sprint 14 demo',
    date: '2026-11-26',
    facilitator: 'Dana',
    attendees: [],
    startedAt: null,
    signOff: null,
    amendments: [],
    ...stamps,
  });
  await db.demoItems.add({
    id: ITEM,
    demoId: DEMO,
    ...inSprint,
    key: 'PAY-142',
    title: 'Card tokenisation',
    description: '',
    owner: 'Sam',
    links: [],
    controls: ['nist-sp-800-53-rev5#sc-28'],
    position: 1,
    ...stamps,
  });
  const itemRow = { demoId: DEMO, itemId: ITEM, ...inSprint, amendment: null };
  await db.demoNotes.add({
    id: QUESTION,
    ...itemRow,
    kind: 'question',
    text: 'Is the key rotated?',
    at,
    author: 'Dana',
    answer: null,
    answeredAt: null,
  });
  await db.demoVerdicts.add({
    id: id(61),
    ...itemRow,
    control: 'nist-sp-800-53-rev5#sc-28',
    verdict: 'satisfied',
    reason: '',
    expires: null,
    decidedAt: at,
    decidedBy: 'Dana',
  });
  await db.evidenceBlobs.add({
    sha256: SCAN_SHA,
    size: SCAN.byteLength,
    blob: new Blob([SCAN], { type: 'application/xml' }),
    storedAt: at,
  });
  await db.evidence.add({
    id: EVIDENCE,
    workspaceId: W,
    sha256: SCAN_SHA,
    fileName: 'scan.xml',
    mediaType: 'application/xml',
    size: SCAN.byteLength,
    format: 'nmap',
    variant: '',
    parseError: null,
    headline: '1 port',
    sourceKey: 'nmap|host',
    attachedBy: 'Dana',
    attachedAt: at,
    effectiveFrom: '2026-11-26',
    effectiveTo: '2026-11-26',
    dating: 'tool',
    statedBy: '',
    freshnessDays: null,
    origin: { pipeline: '', job: '', runUrl: '', commit: '', branch: '' },
    notes: '',
    ...stamps,
  });
  await db.demoEvidence.add({
    id: id(71),
    ...itemRow,
    evidenceId: EVIDENCE,
    name: 'scan.xml',
    size: SCAN.byteLength,
    sha256: SCAN_SHA,
    mediaType: 'application/xml',
    stored: true,
    attachedAt: at,
    attachedBy: 'Dana',
  });
  await db.sprints.update(id(12), { goal: 'Confidential' });
}

const BUNDLE_ID = id(900);

describe('audit bundles between two ledgers', () => {
  let dana: IdentityMaterial;
  let bob: IdentityMaterial;
  let danaSigner: Signer;
  let bobSigner: Signer;
  let origin: LedgerDatabase;
  let original: File;
  let checker: SignatureChecker;

  beforeAll(async () => {
    dana = await identityValidAt({ name: 'Dana Whitfield' }, 'ecdsa-p256');
    bob = await identityValidAt({ name: 'Bob Reviewer' }, 'ecdsa-p256');
    danaSigner = await signerOf(dana);
    bobSigner = await signerOf(bob);
    checker = trustingChecker([dana.certificate, bob.certificate]);
    origin = new LedgerDatabase('bundle-origin', { actor: () => 'dana', now: () => new Date(at) });
    await populate(origin);
  }, 300_000);

  afterAll(async () => {
    await origin.delete();
    await reviewerDb.delete();
  });

  async function exportFromOrigin(): Promise<File> {
    const prepared = await prepareFromDatabase(origin, scope, { bundleId: BUNDLE_ID, since: null });
    const sink = memorySink();
    await writeSlice(origin, prepared, sink, {
      bundleId: BUNDLE_ID,
      signer: await declaredSigner(dana, 'Dana Whitfield'),
      review: null,
      app: { name: 'Demo Ledger', version: 'test' },
      createdBy: 'dana',
      now: new Date(at),
    });
    const bytes = await signArchive(sink.bytes(), danaSigner);
    const file = new File([bytes], 'sprint-14.dlbundle');
    const verdict = await verifyBundle(file, checker);
    if (!verdict.signature || !verdict.original) throw new Error(verdict.problems.join('; '));
    await recordBundle(origin, {
      role: 'exported',
      bundleId: BUNDLE_ID,
      scope,
      title: 'Sprint 14',
      signed: {
        path: '/tmp/sprint-14.dlbundle',
        size: file.size,
        sha256: sha256Hex(bytes),
        signature: verdict.signature,
        ref: verdict.original,
      },
      records: prepared.selection.tables.size,
    });
    return file;
  }

  it('exports the sprint from the database: its records, evidence and history, nothing of another client', async () => {
    original = await exportFromOrigin();
    const bytes = new Uint8Array(await original.arrayBuffer());
    const archive = await verifyArchive(new Blob([bytes]).stream());
    expect(archive.problems).toEqual([]);
    const rows = Object.fromEntries(
      archive.manifest?.database.tables.map((table) => [table.name, table.rows]) ?? [],
    );
    expect(rows).toMatchObject({
      workspaces: 1,
      sprints: 1,
      demos: 1,
      demoItems: 1,
      demoNotes: 1,
      demoVerdicts: 1,
      demoEvidence: 1,
      evidence: 1,
      evidenceBlobs: 1,
    });
    expect(archive.chain.redacted).toBeGreaterThan(0);
    const text = new TextDecoder().decode(bytes);
    expect(text).not.toContain('Another client');
    expect(text).not.toContain('Confidential');
  });

  it('refuses a flipped byte and an untrusted signer, storing nothing', async () => {
    const before = await reviewerDb.auditLog.count();
    const damaged = new Uint8Array(await original.arrayBuffer());
    const at = new TextDecoder().decode(damaged).indexOf('Card tokenisation');
    damaged[at] = (damaged[at] ?? 0) ^ 1;
    const flipped = await inspectBundle(reviewerDb, new File([damaged], 'x.dlbundle'), checker);
    expect(flipped.refusal).toMatch(/is damaged or was changed/);
    const untrusted = await inspectBundle(reviewerDb, original, trustingChecker([bob.certificate]));
    expect(untrusted.refusal).toMatch(
      /^Dana Whitfield's certificate \(SHA-256 [0-9a-f]{64}\) is not on your trust list/,
    );
    await expect(applyBundle(reviewerDb, untrusted, new Map(), 'bob')).rejects.toThrow(
      /not on your trust list/,
    );
    expect(await reviewerDb.auditLog.count()).toBe(before);
    expect(await reviewerDb.workspaces.count()).toBe(0);
  });

  it('imports for review, takes observations, and sends a co-signed review back that merges with one conflict', async () => {
    setActor('bob');
    const inspection = await inspectBundle(reviewerDb, original, checker);
    expect(inspection.refusal).toBeNull();
    expect(inspection.mode).toBe('import');
    expect(inspection.plan?.conflicts).toEqual([]);
    const row = await applyBundle(reviewerDb, inspection, new Map(), 'bob');
    expect(row).toMatchObject({ role: 'imported', applied: inspection.plan?.apply.length });
    expect(await reviewerDb.demoNotes.get(QUESTION)).toMatchObject({ text: 'Is the key rotated?' });
    const stored = await reviewerDb.evidenceBlobs.get(SCAN_SHA);
    expect(new Uint8Array(await (stored?.blob ?? new Blob()).arrayBuffer())).toEqual(SCAN);
    const imported = await reviewerDb.auditLog.where('action').equals('import').toArray();
    expect(imported.length).toBe((inspection.plan?.apply.length ?? 0) + 1);
    expect((await verifyLedger(reviewerDb)).mismatches).toEqual([]);

    // The review: an answer, an observation; then Dana answers the same question herself.
    const question = await reviewerDb.demoNotes.get(QUESTION);
    if (!question) throw new Error('no question');
    await reviewerDb.demoNotes.put({
      ...question,
      answer: 'Yes, quarterly (Bob)',
      answeredAt: '2026-11-28T10:00:00.000Z',
    });
    await addObservation({
      bundleRowId: row.id,
      target: { table: 'demoItems', key: ITEM, label: 'PAY-142 Card tokenisation' },
      text: 'Attach the rotation log next sprint.',
    });
    const prepared = await prepareReview(reviewerDb, row);
    const sink = memorySink();
    await writeSlice(reviewerDb, prepared, sink, {
      bundleId: BUNDLE_ID,
      signer: await declaredSigner(bob, 'Bob Reviewer'),
      review: reviewBinding(row),
      app: { name: 'Demo Ledger', version: 'test' },
      createdBy: 'bob',
      now: new Date('2026-11-28T12:00:00.000Z'),
    });
    const review = await signArchive(sink.bytes(), bobSigner);
    const reviewed = new File(
      [withReview(new Uint8Array(await original.arrayBuffer()), review)],
      'reviewed.dlbundle',
    );
    const q = await origin.demoNotes.get(QUESTION);
    if (!q) throw new Error('no question');
    await origin.demoNotes.put({
      ...q,
      answer: 'No, not yet (Dana)',
      answeredAt: '2026-11-28T11:00:00.000Z',
    });

    const merge: BundleInspection = await inspectBundle(origin, reviewed, checker);
    expect(merge.refusal).toBeNull();
    expect(merge.mode).toBe('merge');
    expect(merge.verdict.reviews[0]?.signature?.signer?.commonName).toBe('Bob Reviewer');
    expect(merge.plan?.conflicts.map((record) => record.key)).toEqual([QUESTION]);
    expect(merge.plan?.apply.map((record) => record.table)).toEqual(['reviewObservations']);
    await expect(applyBundle(origin, merge, new Map(), 'dana')).rejects.toThrow(
      /has not been resolved/,
    );
    const conflictId = merge.plan?.conflicts[0]?.id ?? '';
    const merged = await applyBundle(origin, merge, new Map([[conflictId, 'theirs']]), 'dana');
    expect(merged).toMatchObject({
      role: 'merged',
      applied: 2,
      resolutions: [{ table: 'demoNotes', key: QUESTION, choice: 'theirs' }],
    });
    expect(await origin.demoNotes.get(QUESTION)).toMatchObject({ answer: 'Yes, quarterly (Bob)' });
    expect(await origin.reviewObservations.where('bundleId').equals(BUNDLE_ID).count()).toBe(1);
    const entries = await origin.auditLog.where('action').equals('merge').toArray();
    expect(entries.map((entry) => `${entry.entity} ${entry.op}`).sort()).toEqual([
      'bundles create',
      'demoNotes update',
      'reviewObservations create',
    ]);
    const ledger = await verifyLedger(origin);
    expect(ledger.chain.ok).toBe(true);
    expect(ledger.headMatches).toBe(true);
    expect(ledger.mismatches).toEqual([]);
  });
});
