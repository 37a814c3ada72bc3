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

function emptyOpenRows(): OpenByPriorityRow[] {
  return PRIORITIES.map((priority): OpenByPriorityRow => ({
    priority,
    total: 0,
    open: 0,
    'in-progress': 0,
    fixed: 0,
    'risk-accepted': 0,
  }));
}

function countOpen(rows: OpenByPriorityRow[], issue: SecurityIssue, now: number): void {
  const status: IssueStatus = effectiveStatus(issue, now);
  if (!(OPEN_STATUSES as readonly string[]).includes(status)) return;
  const row = rows[PRIORITIES.indexOf(issue.priority)];
  if (row === undefined) return;
  row[status as OpenStatus] += 1;
  row.total += 1;
}

export function openIssuesByPriorityAndStatus(
  issues: readonly SecurityIssue[],
  now: number,
): OpenByPriorityRow[] {
  const rows = emptyOpenRows();
  for (const issue of issues) countOpen(rows, issue, now);
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

function emptySlaRows(): SlaRow[] {
  return PRIORITIES.map((priority): SlaRow => ({
    priority,
    onTrack: 0,
    atRisk: 0,
    breached: 0,
    breachesEver: 0,
  }));
}

function countSla(rows: SlaRow[], issue: SecurityIssue, now: number, policy: SlaPolicy): void {
  for (const segment of issue.slaHistory) {
    const row = rows[PRIORITIES.indexOf(segment.priority)];
    if (row && segmentBreached(segment, now)) row.breachesEver += 1;
  }
  const row = rows[PRIORITIES.indexOf(issue.priority)];
  if (row === undefined) return;
  const status = effectiveStatus(issue, now);
  if (
    status === 'fixed' ||
    status === 'verified' ||
    status === 'closed' ||
    status === 'risk-accepted'
  ) {
    return;
  }
  const state = readSla({ ...issue, status }, now, policy).state;
  if (state === 'breached') row.breached += 1;
  else if (state === 'at-risk') row.atRisk += 1;
  else row.onTrack += 1;
}

export function slaByPriority(
  issues: readonly SecurityIssue[],
  now: number,
  policy: SlaPolicy,
): SlaRow[] {
  const rows = emptySlaRows();
  for (const issue of issues) countSla(rows, issue, now, policy);
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
  const sums = remediationSums(options);
  for (const issue of issues) countRemediation(sums, issue, options.timeZone);
  return remediationRows(sums);
}

type RemediationSums = Map<
  string,
  { total: Record<Priority, number>; count: Record<Priority, number> }
>;

/** The months shown, oldest first, each with nothing counted yet. */
function remediationSums(options: {
  now: number;
  timeZone: string;
  months?: number;
}): RemediationSums {
  const months = options.months ?? 12;
  const current = monthOf(options.now, options.timeZone);
  return new Map(
    Array.from({ length: months }, (_, index) => [
      previousMonth(current, months - 1 - index),
      { total: { P1: 0, P2: 0, P3: 0, P4: 0 }, count: { P1: 0, P2: 0, P3: 0, P4: 0 } },
    ]),
  );
}

function countRemediation(sums: RemediationSums, issue: SecurityIssue, timeZone: string): void {
  if (issue.resolvedAt === null) return;
  const resolved = Date.parse(issue.resolvedAt);
  const bucket = sums.get(monthOf(resolved, timeZone));
  if (bucket === undefined) return;
  bucket.total[issue.priority] += (resolved - Date.parse(issue.raisedAt)) / 3_600_000;
  bucket.count[issue.priority] += 1;
}

function remediationRows(sums: RemediationSums): RemediationRow[] {
  return [...sums].map(([period, bucket]) => {
    const mean = (priority: Priority): number | null => {
      const count = bucket.count[priority];
      return count === 0 ? null : Math.round((bucket.total[priority] / count) * 10) / 10;
    };
    return {
      period,
      P1: mean('P1'),
      P2: mean('P2'),
      P3: mean('P3'),
      P4: mean('P4'),
      counts: { ...bucket.count },
    };
  });
}

export interface IssueDashboardData {
  open: OpenByPriorityRow[];
  sla: SlaRow[];
  remediation: RemediationRow[];
  /** Issues counted. */
  issues: number;
}

/**
 * The three panels' data, counted a batch of issues at a time (`add`), so a workspace's issues
 * can be read in pages and never held all at once; `result` gives what the functions above
 * give for all the issues added.
 */
export function dashboardTally(options: { now: number; policy: SlaPolicy; months?: number }) {
  const { now, policy } = options;
  const open = emptyOpenRows();
  const sla = emptySlaRows();
  const sums = remediationSums({ now, timeZone: policy.timeZone, months: options.months ?? 12 });
  let counted = 0;
  return {
    add(issues: readonly SecurityIssue[]): void {
      for (const issue of issues) {
        countOpen(open, issue, now);
        countSla(sla, issue, now, policy);
        countRemediation(sums, issue, policy.timeZone);
      }
      counted += issues.length;
    },
    result(): IssueDashboardData {
      return {
        open: open.map((row) => ({ ...row })),
        sla: sla.map((row) => ({ ...row })),
        remediation: remediationRows(sums),
        issues: counted,
      };
    },
  };
}
