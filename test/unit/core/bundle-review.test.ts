import { beforeAll, describe, expect, it } from 'vitest';
import { toCanonicalValue } from '../../../core/audit/canonical';
import { stateHashOf, stateKey } from '../../../core/audit/chain';
import { END_OF_ARCHIVE } from '../../../core/archive/tar';
import { verifyArchive } from '../../../core/archive/verify';
import { readSlice, reviewChanges } from '../../../core/bundle/contents';
import type { Version } from '../../../core/bundle/merge';
import {
  UnresolvedConflictError,
  conflictingFields,
  mergeWrites,
  planMerge,
} from '../../../core/bundle/merge';
import type { BundleScope, Row } from '../../../core/bundle/scope';
import { trustingChecker } from '../../../core/bundle/signature';
import { signedRef, verifyBundle } from '../../../core/bundle/verify';
import type { IdentityMaterial } from '../../../core/signing/keys';
import { identityValidAt } from '../../support/clock';
import { concatBytes } from '../../../core/util/bytes';
import { IDS, MemoryLedger, demoLedger, uuid } from '../../support/bundle-ledger';
import {
  BUNDLE_ID,
  declaredSigner,
  signArchive,
  signerOf,
  unsignedBundle,
  withReview,
} from '../../support/bundle-files';

const scope: BundleScope = { kind: 'sprint', workspaceId: IDS.workspace, sprintId: IDS.sprint };
const OBSERVATION = uuid(20, 1);
const questionId = stateKey('demoNotes', IDS.question);

function version(value: Row): Version<Row> {
  return { state: stateHashOf(value) ?? '', canonical: toCanonicalValue(value), value };
}

/** A profile's records as merge input. */
function sideOf(ledger: MemoryLedger, ids: Iterable<string>): Map<string, Version<Row> | null> {
  const side = new Map<string, Version<Row> | null>();
  for (const id of ids) {
    const [table = '', key = ''] = id.split('\u0000');
    const row = ledger.tables.get(table)?.get(key);
    side.set(id, row ? version(row) : null);
  }
  return side;
}

