import type Dexie from 'dexie';
import type { Table } from 'dexie';
import type {
  AuditEntry,
  ChainHead,
  ChainVerdict,
  StateMismatch,
} from '../../../../core/audit/chain';
import {
  EMPTY_HEAD,
  HEAD_LOCATION,
  createStateComparison,
  keyString,
  stateHashOf,
  stateKey,
  verifyChain,
} from '../../../../core/audit/chain';
import { auditDetail } from '../../db/schema';

export interface LedgerVerdict {
  chain: ChainVerdict;
  /** Records whose stored state differs from what the log says: edited behind the app's back. */
  mismatches: StateMismatch[];
  entries: number;
  /** The head the store keeps beside the log; it must be the last entry's. */
  storedHead: ChainHead;
  /** False when the log ends elsewhere than the stored head: entries removed or added. */
  headMatches: boolean;
}

export interface VerifyProgress {
  /** `chain`: links checked so far; `records`: records compared with their last entry. */
  phase: 'chain' | 'records';
  done: number;
  total: number;
}

export interface VerifyOptions {
  onProgress?: ((progress: VerifyProgress) => void) | undefined;
  /** Stops between two transactions; the promise then rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Entries or records per transaction (VERIFY_PAGE unless a test wants many pages). */
  pageSize?: number | undefined;
}

/** Entries or records read per transaction: each holds its read lock for a few milliseconds. */
export const VERIFY_PAGE = 2000;

/**
 * Verifies the whole ledger: every link of the hash chain, that the chain ends at the stored
 * head, then every audited record against the state its last entry pins.
 *
 * Nothing is held for the whole check: each page of entries or records is read in a short
 * transaction of its own, so people keep working while it runs. Consistency comes from the
 * chain's sequence numbers instead of one long read lock: every audited write appends its
 * entries in the same transaction, so a transaction that reads a page of records together with
 * the entries appended since the last one sees each record exactly as the log, so far, says it
 * should be. Records written after their page was read are compared again at the end, in one
 * last transaction with the final entries.
 */
