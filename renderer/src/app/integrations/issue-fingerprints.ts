import { successorOf } from '../../../../core/evidence/former-fingerprints';
import type { Finding } from '../../../../core/evidence/model';
import { SecurityIssue, nowIso } from '../../../../core/model';
import type { LedgerDatabase } from '../../db/db';
import type { DataUpgrade } from '../../db/upgrades';
import type { ReadFile } from '../../features/evidence/upgrade';
import { readOnWorker } from '../../features/evidence/upgrade';
import { parseOrThrow } from '../../lib/validation';

/**
 * Issues keep their findings when a reader's fingerprint rule changes: an issue raised from a
 * ZAP alert or an Nmap exploit reference under the rule before reader version 2 (see
 * core/evidence/former-fingerprints.ts) is moved to the fingerprint its finding has today, so
 * deduplication still finds it and verification by a later scan compares the right finding
 * (under the old fingerprint every later scan would seem to have fixed it). The file the issue
 * was raised from is read again from its stored bytes; each move is written in the audited
 * transaction `upgrade:issue-fingerprints@1` (the issue's `fingerprint` and
 * `source.fingerprint`, old → new). An issue whose file is gone, or whose finding the file no
 * longer yields, is left as it was.
 */

const BATCH = 20;

/** Tools whose fingerprint rule changed with reader version 2. */
const MOVED_TOOLS = new Set(['zap', 'nmap']);

interface Move {
  issueId: string;
  from: string;
  to: string;
}

function movable(issue: SecurityIssue): issue is SecurityIssue & {
  source: Extract<SecurityIssue['source'], { kind: 'evidence-finding' }>;
} {
  return (
    issue.source.kind === 'evidence-finding' &&
    MOVED_TOOLS.has(issue.source.fingerprint.slice(0, issue.source.fingerprint.indexOf(':')))
  );
}

async function findingsOfEvidence(
  database: LedgerDatabase,
  evidenceId: string,
  read: ReadFile,
): Promise<readonly Finding[] | null> {
  const evidence = await database.evidence.get(evidenceId);
  if (!evidence) return null;
  const stored = await database.evidenceBlobs.get(evidence.sha256);
  if (!stored) return null;
  const { outcome } = await read(stored.blob, evidence.fileName);
  return outcome.ok ? (outcome.summary.findings?.items ?? []) : null;
}

export function issueFingerprintsUpgrade(read: ReadFile = readOnWorker): DataUpgrade<string> {
  return {
    id: 'issue-fingerprints@1',
    title: 'Keeping raised issues linked to their findings',
    tables: ['issues'],
    total: (database) => database.issues.count(),
    async next(database, cursor) {
      const issues = await (
        cursor === null ? database.issues.orderBy('id') : database.issues.where('id').above(cursor)
      )
        .limit(BATCH)
        .toArray();
      const last = issues.at(-1);
      if (last === undefined) return null;
      const moves: Move[] = [];
      const read_ = new Map<string, Promise<readonly Finding[] | null>>();
      for (const issue of issues) {
        if (!movable(issue)) continue;
        const { evidenceId } = issue.source;
        if (!read_.has(evidenceId))
          read_.set(evidenceId, findingsOfEvidence(database, evidenceId, read));
        const findings = await read_.get(evidenceId)!;
        if (findings === null) continue;
        const successor = successorOf(issue.source, findings);
        if (successor.kind === 'moved')
          moves.push({
            issueId: issue.id,
            from: issue.source.fingerprint,
            to: successor.fingerprint,
          });
      }
      return {
        cursor: last.id,
        items: issues.length,
        write: () => writeMoves(database, moves),
      };
    },
  };
}

async function writeMoves(database: LedgerDatabase, moves: readonly Move[]): Promise<void> {
  const now = nowIso();
  for (const move of moves) {
    const issue = await database.issues.get(move.issueId);
    // Changed since the batch was prepared: leave it to the person who changed it.
    if (
      !issue ||
      issue.source.kind !== 'evidence-finding' ||
      issue.source.fingerprint !== move.from
    )
      continue;
    await database.issues.put(
      parseOrThrow(SecurityIssue, {
        ...issue,
        fingerprint: move.to,
        source: { ...issue.source, fingerprint: move.to },
        updatedAt: now,
      }),
    );
  }
}