describe('a bundle round trip: review, co-signature, merge', () => {
  let dana: IdentityMaterial;
  let bob: IdentityMaterial;
  let origin: MemoryLedger;
  let original: Uint8Array<ArrayBuffer>;
  let reviewed: Uint8Array<ArrayBuffer>;

  beforeAll(async () => {
    dana = await identityValidAt({ name: 'Dana Whitfield' }, 'ecdsa-p256');
    bob = await identityValidAt({ name: 'Bob Reviewer' }, 'ecdsa-p256');
    origin = demoLedger();
    const exported = await unsignedBundle(
      origin,
      scope,
      await declaredSigner(dana, 'Dana Whitfield'),
    );
    original = await signArchive(exported.bytes, await signerOf(dana));

    // Bob imports the bundle into his own ledger, then reviews it.
    const reviewer = new MemoryLedger('bob', new Date('2026-11-28T09:00:00.000Z'));
    reviewer.put('workspaces', { id: uuid(1, 99), name: 'Bob’s own work', description: '' });
    const verdict = await verifyArchive(new Blob([original]).stream());
    const contents = await readSlice(new Blob([original]), verdict);
    for (const [id, record] of contents.records) {
      reviewer.put(id.split('\u0000')[0] ?? '', record.value as Row, 'import');
    }
    const since = reviewer.head;
    reviewer.update('demoNotes', IDS.question, {
      answer: 'Yes, every quarter (Bob)',
      answeredAt: '2026-11-28T10:00:00.000Z',
    });
    reviewer.put('reviewObservations', {
      id: OBSERVATION,
      bundleId: BUNDLE_ID,
      workspaceId: IDS.workspace,
      sprintId: IDS.sprint,
      demoId: IDS.demo,
      target: { table: 'demoItems', key: IDS.item, label: 'PAY-142 Card tokenisation' },
      text: 'Rotation evidence should be attached next sprint.',
      author: 'bob',
      at: '2026-11-28T10:05:00.000Z',
    });
    reviewer.update('workspaces', uuid(1, 99), { name: 'Bob’s own work, renamed' });
    const ref = signedRef(
      verdict.manifestBytes ?? new Uint8Array(),
      verdict.signature ?? new Uint8Array(),
    );
    const review = await unsignedBundle(
      reviewer,
      scope,
      await declaredSigner(bob, 'Bob Reviewer'),
      {
        since,
        review: { number: 1, original: ref, previous: null },
      },
    );
    reviewed = withReview(original, await signArchive(review.bytes, await signerOf(bob)));

    // Meanwhile Dana answered the same question herself.
    origin.update('demoNotes', IDS.question, {
      answer: 'No, not yet (Dana)',
      answeredAt: '2026-11-28T11:00:00.000Z',
    });
  }, 300_000);

  it('both signatures verify independently and the original bytes are kept', async () => {
    const verdict = await verifyBundle(
      new Blob([reviewed]),
      trustingChecker([dana.certificate, bob.certificate]),
    );
    expect(verdict.problems).toEqual([]);
    expect(verdict).toMatchObject({ ok: true, trusted: true });
    expect(verdict.signature?.signer?.commonName).toBe('Dana Whitfield');
    expect(verdict.reviews).toHaveLength(1);
    const [review] = verdict.reviews;
    expect(review?.signature).toMatchObject({
      valid: true,
      signerMatches: true,
      signer: { commonName: 'Bob Reviewer' },
    });
    // Only what Bob changed travels back, and nothing of his other work.
    expect(
      review?.archive.manifest?.database.tables.map((table) => [table.name, table.rows]),
    ).toEqual([
      ['auditLog', 3],
      ['demoNotes', 1],
      ['reviewObservations', 1],
    ]);
    expect(new TextDecoder().decode(reviewed)).not.toContain('Bob’s own work');
    // The bundle as Dana signed it is the reviewed file's beginning, byte for byte.
    const prefix = concatBytes([
      reviewed.subarray(0, review?.entry.headerOffset ?? 0),
      END_OF_ARCHIVE,
    ]);
    expect(prefix).toEqual(original);
    // Trusting only Dana: intact, but Bob's co-signature is not trusted.
    const partly = await verifyBundle(new Blob([reviewed]), trustingChecker([dana.certificate]));
    expect(partly).toMatchObject({ ok: true, trusted: false });
  });

  it('a review that binds another original, or comes unsigned, is refused', async () => {
    const verdict = await verifyArchive(new Blob([original]).stream());
    const reviewer = new MemoryLedger('bob');
    const contents = await readSlice(new Blob([original]), verdict);
    for (const [id, record] of contents.records)
      reviewer.put(id.split('\u0000')[0] ?? '', record.value as Row, 'import');
    const since = reviewer.head;
    reviewer.update('demoItems', IDS.item, { title: 'Changed' });
    const wrong = { manifestSha256: '1'.repeat(64), signatureSha256: '2'.repeat(64) };
    const review = await unsignedBundle(
      reviewer,
      scope,
      await declaredSigner(bob, 'Bob Reviewer'),
      {
        since,
        review: { number: 1, original: wrong, previous: null },
      },
    );
    const checker = trustingChecker([dana.certificate, bob.certificate]);
    const misbound = await verifyBundle(
      new Blob([withReview(original, await signArchive(review.bytes, await signerOf(bob)))]),
      checker,
    );
    expect(misbound.ok).toBe(false);
    expect(misbound.problems).toContain(
      'Review 1: it reviews another bundle (its manifest pins a different signed original)',
    );
    const unsigned = await verifyBundle(new Blob([withReview(original, review.bytes)]), checker);
    expect(unsigned.problems).toContain('Review 1: it is not signed');
  });

  it('merging back: the reviewer’s new records apply, the record both changed is a conflict', async () => {
    const verdict = await verifyBundle(
      new Blob([reviewed]),
      trustingChecker([dana.certificate, bob.certificate]),
    );
    const originalSide = await readSlice(new Blob([reviewed]), verdict.archive);
    const [review] = verdict.reviews;
    if (!review) throw new Error('no review');
    const entry = review.entry;
    const reviewSide = await readSlice(
      new Blob([reviewed]).slice(entry.dataOffset, entry.dataOffset + entry.size),
      review.archive,
    );
    const changes = reviewChanges(reviewSide);
    expect([...changes.keys()].sort()).toEqual(
      [questionId, stateKey('reviewObservations', OBSERVATION)].sort(),
    );
    const plan = planMerge({
      original: originalSide.records,
      reviews: [changes],
      ours: sideOf(origin, changes.keys()),
      origin: true,
    });
    expect(plan.apply.map((record) => record.id)).toEqual([
      stateKey('reviewObservations', OBSERVATION),
    ]);
    expect(plan.conflicts.map((record) => record.id)).toEqual([questionId]);
    const [conflict] = plan.conflicts;
    if (conflict?.decision.kind !== 'conflict') throw new Error('expected a conflict');
    expect(conflictingFields(conflict.decision)).toEqual([
      {
        field: 'answer',
        base: null,
        ours: 'No, not yet (Dana)',
        theirs: 'Yes, every quarter (Bob)',
      },
      {
        field: 'answeredAt',
        base: null,
        ours: '2026-11-28T11:00:00.000Z',
        theirs: '2026-11-28T10:00:00.000Z',
      },
    ]);
    expect(() => mergeWrites(plan, new Map())).toThrow(UnresolvedConflictError);
    const keepOurs = mergeWrites(plan, new Map([[questionId, 'ours']]));
    expect(keepOurs.map((write) => write.id)).toEqual([
      stateKey('reviewObservations', OBSERVATION),
    ]);
    const takeTheirs = mergeWrites(plan, new Map([[questionId, 'theirs']]));
    expect(takeTheirs.find((write) => write.id === questionId)).toMatchObject({
      resolved: 'theirs',
      value: { answer: 'Yes, every quarter (Bob)' },
    });
  });
});

