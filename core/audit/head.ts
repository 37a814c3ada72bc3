import type { ChainHead } from './chain';

/**
 * The chain head as printed in reports: the sequence number and SHA-256 of the last audit
 * entry pin the exact state of the ledger a report came from. Anyone holding the ledger, or a
 * backup of it, can check the pair with `demo-ledger verify` or Settings → Audit log.
 */
export interface AuditHeadStamp {
  seq: number;
  hash: string;
  /** One line for a report footer or cover page. */
  text: string;
}

export function auditHeadStamp(head: ChainHead): AuditHeadStamp {
  const text =
    head.seq === 0
      ? 'Audit log: empty (no change recorded yet)'
      : `Audit log head: entry ${head.seq}, SHA-256 ${head.hash}`;
  return { seq: head.seq, hash: head.hash, text };
}
