import Dexie from 'dexie';
import type { Evidence } from '../../../../core/model';
import type { LedgerDatabase } from '../../db';
import type { KeysetSource } from '../../lib/paged';
import { indexSource } from '../../lib/paged';
import { freshnessOfEvidence } from './Dating';

/** What the Evidence list is narrowed to; empty strings and false narrow nothing. */
export interface EvidenceFilters {
  format: string;
  source: string;
  /** Part of a linked control's id, any case (`ra-5` finds `…#ra-5`). */
  control: string;
  notFreshOnly: boolean;
  /** The day freshness is judged on (YYYY-MM-DD). */
  today: string;
}

type Prefix = [string] | [string, string];

/**
 * The workspace's evidence, newest first, one keyset page at a time. A format or source filter
 * walks its own index (so its count comes from the index too); a control filter starts from
 * the links to matching controls; freshness is checked on the rows as they are read.
 */
export function evidenceListSource(
  db: LedgerDatabase,
  workspaceId: string,
  filters: EvidenceFilters,
): KeysetSource<Evidence> {
  const fresh = filters.notFreshOnly
    ? (row: Evidence) => freshnessOfEvidence(row, filters.today) !== 'fresh'
    : null;
  const needle = filters.control.trim().toLowerCase();
  if (needle !== '') {
    const matching = (row: Evidence) =>
      (filters.format === '' || row.format === filters.format) &&
      (filters.source === '' || row.sourceKey === filters.source) &&
      (fresh === null || fresh(row));
    return linkedSource(db, workspaceId, needle, matching);
  }
  const [index, prefix]: [string, Prefix] =
    filters.source !== ''
      ? ['[workspaceId+sourceKey+attachedAt+id]', [workspaceId, filters.source]]
      : filters.format !== ''
        ? ['[workspaceId+format+attachedAt+id]', [workspaceId, filters.format]]
        : ['[workspaceId+attachedAt+id]', [workspaceId]];
  const formatToo =
    filters.source !== '' && filters.format !== ''
      ? (row: Evidence) => row.format === filters.format
      : null;
  const keep =
    fresh && formatToo
      ? (row: Evidence) => fresh(row) && formatToo(row)
      : (fresh ?? formatToo ?? undefined);
  return indexSource(db.evidence, index, prefix, (row) => [row.attachedAt, row.id], {
    reverse: true,
    keep,
  });
}

/** Newest first, the id breaking ties: the order every evidence index above walks. */
function newestFirst(a: Evidence, b: Evidence): number {
  if (a.attachedAt !== b.attachedAt) return a.attachedAt < b.attachedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Evidence linked to a control whose id contains `needle`. The distinct control ids come from
 * the link index without reading links (a few thousand keys at most), so only the links and
 * files that match are read.
 */
function linkedSource(
  db: LedgerDatabase,
  workspaceId: string,
  needle: string,
  keep: (row: Evidence) => boolean,
): KeysetSource<Evidence> {
  let matches: Promise<Evidence[]> | null = null;
  const load = async (): Promise<Evidence[]> => {
    const targets = (await db.evidenceLinks
      .where('[targetType+targetId]')
      .between(['control', Dexie.minKey], ['control', Dexie.maxKey])
      .uniqueKeys()) as unknown as [string, string][];
    const wanted = targets.filter(([, id]) => id.toLowerCase().includes(needle));
    if (wanted.length === 0) return [];
    const links = await db.evidenceLinks.where('[targetType+targetId]').anyOf(wanted).toArray();
    const ids = [
      ...new Set(links.filter((l) => l.workspaceId === workspaceId).map((l) => l.evidenceId)),
    ];
    const rows = await db.evidence.bulkGet(ids);
    return rows.filter((row): row is Evidence => row !== undefined).sort(newestFirst);
  };
  const all = () => (matches ??= load());
  return {
    keep,
    count: async () => (await all()).length,
    page: async (after, limit) => {
      const rows = await all();
      const start = after === null ? 0 : rows.findIndex((row) => newestFirst(row, after) > 0);
      return start < 0 ? [] : rows.slice(start, start + limit);
    },
  };
}

/** The formats present in the workspace, from the index's distinct keys. */
export function workspaceFormats(db: LedgerDatabase, workspaceId: string): Promise<string[]> {
  return distinctSecondKeys(db, '[workspaceId+format]', workspaceId);
}

/** The sources present in the workspace, from the index's distinct keys. */
export function workspaceSources(db: LedgerDatabase, workspaceId: string): Promise<string[]> {
  return distinctSecondKeys(db, '[workspaceId+sourceKey]', workspaceId);
}

/** The distinct second parts of a `[workspaceId+…]` index within one workspace, keys only. */
async function distinctSecondKeys(
  db: LedgerDatabase,
  index: string,
  workspaceId: string,
): Promise<string[]> {
  const keys = (await db.evidence
    .where(index)
    .between([workspaceId, Dexie.minKey], [workspaceId, Dexie.maxKey])
    .uniqueKeys()) as unknown as [string, string][];
  return keys.map(([, value]) => value);
}

/** The controls each of these files is linked to, sorted: read for the rows on screen. */
export async function controlsOf(
  db: LedgerDatabase,
  evidenceIds: readonly string[],
): Promise<Map<string, string[]>> {
  const links = await db.evidenceLinks.where('evidenceId').anyOf(evidenceIds).toArray();
  const map = new Map<string, string[]>();
  for (const link of links) {
    if (link.targetType !== 'control') continue;
    map.set(link.evidenceId, [...(map.get(link.evidenceId) ?? []), link.targetId].sort());
  }
  return map;
}
