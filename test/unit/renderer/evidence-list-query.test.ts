import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Evidence, EvidenceLink } from '../../../core/model';
import { LedgerDatabase } from '../../../renderer/src/db/db';
import type { EvidenceFilters } from '../../../renderer/src/features/evidence/list-query';
import {
  controlsOf,
  evidenceListSource,
  workspaceFormats,
  workspaceSources,
} from '../../../renderer/src/features/evidence/list-query';
import { runDataUpgrades } from '../../../renderer/src/db/upgrades';
import { evidenceSearchUpgrade } from '../../../renderer/src/features/evidence/search-upgrade';
import type { KeysetSource } from '../../../renderer/src/lib/paged';
import { KEYSET_PAGE, readWindow } from '../../../renderer/src/lib/paged';

let db: LedgerDatabase;
const TODAY = '2026-11-27';
const NONE: EvidenceFilters = {
  format: '',
  source: '',
  text: '',
  notFreshOnly: false,
  today: TODAY,
};

/** Row i: attached i minutes after a start, every third one a ZAP file, every fifth undated. */
function row(index: number, workspaceId = 'w1'): Evidence {
  const zap = index % 3 === 0;
  const undated = index % 5 === 0;
  const at = new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString();
  return {
    id: `e${String(index).padStart(5, '0')}`,
    workspaceId,
    sha256: index.toString(16).padStart(64, '0'),
    fileName: `scan-${index}.json`,
    mediaType: 'application/json',
    size: 100 + index,
    format: zap ? 'zap' : 'sarif',
    variant: '',
    parseError: null,
    headline: `${index} findings`,
    flag: null,
    sourceKey: zap ? 'zap|dast' : 'sarif|semgrep',
    attachedBy: 'alice',
    attachedAt: at,
    effectiveFrom: undated ? null : '2026-11-20',
    effectiveTo: undated ? null : '2026-11-20',
    dating: undated ? 'undated' : 'tool',
    statedBy: '',
    freshnessDays: null,
    origin: { pipeline: '', job: '', runUrl: '', commit: '', branch: '' },
    notes: '',
    createdAt: at,
    updatedAt: at,
  };
}

function link(evidenceId: string, control: string, workspaceId = 'w1'): EvidenceLink {
  return {
    id: `${evidenceId}-${control}`,
    workspaceId,
    evidenceId,
    targetType: 'control',
    targetId: `nist-sp-800-53-rev5#${control}`,
    createdAt: '2026-01-01T00:00:00.000Z',
  } as EvidenceLink;
}

const COUNT = 1234;

beforeEach(async () => {
  db = new LedgerDatabase(`evidence-list-${crypto.randomUUID()}`, {
    actor: () => 'alice',
    now: () => new Date('2026-11-27T12:00:00Z'),
  });
  await db.open();
  // Two timestamps shared by several rows: pages must end on an exact key, not on the time.
  const rows = Array.from({ length: COUNT }, (_, index) => row(index + 1));
  for (const tie of rows.slice(495, 505)) tie.attachedAt = rows[499]!.attachedAt;
  await db.evidence.bulkAdd([...rows, row(9001, 'w2')]);
  await db.evidenceLinks.bulkAdd([
    link('e00007', 'ra-5'),
    link('e00008', 'ra-5.2'),
    link('e00009', 'RA-5(3)'),
    link('e00010', 'cm-7'),
    link('e09001', 'ra-5', 'w2'),
  ]);
});

afterEach(async () => {
  await db.delete();
});

/** Every row of the source, read page by page as the list reads them. */
async function all(source: KeysetSource<Evidence>): Promise<Evidence[]> {
  return (await readWindow(source, Number.MAX_SAFE_INTEGER)).rows;
}

function newestFirst(rows: Evidence[]): string[] {
  return [...rows]
    .sort((a, b) =>
      a.attachedAt === b.attachedAt ? (a.id < b.id ? 1 : -1) : a.attachedAt < b.attachedAt ? 1 : -1,
    )
    .map((r) => r.id);
}