export async function verifyLedger(db: Dexie, options: VerifyOptions = {}): Promise<LedgerVerdict> {
  const { onProgress, signal, pageSize = VERIFY_PAGE } = options;
  const log = db.table<AuditEntry, number>('auditLog');
  const meta = db.table<{ key: string; value: unknown }, string>(HEAD_LOCATION.table);
  const audited = db.tables.filter((table) => auditDetail(table.name) !== 'off');
  const expected = new Map<string, string | null>();
  /** Records written while their table is compared or after: `stateKey` → entity and key. */
  let touched: Map<string, { entity: string; key: string }> | null = null;
  let chain: ChainVerdict = { ok: true, checked: 0, head: EMPTY_HEAD };

  const readHead = async (): Promise<ChainHead> =>
    ((await meta.get(HEAD_LOCATION.key))?.value as ChainHead | undefined) ?? EMPTY_HEAD;
  /** Checks up to `limit` entries after the chain's head; call inside a transaction. */
  const extend = async (limit: number): Promise<number> => {
    const page = await log.where('seq').above(chain.head.seq).limit(limit).toArray();
    const verdict = verifyChain(page, chain.head);
    chain = { ...verdict, checked: chain.checked + verdict.checked };
    for (const entry of page.slice(0, verdict.checked)) {
      const id = stateKey(entry.entity, entry.key);
      expected.set(id, entry.stateHash);
      touched?.set(id, { entity: entry.entity, key: entry.key });
    }
    return page.length;
  };
  const verdictSoFar = (
    storedHead: ChainHead,
    mismatches: StateMismatch[] = [],
  ): LedgerVerdict => ({
    chain,
    mismatches,
    entries: chain.checked,
    storedHead,
    headMatches:
      !chain.ok || (storedHead.seq === chain.head.seq && storedHead.hash === chain.head.hash),
  });

  // The chain, a page per transaction.
  const expectedEntries = (await db.transaction('r', meta, readHead)).seq;
  for (;;) {
    signal?.throwIfAborted();
    const read = await db.transaction('r', log, () => extend(pageSize));
    onProgress?.({
      phase: 'chain',
      done: chain.checked,
      total: Math.max(expectedEntries, chain.checked),
    });
    if (!chain.ok || read < pageSize) break;
  }
  // The end of the log and the stored head, read together.
  let storedHead = await db.transaction('r', [log, meta], async () => {
    while ((await extend(pageSize)) === pageSize && chain.ok);
    return readHead();
  });
  if (!chain.ok || !verdictSoFar(storedHead).headMatches) return verdictSoFar(storedHead);

  // Every audited record, a page per transaction together with the entries written since.
  touched = new Map();
  const comparison = createStateComparison(expected);
  const totalRecords = await db.transaction('r', audited, async () => {
    const counts = await Promise.all(audited.map((table) => table.count()));
    return counts.reduce((sum, count) => sum + count, 0);
  });
  let compared = 0;
  for (const table of audited) {
    let after: unknown = null;
    for (;;) {
      signal?.throwIfAborted();
      const read = await db.transaction('r', [table, log, meta], async () => {
        while ((await extend(pageSize)) === pageSize && chain.ok);
        storedHead = await readHead();
        const records = after === null ? table.toCollection() : table.where(':id').above(after);
        let count = 0;
        await records.limit(pageSize).each((value: unknown, cursor) => {
          after = cursor.primaryKey;
          comparison.add(
            table.name,
            keyString(keyOf(table, value, cursor.primaryKey)),
            stateHashOf(value),
          );
          count += 1;
        });
        return count;
      });
      if (!chain.ok || !verdictSoFar(storedHead).headMatches) return verdictSoFar(storedHead);
      compared += read;
      onProgress?.({ phase: 'records', done: compared, total: Math.max(totalRecords, compared) });
      if (read < pageSize) break;
    }
  }

  // Records written since their page was read, against the log's last entries.
  const tables = new Map(audited.map((table) => [table.name, table]));
  const deleted: StateMismatch[] = [];
  storedHead = await db.transaction('r', [...audited, log, meta], async () => {
    while ((await extend(pageSize)) === pageSize && chain.ok);
    for (const { entity, key } of touched?.values() ?? []) {
      const table = tables.get(entity);
      if (table === undefined) continue;
      const value: unknown = await table.get(storedKey(table, key));
      if (value !== undefined) comparison.add(entity, key, stateHashOf(value));
      else if ((expected.get(stateKey(entity, key)) ?? null) !== null) {
        deleted.push({ entity, key, problem: 'deleted-outside-the-log' });
      }
    }
    return readHead();
  });
  if (!chain.ok || !verdictSoFar(storedHead).headMatches) return verdictSoFar(storedHead);
  return verdictSoFar(storedHead, dedupe([...comparison.finish(), ...deleted]));
}

function keyOf(table: Table, value: unknown, primaryKey: unknown): unknown {
  const keyPath = table.schema.primKey.keyPath;
  if (keyPath === undefined || keyPath === null) return primaryKey;
  const record = value as Record<string, unknown>;
  if (Array.isArray(keyPath)) return keyPath.map((part) => record[part]);
  return record[keyPath];
}

/** The key a table stores for an entry's key string (every audited table keys by strings). */
function storedKey(table: Table, key: string): unknown {
  return table.schema.primKey.compound ? (JSON.parse(key) as unknown) : key;
}

/** A record compared twice (once in its page, again after a later write) is reported once. */
function dedupe(mismatches: StateMismatch[]): StateMismatch[] {
  const seen = new Set<string>();
  return mismatches.filter((mismatch) => {
    const id = `${mismatch.problem}\u0000${stateKey(mismatch.entity, mismatch.key)}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
