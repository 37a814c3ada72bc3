import type { ChainVerdict, StateMismatch, StoredRecord } from '../../../../core/audit/chain';
import { compareStates, expectedStates, verifyChain } from '../../../../core/audit/chain';
import type { LedgerDatabase } from '../../db';
import { auditDetail } from '../../db/schema';

export interface LedgerVerdict {
  chain: ChainVerdict;
  /** Records whose stored state differs from what the log says: edited behind the app's back. */
  mismatches: StateMismatch[];
  entries: number;
}

/**
 * Verifies the whole ledger: every link of the hash chain, then every audited record against
 * the state its last entry pins.
 */
export async function verifyLedger(db: LedgerDatabase): Promise<LedgerVerdict> {
  return db.transaction('r', db.tables, async () => {
    const entries = await db.auditLog.orderBy('seq').toArray();
    const chain = verifyChain(entries);
    const stored: StoredRecord[] = [];
    for (const table of db.tables) {
      if (auditDetail(table.name) === 'off') continue;
      const primaryKey = table.schema.primKey.keyPath;
      await table.each((value: unknown) => {
        stored.push({ entity: table.name, key: keyOf(value, primaryKey), value });
      });
    }
    const mismatches = chain.ok ? compareStates(expectedStates(entries), stored) : [];
    return { chain, mismatches, entries: entries.length };
  });
}

function keyOf(value: unknown, keyPath: string | string[] | undefined): unknown {
  const record = value as Record<string, unknown>;
  if (Array.isArray(keyPath)) return keyPath.map((part) => record[part]);
  return keyPath === undefined ? undefined : record[keyPath];
}