describe('the evidence list read by keyset pages', () => {
  it('reads every row of the workspace exactly once, newest first, across pages and ties', async () => {
    const source = evidenceListSource(db, 'w1', NONE);
    const rows = await all(source);
    expect(rows).toHaveLength(COUNT);
    expect(new Set(rows.map((r) => r.id)).size).toBe(COUNT);
    const stored = await db.evidence.where('workspaceId').equals('w1').toArray();
    expect(rows.map((r) => r.id)).toEqual(newestFirst(stored));
    expect(await source.count()).toBe(COUNT);
  });

  it('reads no more than the window wants, and says more remain', async () => {
    const window = await readWindow(evidenceListSource(db, 'w1', NONE), 200);
    expect(window.rows).toHaveLength(200);
    expect(200).toBeLessThan(KEYSET_PAGE);
    expect(window.complete).toBe(false);
    expect(window.exact).toBe(true);
    expect(window.total).toBe(COUNT);
    expect(window.rows[0]?.id).toBe('e01234');
  });

  it('narrows by format and by source through their own indexes, with exact counts', async () => {
    const zap = evidenceListSource(db, 'w1', { ...NONE, format: 'zap' });
    const rows = await all(zap);
    expect(rows).toHaveLength(Math.floor(COUNT / 3));
    expect(rows.every((r) => r.format === 'zap')).toBe(true);
    expect(await zap.count()).toBe(rows.length);
    const semgrep = evidenceListSource(db, 'w1', { ...NONE, source: 'sarif|semgrep' });
    expect(await semgrep.count()).toBe(COUNT - Math.floor(COUNT / 3));
    expect(
      await all(evidenceListSource(db, 'w1', { ...NONE, source: 'sarif|semgrep', format: 'zap' })),
    ).toEqual([]);
  });

  it('keeps only stale or undated files when asked, and the count is no longer exact', async () => {
    const source = evidenceListSource(db, 'w1', { ...NONE, notFreshOnly: true });
    const window = await readWindow(source, Number.MAX_SAFE_INTEGER);
    expect(window.rows.map((r) => r.id)).toEqual(
      newestFirst(
        Array.from({ length: COUNT }, (_, i) => row(i + 1)).filter((r) => r.dating === 'undated'),
      ),
    );
    expect(window.exact).toBe(false);
  });

  it('finds files by the start of a linked control id, in this workspace only, any case', async () => {
    const rows = await all(evidenceListSource(db, 'w1', { ...NONE, text: 'RA-5' }));
    expect(rows.map((r) => r.id)).toEqual(['e00009', 'e00008', 'e00007']);
    expect(
      await all(evidenceListSource(db, 'w1', { ...NONE, text: 'ra-5', format: 'zap' })),
    ).toEqual([expect.objectContaining({ id: 'e00009' })]);
    expect(await all(evidenceListSource(db, 'w1', { ...NONE, text: 'sc-7' }))).toEqual([]);
  });

  it('finds files by words of their name, format, tool and summary, every word matching', async () => {
    const byName = await all(evidenceListSource(db, 'w1', { ...NONE, text: 'scan-1233' }));
    expect(byName.map((r) => r.id)).toEqual(['e01233']);
    // `scan-12.json` is also indexed from its inner parts: `12.json` starts a word of it.
    const inner = await all(evidenceListSource(db, 'w1', { ...NONE, text: '12.json' }));
    expect(inner.map((r) => r.id)).toEqual(['e00012']);
    const tool = evidenceListSource(db, 'w1', { ...NONE, text: 'DAST' });
    expect(await tool.count()).toBe(Math.floor(COUNT / 3));
    const both = await all(evidenceListSource(db, 'w1', { ...NONE, text: 'zap 1200' }));
    expect(both.map((r) => r.id)).toEqual(['e01200']);
    expect(await all(evidenceListSource(db, 'w1', { ...NONE, text: 'dast 1201' }))).toEqual([]);
    expect(await all(evidenceListSource(db, 'w2', { ...NONE, text: 'scan-1233' }))).toEqual([]);
  });

  it('reads a search page by page, newest first, each file once, with an exact count', async () => {
    const source = evidenceListSource(db, 'w1', { ...NONE, text: 'findings' });
    expect(await source.count()).toBe(COUNT);
    const first = await source.page(null, KEYSET_PAGE);
    expect(first).toHaveLength(KEYSET_PAGE);
    const rows = await all(source);
    const stored = await db.evidence.where('workspaceId').equals('w1').toArray();
    expect(rows.map((r) => r.id)).toEqual(newestFirst(stored));
  });

  it('follows every write: a new link, a changed file and a deleted one', async () => {
    const search = (text: string) =>
      all(evidenceListSource(db, 'w1', { ...NONE, text })).then((rows) => rows.map((r) => r.id));
    await db.evidenceLinks.add(link('e00011', 'sc-7'));
    expect(await search('sc-7')).toEqual(['e00011']);
    await db.evidenceLinks.delete('e00011-sc-7');
    expect(await search('sc-7')).toEqual([]);
    await db.evidence.update('e00011', { headline: 'Trivy: 3 critical' });
    expect(await search('trivy critical')).toEqual(['e00011']);
    await db.evidence.delete('e00011');
    expect(await search('trivy')).toEqual([]);
    expect(await db.evidenceTerms.get('e00011')).toBeUndefined();
  });

  it('indexes files stored before the index existed, by a data upgrade', async () => {
    await db.evidenceTerms.clear();
    expect(await all(evidenceListSource(db, 'w1', { ...NONE, text: 'ra-5' }))).toEqual([]);
    const { ran, failed } = await runDataUpgrades(db, [evidenceSearchUpgrade]);
    expect({ ran, failed }).toEqual({ ran: ['evidence-search-terms@1'], failed: [] });
    expect(await db.evidenceTerms.count()).toBe(COUNT + 1);
    const rows = await all(evidenceListSource(db, 'w1', { ...NONE, text: 'ra-5' }));
    expect(rows.map((r) => r.id)).toEqual(['e00009', 'e00008', 'e00007']);
  });

  it('lists the formats and sources present and the controls of the rows on screen', async () => {
    expect(await workspaceFormats(db, 'w1')).toEqual(['sarif', 'zap']);
    expect(await workspaceSources(db, 'w1')).toEqual(['sarif|semgrep', 'zap|dast']);
    expect(await workspaceFormats(db, 'w3')).toEqual([]);
    const controls = await controlsOf(db, ['e00007', 'e00010', 'e00011']);
    expect(Object.fromEntries(controls)).toEqual({
      e00007: ['nist-sp-800-53-rev5#ra-5'],
      e00010: ['nist-sp-800-53-rev5#cm-7'],
    });
  });
});
