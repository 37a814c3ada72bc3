import { describe, expect, it } from 'vitest';
import { EMPTY_HEAD, nextEntry } from '../../../core/audit/chain';
import type { AuditEntry } from '../../../core/audit/chain';
import { SegmentBuilder, verifySegment } from '../../../core/audit/segment';
import { sniffFile } from '../../../core/archive/format';
import { verifyArchive } from '../../../core/archive/verify';
import { readSlice } from '../../../core/bundle/contents';
import type { BundleScope } from '../../../core/bundle/scope';
import { SliceError, selectSlice } from '../../../core/bundle/scope';
import { buildSegment, sliceTables } from '../../../core/bundle/slice';
import { writeArchive } from '../../../core/archive/writer';
import { IDS, SCAN_BYTES, demoLedger } from '../../support/bundle-ledger';
import { BUNDLE_ID, unsignedBundle } from '../../support/bundle-files';
import { ARCHIVE_OPTIONS, memorySink } from '../../support/ledger';

const SIGNER = { fingerprint: 'f'.repeat(64), commonName: 'Dana Whitfield' };

function chain(length: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let head = EMPTY_HEAD;
  for (let index = 0; index < length; index += 1) {
    const entry = nextEntry(head, {
      at: '2026-11-26T09:00:00.000Z',
      actor: 'alice',
      action: 'edit',
      entity: index % 2 === 0 ? 'sprints' : 'workspaces',
      key: `k${index}`,
      op: 'create',
      before: undefined,
      after: { n: index },
      detail: 'full',
    });
    entries.push(entry);
    head = { seq: entry.seq, hash: entry.hash };
  }
  return entries;
}

describe('chain segments with redacted runs', () => {
  const entries = chain(10);

  it('fold runs of other entries and still check every link', () => {
    const builder = new SegmentBuilder({ seq: 2, hash: entries[1]?.hash ?? '' });
    for (const entry of entries.slice(2)) builder.add(entry, entry.entity === 'sprints');
    const rows = builder.finish();
    // 3 … 10: sprints entries (odd seq) kept, each even run of one folded: 3,r4,5,r6,7,r8,9,r10
    expect(rows.map((row) => ('redacted' in row ? `r${row.seq}` : String(row.seq)))).toEqual([
      '3',
      'r4',
      '5',
      'r6',
      '7',
      'r8',
      '9',
      'r10',
    ]);
    const verdict = verifySegment(
      rows,
      { seq: 2, hash: entries[1]?.hash ?? '' },
      { allowRedacted: true },
    );
    expect(verdict).toMatchObject({ ok: true, checked: 8, redacted: 4, head: { seq: 10 } });
    expect(verdict.entries.map((entry) => entry.seq)).toEqual([3, 5, 7, 9]);
  });

  it('report a run that skips entries, does not link, or appears in a whole backup', () => {
    const builder = new SegmentBuilder(EMPTY_HEAD);
    entries.forEach((entry, index) => builder.add(entry, index >= 6));
    const rows = builder.finish();
    expect(rows[0]).toMatchObject({ redacted: true, from: 1, seq: 6 });
    const gap = [{ ...rows[0], from: 2 }, ...rows.slice(1)];
    expect(verifySegment(gap, EMPTY_HEAD, { allowRedacted: true }).firstBreak).toMatchObject({
      reason: 'sequence-gap',
    });
    const unlinked = [{ ...rows[0], prev: 'e'.repeat(64) }, ...rows.slice(1)];
    expect(verifySegment(unlinked, EMPTY_HEAD, { allowRedacted: true }).firstBreak).toMatchObject({
      reason: 'previous-hash-mismatch',
    });
    const wrongHash = [{ ...rows[0], hash: 'e'.repeat(64) }, ...rows.slice(1)];
    expect(verifySegment(wrongHash, EMPTY_HEAD, { allowRedacted: true }).firstBreak).toMatchObject({
      seq: 7,
      reason: 'previous-hash-mismatch',
    });
    expect(verifySegment(rows, EMPTY_HEAD, { allowRedacted: false }).firstBreak).toMatchObject({
      reason: 'malformed',
    });
  });
});

async function keysOf(scope: BundleScope): Promise<Record<string, string[]>> {
  const selection = await selectSlice(scope, demoLedger().store());
  return Object.fromEntries(
    [...selection.tables].map(([table, rows]) => [table, [...rows.keys()].sort()]),
  );
}

