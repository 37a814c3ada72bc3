import type { IndexableType } from 'dexie';
import Dexie from 'dexie';
import { useCallback, useState } from 'react';
import type { QueryState } from './useQuery';
import { useQuery } from './useQuery';

/**
 * A list read in keyset pages: each page starts strictly after the last row of the one before,
 * found through an index, so reading the first rows of a long table never touches the rest.
 */
export interface KeysetSource<Row> {
  /** Up to `limit` rows strictly after `after` (from the start when null), in list order. */
  page(after: Row | null, limit: number): Promise<Row[]>;
  /** A check no index answers, applied to rows as pages are read; omitted, every row is kept. */
  keep?: ((row: Row) => boolean) | undefined;
  /** How many rows the source's index range holds, before `keep`. */
  count(): Promise<number>;
}

export interface PagedWindow<Row> {
  rows: Row[];
  /** Rows in the source's index range (before `keep`). */
  total: number;
  /** True when every row of the source has been read. */
  complete: boolean;
  /** True when `total` counts exactly the rows the list holds (no `keep` check to apply). */
  exact: boolean;
}

/** What `indexSource` needs of a Dexie table (any table's key and insert types). */
interface RowCollection<Row> {
  count(): Promise<number>;
  reverse(): RowCollection<Row>;
  limit(count: number): RowCollection<Row>;
  toArray(): Promise<Row[]>;
}
interface IndexedTable<Row> {
  where(index: string): {
    between(
      lower: unknown,
      upper: unknown,
      includeLower?: boolean,
      includeUpper?: boolean,
    ): RowCollection<Row>;
  };
}

/**
 * The rows of one compound index whose leading parts equal `prefix`, in the order of the rest
 * of the index (`keyOf` gives those parts of a row; the last is the primary key, so a page
 * ends on an exact key), newest first when `reverse`. The count comes from the index.
 */
export function indexSource<Row>(
  table: IndexedTable<Row>,
  index: string,
  prefix: readonly IndexableType[],
  keyOf: (row: Row) => IndexableType[],
  options: { reverse?: boolean; keep?: ((row: Row) => boolean) | undefined } = {},
): KeysetSource<Row> {
  const lowest = [...prefix, Dexie.minKey];
  const highest = [...prefix, Dexie.maxKey];
  return {
    keep: options.keep,
    count: () => table.where(index).between(lowest, highest).count(),
    page: (after, limit) => {
      const from = after === null ? null : [...prefix, ...keyOf(after)];
      const range = options.reverse
        ? table
            .where(index)
            .between(lowest, from ?? highest, true, from === null)
            .reverse()
        : table.where(index).between(from ?? lowest, highest, from === null, true);
      return range.limit(limit).toArray();
    },
  };
}

/**
 * Several sources read as one list: each holds its rows in the same order (`compare`, the order
 * their indexes keep after their own prefixes), so the first `limit` rows after any row are
 * among the first `limit` of each source's: a page merges those. Counts add up. The sources
 * take no `keep` check (the merged list would not apply it).
 */
export function mergedSource<Row>(
  sources: readonly KeysetSource<Row>[],
  compare: (a: Row, b: Row) => number,
): KeysetSource<Row> {
  return {
    count: async () =>
      (await Promise.all(sources.map((source) => source.count()))).reduce((a, b) => a + b, 0),
    page: async (after, limit) => {
      const pages = await Promise.all(sources.map((source) => source.page(after, limit)));
      return pages.flat().sort(compare).slice(0, limit);
    },
  };
}

/** Rows read per transaction: short enough that a writer waiting behind a page barely waits. */
export const KEYSET_PAGE = 500;

/** The fewest rows a page reads, so a filter that keeps few rows does not read them one by one. */
const MIN_PAGE = 100;

/** Reads pages until at least `wanted` kept rows are in hand or the source ends. */
export async function readWindow<Row>(
  source: KeysetSource<Row>,
  wanted: number,
): Promise<PagedWindow<Row>> {
  const rows: Row[] = [];
  const total = await source.count();
  const exact = source.keep === undefined;
  let after: Row | null = null;
  for (;;) {
    // No more than the window still wants (a filter may need further pages), nor than a page.
    const limit = Math.min(KEYSET_PAGE, Math.max(wanted - rows.length, MIN_PAGE));
    const page = await source.page(after, limit);
    for (const row of page) if (!source.keep || source.keep(row)) rows.push(row);
    if (page.length < limit) return { rows, total, complete: true, exact };
    after = page[page.length - 1] ?? null;
    if (rows.length >= wanted) return { rows, total, complete: false, exact };
  }
}

export interface PagedList<Row> extends QueryState<PagedWindow<Row>> {
  /** Asks for more rows when the reader nears the end of those loaded. */
  loadMore: () => void;
}

/**
 * First window size (a few screenfuls); each `loadMore` doubles it, so reaching row n reads
 * O(n) rows in all.
 */
export const FIRST_WINDOW = 100;

/**
 * A live, growing window over a keyset source. `key` names the query (its filters): a new key
 * starts again from the first window. The window is re-read when the rows it covers change.
 */
export function usePagedList<Row>(
  makeSource: () => KeysetSource<Row>,
  key: string,
): PagedList<Row> {
  const [window, setWindow] = useState({ key, size: FIRST_WINDOW });
  const size = window.key === key ? window.size : FIRST_WINDOW;
  // `key` names everything the source depends on; the closure itself is new on every render.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const state = useQuery(() => readWindow(makeSource(), size), [key, size]);
  const data = state.data;
  const loadMore = useCallback(() => {
    if (!data || data.complete || data.rows.length < size) return;
    setWindow({ key, size: size * 2 });
  }, [data, key, size]);
  return { ...state, loadMore };
}
