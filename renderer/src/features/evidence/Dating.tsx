import type { FileFreshness } from '../../../../core/evidence/freshness';
import { fileFreshness, periodOfEvidence } from '../../../../core/evidence/freshness';
import type { Evidence } from '../../../../core/model';
import { formatPeriod } from '../../lib/format';

/**
 * How a stored file is dated, in words: the days its tool's own date says, the period a person
 * stated (and who), or "undated" (never fresh until someone states its period).
 */
export function datingText(evidence: Evidence): string {
  const period = periodOfEvidence(evidence);
  if (period === null) return 'Undated';
  const days = formatPeriod(period.from, period.to);
  return period.by === 'stated'
    ? `${days} (stated${evidence.statedBy ? ` by ${evidence.statedBy}` : ''})`
    : days;
}

export function freshnessOfEvidence(evidence: Evidence, today: string): FileFreshness {
  return fileFreshness(periodOfEvidence(evidence), evidence.freshnessDays, today);
}

/** "stale" or "undated" next to a file's name; nothing while it is fresh. */
export function FreshnessBadge({ freshness }: { freshness: FileFreshness }) {
  if (freshness === 'fresh') return null;
  return <span className={`badge ${freshness}`}>{freshness}</span>;
}
