import { z } from 'zod';
import { SHA256_HEX } from '../util/hash';
import type { AuditEntry, ChainBreak, ChainHead } from './chain';
import { AuditEntry as AuditEntrySchema, verifyChain } from './chain';

/**
 * A segment of the hash chain as an audit bundle carries it: the entries about the bundle's
 * records in full, and every run of entries about other records folded into one redacted row
 * that keeps only where the run starts and ends and the hashes on either side. The links still
 * check end to end (each run starts at the previous row's hash and the next row starts at the
 * run's last hash), while another workspace's changes are not disclosed. A redacted entry's own
 * hash cannot be recomputed without its content: what vouches for a run is the signature over
 * the bundle's manifest and, when the bundle comes home, the origin's own log.
 */

const Hash = z.string().regex(SHA256_HEX, 'expected a SHA-256 hex digest');

export const RedactedRun = z.strictObject({
  redacted: z.literal(true),
  /** The first entry of the run. */
  from: z.number().int().positive(),
  /** The last entry of the run (also the row's key in the `auditLog` table). */
  seq: z.number().int().positive(),
  /** The hash of the entry before `from`. */
  prev: Hash,
  /** The hash of entry `seq`. */
  hash: Hash,
});
export type RedactedRun = z.infer<typeof RedactedRun>;

export type SegmentRow = AuditEntry | RedactedRun;

export function isRedactedRun(row: unknown): boolean {
  return (
    typeof row === 'object' && row !== null && (row as { redacted?: unknown }).redacted === true
  );
}

/** How many entries of the chain a row stands for. */
export function entriesIn(row: SegmentRow): number {
  return 'redacted' in row ? row.seq - row.from + 1 : 1;
}

export interface SegmentVerdict {
  ok: boolean;
  /** Entries covered before the first break, redacted ones included. */
  checked: number;
  head: ChainHead;
  firstBreak?: ChainBreak;
  /** The complete entries, in order, up to the first break. */
  entries: AuditEntry[];
  /** Entries covered by redacted runs. */
  redacted: number;
}

/**
 * Walks a segment from `start`: complete entries are checked as `verifyChain` checks them,
 * redacted runs by their links. `allowRedacted: false` (whole backups) treats a run as a
 * malformed entry.
 */
export function verifySegment(
  rows: Iterable<unknown>,
  start: ChainHead,
  options: { allowRedacted: boolean },
): SegmentVerdict {
  let head = start;
  let checked = 0;
  let redacted = 0;
  const entries: AuditEntry[] = [];
  const broken = (firstBreak: ChainBreak): SegmentVerdict => ({
    ok: false,
    checked,
    head,
    firstBreak,
    entries,
    redacted,
  });
  for (const raw of rows) {
    if (isRedactedRun(raw)) {
      const parsed = RedactedRun.safeParse(raw);
      if (!options.allowRedacted || !parsed.success) {
        return broken({
          seq: head.seq + 1,
          reason: 'malformed',
          detail: options.allowRedacted
            ? 'a redacted run is malformed'
            : 'a whole backup cannot leave entries out',
        });
      }
      const run = parsed.data;
      if (run.from !== head.seq + 1 || run.seq < run.from) {
        return broken({ seq: run.from, reason: 'sequence-gap', expected: head.seq + 1 });
      }
      if (run.prev !== head.hash)
        return broken({ seq: run.from, reason: 'previous-hash-mismatch' });
      head = { seq: run.seq, hash: run.hash };
      const covered = run.seq - run.from + 1;
      checked += covered;
      redacted += covered;
      continue;
    }
    const verdict = verifyChain([raw], head);
    if (!verdict.ok && verdict.firstBreak) return broken(verdict.firstBreak);
    entries.push(AuditEntrySchema.parse(raw));
    head = verdict.head;
    checked += 1;
  }
  return { ok: true, checked, head, entries, redacted };
}

/**
 * Turns the entries of a chain segment, in order, into the rows a bundle stores: `keep`
 * entries as they are, runs of the others folded into redacted rows.
 */
export class SegmentBuilder {
  private readonly rows: SegmentRow[] = [];
  private run: RedactedRun | null = null;
  private last: ChainHead;

  constructor(start: ChainHead) {
    this.last = start;
  }

  add(entry: AuditEntry, keep: boolean): void {
    if (keep) {
      this.closeRun();
      this.rows.push(entry);
    } else if (this.run) {
      this.run = { ...this.run, seq: entry.seq, hash: entry.hash };
    } else {
      this.run = {
        redacted: true,
        from: entry.seq,
        seq: entry.seq,
        prev: this.last.hash,
        hash: entry.hash,
      };
    }
    this.last = { seq: entry.seq, hash: entry.hash };
  }

  /** The rows, the last run closed. */
  finish(): SegmentRow[] {
    this.closeRun();
    return this.rows;
  }

  private closeRun(): void {
    if (this.run) this.rows.push(this.run);
    this.run = null;
  }
}
