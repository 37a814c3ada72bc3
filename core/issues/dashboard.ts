import type { IssueStatus, Priority, SecurityIssue } from '../model/issue';
import { PRIORITIES } from '../model/issue';
import type { SlaPolicy } from '../model/sla-policy';
import { zonedParts } from '../time/zoned';
import { readSla, segmentBreached } from './sla';
import { effectiveStatus } from './workflow';

/** Chart data for the issue dashboard panels. Components only draw what these return. */

/** Statuses counted as open work on the dashboard. */
export const OPEN_STATUSES = ['open', 'in-progress', 'fixed', 'risk-accepted'] as const;
type OpenStatus = (typeof OPEN_STATUSES)[number];

export type OpenByPriorityRow = { priority: Priority; total: number } & Record<OpenStatus, number>;

export function openIssuesByPriorityAndStatus(
  issues: readonly SecurityIssue[],
  now: number,
): OpenByPriorityRow[] {
  const rows = PRIORITIES.map((priority): OpenByPriorityRow => ({
    priority,
    total: 0,
    open: 0,
    'in-progress': 0,
    fixed: 0,
    'risk-accepted': 0,
  }));
  for (const issue of issues) {
    const status: IssueStatus = effectiveStatus(issue, now);
    if (!(OPEN_STATUSES as readonly string[]).includes(status)) continue;
    const row = rows[PRIORITIES.indexOf(issue.priority)];
    if (row === undefined) continue;
    row[status as OpenStatus] += 1;
    row.total += 1;
  }
  return rows;
}

export interface SlaRow {
  priority: Priority;
  onTrack: number;
  atRisk: number;
  breached: number;
  /** Stretches of the clock that ever ran past due, resolved or not (SLA history included). */
  breachesEver: number;
}

export function slaByPriority(
  issues: readonly SecurityIssue[],
  now: number,
  policy: SlaPolicy,
): SlaRow[] {
  const rows = PRIORITIES.map((priority): SlaRow => ({
    priority,
    onTrack: 0,
    atRisk: 0,
    breached: 0,
    breachesEver: 0,
  }));
  for (const issue of issues) {
    for (const segment of issue.slaHistory) {
      const row = rows[PRIORITIES.indexOf(segment.priority)];
      if (row && segmentBreached(segment, now)) row.breachesEver += 1;
    }
    const row = rows[PRIORITIES.indexOf(issue.priority)];
    if (row === undefined) continue;
    const status = effectiveStatus(issue, now);
    if (
      status === 'fixed' ||
      status === 'verified' ||
      status === 'closed' ||
      status === 'risk-accepted'
    ) {
      continue;
    }
    const state = readSla({ ...issue, status }, now, policy).state;
    if (state === 'breached') row.breached += 1;
    else if (state === 'at-risk') row.atRisk += 1;
    else row.onTrack += 1;
  }
  return rows;
}

export type RemediationRow = { period: string } & Record<Priority, number | null> & {
    counts: Record<Priority, number>;
  };

function monthOf(instant: number, timeZone: string): string {
  const local = zonedParts(instant, timeZone);
  return `${local.year}-${String(local.month).padStart(2, '0')}`;
}

function previousMonth(period: string, months: number): string {
  const [year = 1970, month = 1] = period.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1 - months, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * Mean time to remediate (raised → resolved, in hours) per priority, per month of resolution on
 * the workspace's calendar, for the `months` months up to and including the current one. Months
 * without remediated issues of a priority hold null (a gap in the line, not a zero).
 */
export function meanTimeToRemediate(
  issues: readonly SecurityIssue[],
  options: { now: number; timeZone: string; months?: number },
): RemediationRow[] {
  const months = options.months ?? 12;
  const current = monthOf(options.now, options.timeZone);
  const periods = Array.from({ length: months }, (_, index) =>
    previousMonth(current, months - 1 - index),
  );
  const sums = new Map<
    string,
    { total: Record<Priority, number>; count: Record<Priority, number> }
  >(
    periods.map((period) => [
      period,
      { total: { P1: 0, P2: 0, P3: 0, P4: 0 }, count: { P1: 0, P2: 0, P3: 0, P4: 0 } },
    ]),
  );
  for (const issue of issues) {
    if (issue.resolvedAt === null) continue;
    const resolved = Date.parse(issue.resolvedAt);
    const bucket = sums.get(monthOf(resolved, options.timeZone));
    if (bucket === undefined) continue;
    bucket.total[issue.priority] += (resolved - Date.parse(issue.raisedAt)) / 3_600_000;
    bucket.count[issue.priority] += 1;
  }
  return periods.map((period) => {
    const bucket = sums.get(period);
    const mean = (priority: Priority): number | null => {
      const count = bucket?.count[priority] ?? 0;
      return count === 0 ? null : Math.round(((bucket?.total[priority] ?? 0) / count) * 10) / 10;
    };
    return {
      period,
      P1: mean('P1'),
      P2: mean('P2'),
      P3: mean('P3'),
      P4: mean('P4'),
      counts: { ...(bucket?.count ?? { P1: 0, P2: 0, P3: 0, P4: 0 }) },
    };
  });
}
