import { z } from 'zod';
import { SHA256_HEX } from '../util/hash';
import type { CanonicalValue } from './canonical';
import { canonicalHash, canonicalJson, toCanonicalValue } from './canonical';

export const GENESIS_HASH = '0'.repeat(64);

/** Where the store keeps the chain head: the row `auditHead` of the table `meta`. */
export const HEAD_LOCATION = { table: 'meta', key: 'auditHead' } as const;

export const AuditOp = z.enum(['create', 'update', 'delete']);
export type AuditOp = z.infer<typeof AuditOp>;

const Hash = z.string().regex(SHA256_HEX, 'expected a SHA-256 hex digest');
const canonical: z.ZodType<CanonicalValue> = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    z.number(),
    z.string(),
    z.array(canonical),
    z.record(z.string(), canonical),
  ]),
);

/**
 * One link of the hash chain. `hash` covers every other field, including `prev`, so changing,
 * removing or reordering any entry breaks every link after it. `stateHash` pins the record as
 * it was after the change, so a record edited behind the app's back no longer matches its
 * last entry.
 */
export const AuditEntry = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  actor: z.string(),
  /** What the person was doing: `edit`, `import`, `sign-off`, `restore` ... */
  action: z.string(),
  entity: z.string(),
  key: z.string(),
  op: AuditOp,
  diff: canonical,
  stateHash: Hash.nullable(),
  prev: Hash,
  hash: Hash,
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export interface ChainHead {
  seq: number;
  hash: string;
}

export const EMPTY_HEAD: ChainHead = { seq: 0, hash: GENESIS_HASH };

export interface ChangeDraft {
  at: string;
  actor: string;
  action: string;
  entity: string;
  key: unknown;
  op: AuditOp;
  before: unknown;
  after: unknown;
  /** `full` keeps the diff; `keys` records only that the record changed, and its state hash. */
  detail: 'full' | 'keys';
}

export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  return canonicalHash(entry);
}

export function stateHashOf(record: unknown): string | null {
  return record === undefined || record === null ? null : canonicalHash(record);
}

export function keyString(key: unknown): string {
  return typeof key === 'string' ? key : canonicalJson(key);
}

/** Builds the next entry after `head`. Pure: the caller stores it and moves the head. */
export function nextEntry(head: ChainHead, change: ChangeDraft): AuditEntry {
  const body: Omit<AuditEntry, 'hash'> = {
    seq: head.seq + 1,
    at: change.at,
    actor: change.actor,
    action: change.action,
    entity: change.entity,
    key: keyString(change.key),
    op: change.op,
    diff: change.detail === 'full' ? diffOf(change.op, change.before, change.after) : {},
    stateHash: stateHashOf(change.after),
    prev: head.hash,
  };
  return { ...body, hash: entryHash(body) };
}

/**
 * A compact diff: the whole record when created or deleted; for updates only the top-level
 * fields that changed, each as `[before, after]` (a field that disappeared is `null` after).
 */
export function diffOf(op: AuditOp, before: unknown, after: unknown): CanonicalValue {
  if (op === 'create') return { after: toCanonicalValue(after) };
  if (op === 'delete') return { before: toCanonicalValue(before) };
  const b = toCanonicalValue(before);
  const a = toCanonicalValue(after);
  if (!isRecord(b) || !isRecord(a)) return { changes: { '': [b, a] } };
  const changes: Record<string, CanonicalValue> = {};
  for (const field of new Set([...Object.keys(b), ...Object.keys(a)])) {
    const was = b[field] ?? null;
    const now = a[field] ?? null;
    if (canonicalJson(was) !== canonicalJson(now)) changes[field] = [was, now];
  }
  return { changes };
}

function isRecord(value: CanonicalValue): value is Record<string, CanonicalValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type ChainBreak =
  | { seq: number; reason: 'malformed'; detail: string }
  | { seq: number; reason: 'sequence-gap'; expected: number }
  | { seq: number; reason: 'previous-hash-mismatch' }
  | { seq: number; reason: 'hash-mismatch' };

