import type { Detection } from '../../../../core/evidence/detect';
import { toolPeriodOf } from '../../../../core/evidence/freshness';
import type { EvidenceSummary, InspectOutcome } from '../../../../core/evidence/model';
import {
  READINGS_VERSION,
  isCurrentReading,
  readingFlagOf,
  summaryOfOutcome,
} from '../../../../core/evidence/readers';
import { headlineOf, sourceKeyOf } from '../../../../core/evidence/source';
import type { Evidence } from '../../../../core/model';
import { Evidence as EvidenceSchema, EvidenceSummaryRow, nowIso } from '../../../../core/model';
import type { LedgerDatabase } from '../../db/db';
import type { DataUpgrade } from '../../db/upgrades';
import { parseOrThrow } from '../../lib/validation';
import { inspectInWorker } from './ingest';

/**
 * Stored evidence follows the readers: a file whose summary was made by an older detection or
 * reader (or before readers were versioned) is read again from its stored bytes, and its summary
 * and every attachment of it (format, variant, headline, flag, why it could not be read, source
 * key, and the tool's period of a dated file) are brought up to date. A data upgrade (db/upgrades.ts): audited batches, resumable from
 * the last stored file done, with progress. Its id names the readers' version, so it runs
 * again whenever a reader changes.
 */

export type ReadFile = (
  blob: Blob,
  name: string,
) => Promise<{ detection: Detection; outcome: InspectOutcome }>;

/** A row as stored: those written before dating was recorded have no `dating`. */
type Row = Omit<Evidence, 'dating'> & { dating?: Evidence['dating'] };

/** Files read per batch: each batch is one transaction, and a batch is lost at most. */
const BATCH_FILES = 8;

export const EVIDENCE_UPGRADE_TABLES = ['evidenceBlobs', 'evidenceSummaries', 'evidence'];

/**
 * Reads on the evidence worker. Where no worker can run at all the upgrade stops (and is retried
 * later) rather than record every stored file as unreadable.
 */
const readOnWorker: ReadFile = (blob, name) => {
  if (typeof Worker === 'undefined')
    return Promise.reject(
      new Error('The evidence readers need a Web Worker, which this host lacks.'),
    );
  return inspectInWorker(blob, name);
};

export function evidenceReadingsUpgrade(read: ReadFile = readOnWorker): DataUpgrade<string> {
  return {
    id: `evidence-readings@${READINGS_VERSION}`,
    title: 'Re-reading stored evidence with the current readers',
    tables: EVIDENCE_UPGRADE_TABLES,
    total: (database) => database.evidenceBlobs.count(),
    async next(database, cursor) {
      const blobs = await (
        cursor === null
          ? database.evidenceBlobs.orderBy('sha256')
          : database.evidenceBlobs.where('sha256').above(cursor)
      )
        .limit(BATCH_FILES)
        .toArray();
      const last = blobs.at(-1);
      if (last === undefined) return null;
      const reread: { sha256: string; detection: Detection; outcome: InspectOutcome }[] = [];
      for (const stored of blobs) {
        const row = await database.evidenceSummaries.get(stored.sha256);
        if (row && isCurrentReading(row.summary)) continue;
        const named = await database.evidence.where('sha256').equals(stored.sha256).first();
        const { detection, outcome } = await read(stored.blob, named?.fileName ?? stored.sha256);
        reread.push({ sha256: stored.sha256, detection, outcome });
      }
      return {
        cursor: last.sha256,
        items: blobs.length,
        write: () => writeReadings(database, reread),
      };
    },
  };
}

async function writeReadings(
  database: LedgerDatabase,
  reread: readonly { sha256: string; detection: Detection; outcome: InspectOutcome }[],
): Promise<void> {
  const now = nowIso();
  for (const { sha256, detection, outcome } of reread) {
    // The content may have been deleted, or read again elsewhere, since the batch was prepared.
    if (!(await database.evidenceBlobs.get(sha256))) continue;
    const existing = await database.evidenceSummaries.get(sha256);
    if (existing && isCurrentReading(existing.summary)) continue;
    const summary = summaryOfOutcome(detection, outcome);
    await database.evidenceSummaries.put(
      parseOrThrow(EvidenceSummaryRow, { sha256, summary, parsedAt: now }),
    );
    const read = outcome.ok ? outcome.summary : null;
    const rows: Row[] = await database.evidence.where('sha256').equals(sha256).toArray();
    for (const evidence of rows) {
      const updated: Row = {
        ...evidence,
        format: summary.format,
        variant: (read?.variant ?? detection.variant).slice(0, 200),
        parseError: outcome.ok ? null : outcome.error.slice(0, 2000),
        headline: read ? headlineOf(read) : '',
        flag: readingFlagOf(summary)?.flag ?? null,
        sourceKey: sourceKeyOf(summary.format, evidence.origin, summary.target, evidence.fileName),
        ...datesAfterReading(evidence, read),
      };
      const changed = (
        [
          'format',
          'variant',
          'parseError',
          'headline',
          'flag',
          'sourceKey',
          'effectiveFrom',
          'effectiveTo',
          'dating',
          'statedBy',
        ] as const
      ).some((field) => (updated[field] ?? null) !== (evidence[field] ?? null));
      if (!changed) continue;
      if (updated.dating === undefined) {
        // Stored before dating was recorded: the dates upgrade that follows dates it (from the
        // summary written here). Every other field is checked as the schema checks it.
        const provisional = updated.effectiveFrom === null ? 'undated' : 'stated';
        parseOrThrow(EvidenceSchema, { ...updated, dating: provisional, updatedAt: now });
        await database.evidence.put({ ...updated, updatedAt: now } as Evidence);
      } else {
        await database.evidence.put(parseOrThrow(EvidenceSchema, { ...updated, updatedAt: now }));
      }
    }
  }
}

/**
 * A dated row follows its tool's date as read now: a file the reader now dates takes that period,
 * one whose tool date is gone becomes undated, and a period a person stated stays. A row stored
 * before dating was recorded is left to the dates upgrade.
 */
function datesAfterReading(
  row: Row,
  read: EvidenceSummary | null,
): Partial<Pick<Evidence, 'effectiveFrom' | 'effectiveTo' | 'dating' | 'statedBy'>> {
  if (row.dating === undefined) return {};
  const period = toolPeriodOf(read);
  if (period)
    return { effectiveFrom: period.from, effectiveTo: period.to, dating: 'tool', statedBy: '' };
  if (row.dating === 'tool')
    return { effectiveFrom: null, effectiveTo: null, dating: 'undated', statedBy: '' };
  return {};
}
