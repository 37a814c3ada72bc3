import type { EvidencePeriod } from '../evidence/freshness';
import type { Evidence } from './model';

/**
 * A report's evidence read with the one freshness rule of core/evidence/freshness.ts: an entry
 * is dated by `effectiveAt` (its tool's time, or the last day a person stated), else undated.
 * The matrix, the record's evidence table and the manifest all read entries through here.
 */

type Dated = Pick<Evidence, 'effectiveAt' | 'dating'>;

/** The day an entry speaks for (UTC), as a period of one day; null when it is undated. */
export function reportEvidencePeriod(item: Dated): EvidencePeriod | null {
  if (item.effectiveAt === undefined) return null;
  const time = Date.parse(item.effectiveAt);
  if (!Number.isFinite(time)) return null;
  const day = new Date(time).toISOString().slice(0, 10);
  return { from: day, to: day, by: item.dating ?? 'tool' };
}

export type ReportDating = 'tool' | 'stated' | 'undated';

export function reportDating(item: Dated): ReportDating {
  return reportEvidencePeriod(item)?.by ?? 'undated';
}

/**
 * How the entry's date reads in print: the tool's time (`2021-06-18 09:21 UTC`), a stated day
 * (`2026-11-20, stated`), or `undated`.
 */
export function evidenceDateText(item: Dated): string {
  const period = reportEvidencePeriod(item);
  if (period === null || item.effectiveAt === undefined) return 'undated';
  if (period.by === 'stated') return `${period.to}, stated`;
  return `${new Date(item.effectiveAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
