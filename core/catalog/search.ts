import MiniSearch from 'minisearch';
import type { ControlRef } from '../model/refs';
import type { ControlLibrary } from './library';

/**
 * Full-text search over every loaded catalog: control ids and printed labels (`AC-2(1)`,
 * `ac-2.1`, `V5.1.1`, `A.8.8`), titles and statements. Pure: build an index from a library once,
 * then query it as often as needed. An identifier typed in any common spelling ranks first;
 * words match whole words, the last one as a prefix while it is still being typed.
 */

export interface ControlHit {
  ref: ControlRef;
  catalogId: string;
  catalogTitle: string;
  label: string;
  title: string;
  /** Part of the statement around the first matched word, for result lists. */
  snippet: string;
  matchedOn: 'id' | 'text';
  score: number;
}

export interface SearchOptions {
  /** Most results returned; 50 when absent. */
  limit?: number;
  /** Only these catalogs. */
  catalogIds?: readonly string[];
}

interface IndexedControl {
  ref: ControlRef;
  catalogId: string;
  catalogTitle: string;
  label: string;
  title: string;
  statement: string;
  withdrawn: boolean;
}

export interface ControlSearchIndex {
  readonly size: number;
  /** @internal */ readonly text: MiniSearch<IndexedControl & { id: number }>;
  /** @internal */ readonly controls: readonly IndexedControl[];
  /** @internal */ readonly ids: ReadonlyMap<string, number[]>;
}

const SNIPPET_CHARS = 160;

/** `AC-02(01)`, `ac-2.1`, `AC 2 (1)` → `ac-2.1`: one key for the spellings people type. */
export function normaliseControlId(value: string): string {
  return value
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/\((\w+)\)/g, '.$1')
    .replace(/(^|[^0-9])0+(?=\d)/g, '$1');
}

export function buildSearchIndex(library: ControlLibrary): ControlSearchIndex {
  const steps = searchIndexSteps(library);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Controls indexed between two pauses of `buildSearchIndexInSteps`. */
const STEP_CONTROLS = 400;

/**
 * The same index built a few hundred controls at a time, awaiting `pause` between steps, so a
 * page building it never holds the thread for the whole library at once.
 */
export async function buildSearchIndexInSteps(
  library: ControlLibrary,
  pause: () => Promise<void>,
): Promise<ControlSearchIndex> {
  const steps = searchIndexSteps(library);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}

function* searchIndexSteps(library: ControlLibrary): Generator<void, ControlSearchIndex> {
  const controls: IndexedControl[] = [];
  const ids = new Map<string, number[]>();
  const addId = (key: string, position: number): void => {
    const list = ids.get(key);
    if (list) {
      if (!list.includes(position)) list.push(position);
    } else ids.set(key, [position]);
  };
  for (const catalog of library.catalogs) {
    for (const control of catalog.controls) {
      const ref = `${catalog.id}#${control.id}`;
      const summary = library.describe(ref);
      if (!summary) continue;
      const position = controls.length;
      controls.push({
        ref,
        catalogId: catalog.id,
        catalogTitle: catalog.shortTitle ?? catalog.title,
        label: summary.label,
        title: summary.title,
        statement: summary.statement,
        withdrawn: summary.withdrawn,
      });
      addId(normaliseControlId(control.id), position);
      addId(normaliseControlId(summary.label), position);
      if (controls.length % STEP_CONTROLS === 0) yield;
    }
  }
  const text = new MiniSearch<IndexedControl & { id: number }>({
    fields: ['label', 'title', 'statement'],
    storeFields: [],
    searchOptions: { boost: { label: 3, title: 2 }, combineWith: 'AND' },
  });
  for (let start = 0; start < controls.length; start += STEP_CONTROLS) {
    yield;
    text.addAll(
      controls
        .slice(start, start + STEP_CONTROLS)
        .map((control, at) => ({ ...control, id: start + at })),
    );
  }
  return { size: controls.length, text, controls, ids };
}

export function searchControls(
  index: ControlSearchIndex,
  query: string,
  options: SearchOptions = {},
): ControlHit[] {
  const trimmed = query.trim().slice(0, 200);
  if (trimmed === '') return [];
  const limit = options.limit ?? 50;
  const allowed = options.catalogIds ? new Set(options.catalogIds) : null;
  const accept = (position: number): boolean => {
    const control = index.controls[position];
    return control !== undefined && (allowed === null || allowed.has(control.catalogId));
  };
  const hits: ControlHit[] = [];
  const seen = new Set<number>();
  const push = (
    position: number,
    matchedOn: ControlHit['matchedOn'],
    score: number,
    words: string[],
  ) => {
    const control = index.controls[position];
    if (!control || seen.has(position) || !accept(position)) return;
    seen.add(position);
    hits.push({
      ref: control.ref,
      catalogId: control.catalogId,
      catalogTitle: control.catalogTitle,
      label: control.label,
      title: control.title,
      snippet: snippet(control.statement, words),
      matchedOn,
      score: control.withdrawn ? score / 4 : score,
    });
  };

  for (const [position, score] of idMatches(index, normaliseControlId(trimmed)))
    push(position, 'id', score, []);
  // A single word that names controls (`ac-2`, `V5.1.1`) is a lookup, not a text search.
  if (hits.length >= limit || (hits.length > 0 && !/\s/.test(trimmed))) return hits.slice(0, limit);

  const results = index.text.search(trimmed, {
    // Complete words must match; the word being typed matches as a prefix once it has 2 letters.
    prefix: (term, position, terms) => position === terms.length - 1 && term.length >= 2,
    fuzzy: (term) => (term.length >= 6 ? 1 : false),
    maxFuzzy: 1,
    filter: allowed === null ? undefined : (result) => accept(result.id as number),
  });
  const ranked = results
    .map((result) => ({
      position: result.id as number,
      score: index.controls[result.id as number]?.withdrawn ? result.score / 4 : result.score,
      words: result.terms,
    }))
    .sort((a, b) => b.score - a.score);
  for (const result of ranked) {
    if (hits.length >= limit) break;
    push(result.position, 'text', result.score, result.words);
  }
  return hits;
}

/** Exact identifiers first, then identifiers that continue the typed one (`ac-2` → `ac-2.1`). */
function idMatches(index: ControlSearchIndex, key: string): [number, number][] {
  const matches: [number, number][] = [];
  for (const position of index.ids.get(key) ?? []) matches.push([position, 1_000_000]);
  if (!/\d/.test(key)) return matches;
  for (const [id, positions] of index.ids) {
    if (id === key || !id.startsWith(key)) continue;
    const next = id.charAt(key.length);
    if (next !== '.' && next !== '-' && next !== '(') continue;
    for (const position of positions) matches.push([position, 500_000 - id.length]);
  }
  return matches.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
}

function snippet(statement: string, words: string[]): string {
  if (statement.length <= SNIPPET_CHARS) return statement;
  const lower = statement.toLowerCase();
  const at = words
    .map((word) => lower.indexOf(word.toLowerCase()))
    .filter((position) => position >= 0)
    .sort((a, b) => a - b)[0];
  if (at === undefined || at < SNIPPET_CHARS / 2) return `${statement.slice(0, SNIPPET_CHARS)}…`;
  const start = Math.max(0, at - 40);
  const end = Math.min(statement.length, start + SNIPPET_CHARS);
  return `…${statement.slice(start, end)}${end < statement.length ? '…' : ''}`;
}