describe('merge rules', () => {
  const v = (value: Row) => version(value);
  const id = stateKey('demoItems', 'x');
  const base = v({ id: 'x', title: 'Base' });
  const plan = (options: {
    original?: Version<Row> | null;
    theirs?: Version<Row> | null;
    ours: Version<Row> | null;
    origin?: boolean;
    table?: string;
  }) => {
    const key = options.table ? stateKey(options.table, 'x') : id;
    const original = new Map<string, Version<Row>>();
    if (options.original) original.set(key, options.original);
    const reviews = options.theirs === undefined ? [] : [new Map([[key, options.theirs]])];
    return planMerge({
      original,
      reviews,
      ours: new Map([[key, options.ours]]),
      origin: options.origin ?? true,
      contentAddressed: new Set(['evidenceBlobs']),
    }).records[0]?.decision.kind;
  };

  it('origin: one side changed → that side; both the same → nothing; both differently → conflict', () => {
    expect(plan({ original: base, theirs: v({ id: 'x', title: 'Theirs' }), ours: base })).toBe(
      'apply',
    );
    expect(plan({ original: base, theirs: base, ours: v({ id: 'x', title: 'Ours' }) })).toBe(
      'keep-ours',
    );
    expect(
      plan({
        original: base,
        theirs: v({ id: 'x', title: 'Same' }),
        ours: v({ id: 'x', title: 'Same' }),
      }),
    ).toBe('unchanged');
    expect(
      plan({
        original: base,
        theirs: v({ id: 'x', title: 'T' }),
        ours: v({ id: 'x', title: 'O' }),
      }),
    ).toBe('conflict');
  });

  it('origin: deletions and creations are changes like any other', () => {
    expect(plan({ original: base, theirs: null, ours: base })).toBe('apply');
    expect(plan({ original: base, theirs: null, ours: v({ id: 'x', title: 'Edited here' }) })).toBe(
      'conflict',
    );
    expect(
      plan({ original: base, theirs: v({ id: 'x', title: 'Edited there' }), ours: null }),
    ).toBe('conflict');
    expect(plan({ original: null, theirs: v({ id: 'x', title: 'New' }), ours: null })).toBe(
      'apply',
    );
    expect(plan({ original: base, theirs: null, ours: null })).toBe('unchanged');
  });

  it('elsewhere (no common ancestor): new records apply, equal ones are left, differing ones conflict', () => {
    expect(plan({ original: base, ours: null, origin: false })).toBe('apply');
    expect(plan({ original: base, ours: base, origin: false })).toBe('unchanged');
    expect(plan({ original: base, ours: v({ id: 'x', title: 'Mine' }), origin: false })).toBe(
      'conflict',
    );
    expect(
      plan({
        original: base,
        theirs: v({ id: 'x', title: 'Reviewed' }),
        ours: base,
        origin: false,
      }),
    ).toBe('conflict');
  });

  it('content-addressed records never conflict: the same key is the same content', () => {
    const stored = (at: string) => v({ sha256: 'x', storedAt: at });
    expect(
      plan({ table: 'evidenceBlobs', original: null, theirs: stored('b'), ours: stored('a') }),
    ).toBe('keep-ours');
    expect(plan({ table: 'evidenceBlobs', original: null, theirs: stored('b'), ours: null })).toBe(
      'apply',
    );
  });
});
