import { DEFAULT_WINDOW_DAYS } from '../demo/coverage';
import type { EvidencePeriod, FileFreshness } from '../evidence/freshness';
import { fileFreshness } from '../evidence/freshness';
import { addCalendarDays } from '../time/zoned';
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

/** The days an entry stays fresh: its own setting, else the report's window. */
export function freshnessDaysOf(item: Pick<Evidence, 'freshnessDays'>): number | null {
  return item.freshnessDays === undefined ? DEFAULT_WINDOW_DAYS : item.freshnessDays;
}

/**
 * Whether the entry was fresh, stale or undated on `day` (the report's, so when it is signed),
 * by the one rule of core/evidence/freshness.ts.
 */
export function reportFreshness(
  item: Pick<Evidence, 'effectiveAt' | 'dating' | 'freshnessDays'>,
  day: string,
): FileFreshness {
  return fileFreshness(reportEvidencePeriod(item), freshnessDaysOf(item), day);
}

/** `fresh until 2027-02-24`, `stale since 2021-09-16`, `fresh (does not go stale)`, `undated`. */
export function freshnessText(
  item: Pick<Evidence, 'effectiveAt' | 'dating' | 'freshnessDays'>,
  day: string,
): string {
  const freshness = reportFreshness(item, day);
  const period = reportEvidencePeriod(item);
  const days = freshnessDaysOf(item);
  if (freshness === 'undated' || period === null)
    return 'undated: no date of its own, so never fresh';
  if (days === null) return 'fresh (does not go stale)';
  const until = addCalendarDays(period.to, days);
  return freshness === 'stale'
    ? `stale since ${addCalendarDays(until, 1)} (fresh for ${days} days)`
    : `fresh until ${until} (fresh for ${days} days)`;
}