describe('slice selection', () => {
  it('a sprint: its demos with everything recorded, the evidence and issues they use, its reports', async () => {
    const keys = await keysOf({ kind: 'sprint', workspaceId: IDS.workspace, sprintId: IDS.sprint });
    expect(keys).toMatchObject({
      workspaces: [IDS.workspace],
      teams: [IDS.team],
      sprints: [IDS.sprint],
      demos: [IDS.demo],
      demoItems: [IDS.item, IDS.secondItem].sort(),
      demoNotes: [IDS.question],
      demoVerdicts: [IDS.verdict],
      demoEvidence: [IDS.demoEvidence],
      demoIssues: [IDS.demoIssue],
      evidence: [IDS.evidence],
      evidenceLinks: [IDS.controlLink, IDS.itemLink].sort(),
      evidenceBlobs: ['a'.repeat(64)],
      evidenceSummaries: ['a'.repeat(64)],
      issues: [IDS.issue],
      reports: [IDS.report],
      postMortems: [],
      reviewObservations: [],
    });
  });

  it('a demo: the demo and its sprint, not the sprint’s other demos', async () => {
    const keys = await keysOf({ kind: 'demo', workspaceId: IDS.workspace, demoId: IDS.laterDemo });
    expect(keys['demos']).toEqual([IDS.laterDemo]);
    expect(keys['sprints']).toEqual([IDS.laterSprint]);
    expect(keys['demoItems']).toEqual([IDS.laterItem]);
    expect(keys['issues']).toEqual([]);
  });

  it('a period: demos held in it, sprints overlapping it, evidence and issues from it', async () => {
    const keys = await keysOf({
      kind: 'period',
      workspaceId: IDS.workspace,
      from: '2026-01-01',
      to: '2026-01-31',
    });
    expect(keys['demos']).toEqual([]);
    expect(keys['evidence']).toEqual([IDS.unrelatedEvidence]);
    expect(keys['issues']).toEqual([IDS.otherIssue]);
    const december = await keysOf({
      kind: 'period',
      workspaceId: IDS.workspace,
      from: '2026-12-01',
      to: '2026-12-31',
    });
    expect(december['demos']).toEqual([IDS.laterDemo]);
    expect(december['sprints']).toEqual([IDS.laterSprint]);
  });

  it('refuse a scope that names nothing in the workspace', async () => {
    await expect(
      selectSlice(
        { kind: 'sprint', workspaceId: IDS.workspace, sprintId: IDS.otherSprint },
        demoLedger().store(),
      ),
    ).rejects.toThrow(SliceError);
  });
});

describe('bundle archives', () => {
  const scope: BundleScope = { kind: 'sprint', workspaceId: IDS.workspace, sprintId: IDS.sprint };

  it('hold the slice with its whole history, other records only as redacted runs', async () => {
    const ledger = demoLedger();
    const { bytes, manifest } = await unsignedBundle(ledger, scope, SIGNER);
    expect(sniffFile(bytes.subarray(0, 1024))).toBe('demo-ledger-bundle');
    const verdict = await verifyArchive(new Blob([bytes]).stream());
    expect(verdict.problems).toEqual([]);
    expect(verdict.ok).toBe(true);
    expect(verdict.manifest?.bundle).toMatchObject({ title: 'Sprint 14', scope, signer: SIGNER });
    // The first entry is the workspace's creation: the segment starts at the beginning.
    expect(verdict.chain).toMatchObject({ ok: true, start: EMPTY_HEAD, head: ledger.head });
    expect(verdict.chain.checked).toBe(ledger.log.length);
    expect(verdict.chain.redacted).toBeGreaterThan(5);
    expect(verdict.signature).toBeNull();
    // Another client's records never leave, not even in the audit log.
    const text = new TextDecoder().decode(bytes);
    expect(text).not.toContain('Secret sprint');
    expect(text).not.toContain('confidential');
    expect(text).not.toContain('Another client');
    expect(text).not.toContain('Sprint 15');
    // A note deleted from the demo travels as its deletion.
    const contents = await readSlice(new Blob([bytes]), verdict);
    const deletion = contents.audit.find(
      (row) => !('redacted' in row) && row.key === IDS.removedNote && row.op === 'delete',
    );
    expect(deletion).toBeDefined();
    expect(contents.logged.get(`demoNotes\u0000${IDS.removedNote}`)).toBeNull();
    // Evidence content travels as a separate entry, byte for byte.
    const blob = contents.records.get(`evidenceBlobs\u0000${'a'.repeat(64)}`)?.value as {
      blob: Blob;
    };
    expect(new Uint8Array(await blob.blob.arrayBuffer())).toEqual(SCAN_BYTES);
    expect(manifest.database.tables.find((table) => table.name === 'demoNotes')?.rows).toBe(1);
  });

  it('start where the manifest says: a log cut at its start is reported', async () => {
    const ledger = demoLedger();
    const selection = await selectSlice(scope, ledger.store());
    const segment = await buildSegment(selection, ledger.reader(), null);
    const cut = { ...segment, rows: segment.rows.slice(1) };
    const sink = memorySink();
    await writeArchive(
      sliceTables(selection, cut, (table) => ledger.describe(table)),
      sink,
      {
        ...ARCHIVE_OPTIONS,
        kind: 'bundle',
        audit: { start: segment.start },
        bundle: {
          id: BUNDLE_ID,
          title: selection.title,
          scope,
          workspace: selection.workspace,
          signer: SIGNER,
          review: null,
        },
      },
    );
    const verdict = await verifyArchive(new Blob([sink.bytes()]).stream());
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toContain(
      'The audit log does not start where the manifest says (entries were cut from its beginning).',
    );
  });

  it('detect records that differ from the audit log', async () => {
    const ledger = demoLedger();
    // Changed behind the log's back: the row no longer matches its last entry.
    ledger.rows('demoItems').set(IDS.item, {
      ...ledger.rows('demoItems').get(IDS.item),
      title: 'Edited in IndexedDB',
    });
    const { bytes } = await unsignedBundle(ledger, scope, SIGNER);
    const verdict = await verifyArchive(new Blob([bytes]).stream());
    expect(verdict.ok).toBe(false);
    expect(verdict.mismatches).toContainEqual({
      entity: 'demoItems',
      key: IDS.item,
      problem: 'changed-outside-the-log',
    });
  });
});
