import type {
  AuditEntry,
  ChainHead,
  ChainVerdict,
  StateMismatch,
} from '../../../../core/audit/chain';
import {
  EMPTY_HEAD,
  createStateComparison,
  keyString,
  stateHashOf,
  stateKey,
  verifyChain,
} from '../../../../core/audit/chain';
import type { LedgerDatabase } from '../../db';
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

const PAGE = 2000;

/**
 * Verifies the whole ledger: every link of the hash chain (read page by page, so a long log is
 * never held at once), that the chain ends at the stored head, then every audited record
 * against the state its last entry pins.
 */
export async function verifyLedger(db: LedgerDatabase): Promise<LedgerVerdict> {
  return db.transaction('r', db.tables, async () => {
    let chain: ChainVerdict = { ok: true, checked: 0, head: EMPTY_HEAD };
    const expected = new Map<string, string | null>();
    for (;;) {
      const page: AuditEntry[] = await db.auditLog
        .where('seq')
        .above(chain.head.seq)
        .limit(PAGE)
        .toArray();
      if (page.length === 0) break;
      const verdict = verifyChain(page, chain.head);
      chain = { ...verdict, checked: chain.checked + verdict.checked };
      if (!verdict.ok) break;
      for (const entry of page) expected.set(stateKey(entry.entity, entry.key), entry.stateHash);
    }
    const storedHead = (await db.auditHead()) ?? EMPTY_HEAD;
    const headMatches =
      !chain.ok || (storedHead.seq === chain.head.seq && storedHead.hash === chain.head.hash);
    if (!chain.ok || !headMatches) {
      return { chain, mismatches: [], entries: chain.checked, storedHead, headMatches };
    }
    const comparison = createStateComparison(expected);
    for (const table of db.tables) {
      if (auditDetail(table.name) === 'off') continue;
      const primaryKey = table.schema.primKey.keyPath;
      await table.each((value: unknown, cursor) => {
        const key: unknown =
          primaryKey === undefined ? (cursor.primaryKey as unknown) : keyOf(value, primaryKey);
        comparison.add(table.name, keyString(key), stateHashOf(value));
      });
    }
    return {
      chain,
      mismatches: comparison.finish(),
      entries: chain.checked,
      storedHead,
      headMatches,
    };
  });
}

function keyOf(value: unknown, keyPath: string | string[]): unknown {
  const record = value as Record<string, unknown>;
  if (Array.isArray(keyPath)) return keyPath.map((part) => record[part]);
  return record[keyPath];
}
