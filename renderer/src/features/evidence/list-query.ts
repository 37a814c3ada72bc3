import Dexie from 'dexie';
import type { Evidence } from '../../../../core/model';
import { queryWords } from '../../../../core/evidence/search-terms';
import type { LedgerDatabase } from '../../db';
import type { TermKey } from '../../db/evidence-terms';
import type { KeysetSource } from '../../lib/paged';
import { indexSource } from '../../lib/paged';
import { freshnessOfEvidence } from './Dating';

/** What the Evidence list is narrowed to; empty strings and false narrow nothing. */
export interface EvidenceFilters {
  format: string;
  source: string;
  /**
   * Words to find, any case, each the start of a word of the file's name, format, tool, source,
   * linked controls, summary or notes (`ra-5` finds `…#ra-5`, `semgrep` finds `semgrep.sarif`).
   */
  text: string;
  notFreshOnly: boolean;
  /** The day freshness is judged on (YYYY-MM-DD). */
  today: string;
}

type Prefix = [string] | [string, string];

/**
 * The workspace's evidence, newest first, one keyset page at a time. A format or source filter
 * walks its own index (so its count comes from the index too); a search starts from the terms
 * index (db/evidence-terms.ts); freshness is checked on the rows as they are read.
 */
export function evidenceListSource(
  db: LedgerDatabase,
  workspaceId: string,
  filters: EvidenceFilters,
): KeysetSource<Evidence> {
  const fresh = filters.notFreshOnly
    ? (row: Evidence) => freshnessOfEvidence(row, filters.today) !== 'fresh'
    : null;
  const words = queryWords(filters.text);
  if (words.length > 0) {
    const matching = (row: Evidence) =>
      (filters.format === '' || row.format === filters.format) &&
      (filters.source === '' || row.sourceKey === filters.source) &&
      (fresh === null || fresh(row));
    return searchSource(db, workspaceId, words, matching);
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

/** A file found by a search, as its index key places it. */
interface Found {
  id: string;
  attachedAt: string;
}

/** Newest first, the id breaking ties: the order every evidence index above walks. */
function newestFirst(a: Found, b: Found): number {
  if (a.attachedAt !== b.attachedAt) return a.attachedAt < b.attachedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Files with a term starting with each of `words`. The matches come from the terms index's
 * keys alone (`[workspaceId, term, attachedAt, id]`: no row is read to find or order them);
 * then only the files of the page asked for are read.
 */
function searchSource(
  db: LedgerDatabase,
  workspaceId: string,
  words: readonly string[],
  keep: (row: Evidence) => boolean,
): KeysetSource<Evidence> {
  let matches: Promise<Found[]> | null = null;
  const load = async (): Promise<Found[]> => {
    let found: Map<string, string> | null = null;
    for (const word of words) {
      const keys = (await db.evidenceTerms
        .where('keys')
        .between([workspaceId, word], [workspaceId, `${word}\uffff`], true, false)
        .keys()) as unknown as TermKey[];
      const these = new Map<string, string>();
      for (const [, , attachedAt, id] of keys) {
        if (found === null || found.has(id)) these.set(id, attachedAt);
      }
      found = these;
      if (found.size === 0) break;
    }
    return [...(found ?? new Map<string, string>())]
      .map(([id, attachedAt]) => ({ id, attachedAt }))
      .sort(newestFirst);
  };
  const all = () => (matches ??= load());
  return {
    keep,
    count: async () => (await all()).length,
    page: async (after, limit) => {
      const found = await all();
      const start = after === null ? 0 : found.findIndex((item) => newestFirst(item, after) > 0);
      if (start < 0) return [];
      const ids = found.slice(start, start + limit).map((item) => item.id);
      const rows = await db.evidence.bulkGet(ids);
      return rows.filter((row): row is Evidence => row !== undefined);
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
