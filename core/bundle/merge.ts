import type { CanonicalValue } from '../audit/canonical';
import { canonicalJson } from '../audit/canonical';
import { stateKey } from '../audit/chain';

/**
 * Merge rules for audit bundles, record by record. When a reviewed bundle comes back to the
 * profile that exported it, the bundle as exported is the common ancestor: a record only the
 * reviewer changed takes the reviewer's version, one only this side changed keeps ours, and one
 * both changed differently is a conflict for a person to resolve. Nothing is ever overwritten
 * silently. Imported anywhere else there is no known ancestor, so a record that exists here
 * in another state is a conflict too.
 */

/** A record as one side has it; `state` is its audit state hash (core/audit/chain.ts). */
export interface Version<V> {
  state: string;
  canonical: CanonicalValue;
  value: V;
}

/** `table\u0000key` (as `stateKey` forms it) → the record, or null where it is absent. */
export type Side<V> = ReadonlyMap<string, Version<V> | null>;

export interface RecordId {
  id: string;
  table: string;
  key: string;
}

export type Decision<V> =
  | { kind: 'unchanged' }
  | { kind: 'keep-ours' }
  | { kind: 'apply'; theirs: Version<V> | null }
  | {
      kind: 'conflict';
      base: Version<V> | null | undefined;
      ours: Version<V> | null;
      theirs: Version<V> | null;
    };

export interface PlannedRecord<V> extends RecordId {
  decision: Decision<V>;
  /** The one who changed it on the other side is in the review's audit entries. */
  ours: Version<V> | null;
}

export interface MergeSources<V> {
  /** The bundle as it was exported. */
  original: Side<V>;
  /** What each review changed, in order (null: the reviewer deleted it). */
  reviews: readonly Side<V>[];
  /** This profile's records, for every id of `original` and of every review. */
  ours: Side<V>;
  /** This profile exported the bundle: the original is the common ancestor. */
  origin: boolean;
  /** Tables keyed by their content's hash: the same key is the same content, never a conflict. */
  contentAddressed?: ReadonlySet<string>;
}

export interface MergePlan<V> {
  records: PlannedRecord<V>[];
  apply: PlannedRecord<V>[];
  conflicts: PlannedRecord<V>[];
  unchanged: number;
  keptOurs: number;
}

export function splitId(id: string): RecordId {
  const [table = '', key = ''] = id.split('\u0000');
  return { id, table, key };
}

function sameVersion<V>(a: Version<V> | null, b: Version<V> | null): boolean {
  return (a?.state ?? null) === (b?.state ?? null);
}

export function planMerge<V>(sources: MergeSources<V>): MergePlan<V> {
  const touched = new Set<string>(sources.origin ? [] : sources.original.keys());
  for (const review of sources.reviews) for (const id of review.keys()) touched.add(id);
  const records: PlannedRecord<V>[] = [];
  for (const id of [...touched].sort()) {
    let theirs: Version<V> | null = sources.original.get(id) ?? null;
    for (const review of sources.reviews) if (review.has(id)) theirs = review.get(id) ?? null;
    const ours = sources.ours.get(id) ?? null;
    const base = sources.origin ? (sources.original.get(id) ?? null) : undefined;
    const { table } = splitId(id);
    records.push({
      ...splitId(id),
      ours,
      decision: decide(base, ours, theirs, sources.contentAddressed?.has(table) ?? false),
    });
  }
  return {
    records,
    apply: records.filter((record) => record.decision.kind === 'apply'),
    conflicts: records.filter((record) => record.decision.kind === 'conflict'),
    unchanged: records.filter((record) => record.decision.kind === 'unchanged').length,
    keptOurs: records.filter((record) => record.decision.kind === 'keep-ours').length,
  };
}

function decide<V>(
  base: Version<V> | null | undefined,
  ours: Version<V> | null,
  theirs: Version<V> | null,
  contentAddressed: boolean,
): Decision<V> {
  if (sameVersion(ours, theirs)) return { kind: 'unchanged' };
  if (contentAddressed) return ours === null ? { kind: 'apply', theirs } : { kind: 'keep-ours' };
  if (base === undefined) {
    return ours === null ? { kind: 'apply', theirs } : { kind: 'conflict', base, ours, theirs };
  }
  if (sameVersion(theirs, base)) return { kind: 'keep-ours' };
  if (sameVersion(ours, base)) return { kind: 'apply', theirs };
  return { kind: 'conflict', base, ours, theirs };
}

export type Resolution = 'ours' | 'theirs';

export interface MergeWrite<V> extends RecordId {
  /** The record to store, or null to delete it. */
  value: V | null;
  resolved: Resolution | null;
}

export class UnresolvedConflictError extends Error {
  override readonly name = 'UnresolvedConflictError';
}

/** The writes a plan needs once every conflict has a resolution; keeping ours writes nothing. */
export function mergeWrites<V>(
  plan: MergePlan<V>,
  resolutions: ReadonlyMap<string, Resolution>,
): MergeWrite<V>[] {
  const writes: MergeWrite<V>[] = [];
  for (const record of plan.records) {
    const { decision } = record;
    if (decision.kind === 'apply') {
      writes.push({ ...idOf(record), value: decision.theirs?.value ?? null, resolved: null });
    } else if (decision.kind === 'conflict') {
      const resolution = resolutions.get(record.id);
      if (resolution === undefined) {
        throw new UnresolvedConflictError(
          `The conflict on ${record.table} ${record.key} has not been resolved.`,
        );
      }
      if (resolution === 'theirs') {
        writes.push({ ...idOf(record), value: decision.theirs?.value ?? null, resolved: 'theirs' });
      }
    }
  }
  return writes;
}

function idOf(record: RecordId): RecordId {
  return { id: record.id, table: record.table, key: record.key };
}

export interface FieldConflict {
  field: string;
  base: CanonicalValue | undefined;
  ours: CanonicalValue | undefined;
  theirs: CanonicalValue | undefined;
}

/** The top-level fields in which the two sides' versions differ, with the ancestor's value. */
export function conflictingFields<V>(
  decision: Extract<Decision<V>, { kind: 'conflict' }>,
): FieldConflict[] {
  const objectOf = (version: Version<V> | null | undefined): Record<string, CanonicalValue> =>
    version &&
    typeof version.canonical === 'object' &&
    version.canonical !== null &&
    !Array.isArray(version.canonical)
      ? version.canonical
      : {};
  const base = objectOf(decision.base);
  const ours = objectOf(decision.ours);
  const theirs = objectOf(decision.theirs);
  const text = (value: CanonicalValue | undefined): string =>
    value === undefined ? '' : canonicalJson(value);
  return [...new Set([...Object.keys(ours), ...Object.keys(theirs)])]
    .sort()
    .filter((field) => text(ours[field]) !== text(theirs[field]))
    .map((field) => ({ field, base: base[field], ours: ours[field], theirs: theirs[field] }));
}

export function recordId(table: string, key: string): string {
  return stateKey(table, key);
}