export interface ChainVerdict {
  ok: boolean;
  /** Entries checked before the first break (all of them when ok). */
  checked: number;
  head: ChainHead;
  firstBreak?: ChainBreak;
}

/**
 * Walks the chain in sequence order from `start` and reports the first broken link.
 * Accepts any iterable so large logs can be checked page by page.
 */
export function verifyChain(
  entries: Iterable<unknown>,
  start: ChainHead = EMPTY_HEAD,
): ChainVerdict {
  let head = start;
  let checked = 0;
  for (const raw of entries) {
    const expectedSeq = head.seq + 1;
    const parsed = AuditEntry.safeParse(raw);
    if (!parsed.success) {
      const seq =
        typeof (raw as { seq?: unknown })?.seq === 'number'
          ? (raw as { seq: number }).seq
          : expectedSeq;
      const detail = parsed.error.issues
        .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
        .join('; ');
      return { ok: false, checked, head, firstBreak: { seq, reason: 'malformed', detail } };
    }
    const entry = parsed.data;
    if (entry.seq !== expectedSeq) {
      return {
        ok: false,
        checked,
        head,
        firstBreak: { seq: entry.seq, reason: 'sequence-gap', expected: expectedSeq },
      };
    }
    if (entry.prev !== head.hash) {
      return {
        ok: false,
        checked,
        head,
        firstBreak: { seq: entry.seq, reason: 'previous-hash-mismatch' },
      };
    }
    const { hash, ...body } = entry;
    // eslint-disable-next-line security/detect-possible-timing-attacks -- public digests, not secrets
    if (entryHash(body) !== hash) {
      return { ok: false, checked, head, firstBreak: { seq: entry.seq, reason: 'hash-mismatch' } };
    }
    head = { seq: entry.seq, hash };
    checked += 1;
  }
  return { ok: true, checked, head };
}

/** The state each record should be in according to the log: `entity\u0000key` → state hash. */
export function expectedStates(entries: Iterable<AuditEntry>): Map<string, string | null> {
  const states = new Map<string, string | null>();
  for (const entry of entries) states.set(stateKey(entry.entity, entry.key), entry.stateHash);
  return states;
}

export function stateKey(entity: string, key: string): string {
  return `${entity}\u0000${key}`;
}

export type StateMismatch =
  | { entity: string; key: string; problem: 'changed-outside-the-log' }
  | { entity: string; key: string; problem: 'added-outside-the-log' }
  | { entity: string; key: string; problem: 'deleted-outside-the-log' };

export interface StoredRecord {
  entity: string;
  key: unknown;
  value: unknown;
}

/**
 * Compares stored records with what the log says they should be, one record at a time, so a
 * store or an archive can be checked as it streams past. `finish` adds the records the log
 * expects that never came.
 */
export function createStateComparison(expected: ReadonlyMap<string, string | null>): {
  add(entity: string, key: string, stateHash: string | null): StateMismatch | null;
  finish(): StateMismatch[];
} {
  const mismatches: StateMismatch[] = [];
  const seen = new Set<string>();
  return {
    add(entity, key, stateHash) {
      const id = stateKey(entity, key);
      seen.add(id);
      const want = expected.get(id);
      let mismatch: StateMismatch | null = null;
      if (want === undefined || want === null) {
        mismatch = { entity, key, problem: 'added-outside-the-log' };
      } else if (stateHash !== want) {
        mismatch = { entity, key, problem: 'changed-outside-the-log' };
      }
      if (mismatch) mismatches.push(mismatch);
      return mismatch;
    },
    finish() {
      for (const [id, want] of expected) {
        if (want !== null && !seen.has(id)) {
          const [entity = '', key = ''] = id.split('\u0000');
          mismatches.push({ entity, key, problem: 'deleted-outside-the-log' });
        }
      }
      return mismatches;
    },
  };
}

/** Compares the records actually stored with what the log says they should be. */
export function compareStates(
  expected: ReadonlyMap<string, string | null>,
  stored: Iterable<StoredRecord>,
): StateMismatch[] {
  const comparison = createStateComparison(expected);
  for (const record of stored) {
    comparison.add(record.entity, keyString(record.key), stateHashOf(record.value));
  }
  return comparison.finish();
}
