import Dexie from 'dexie';
import type { IssueStatus, Priority, SecurityIssue, SlaPolicy } from '../../../../core/model';
import type { IssueDashboardData } from '../../../../core/issues/dashboard';
import { dashboardTally } from '../../../../core/issues/dashboard';
import { originKey } from '../../../../core/issues/raise';
import { db } from '../../db';
import type { KeysetSource, PagedList } from '../../lib/paged';
import { KEYSET_PAGE, indexSource, mergedSource, usePagedList } from '../../lib/paged';
import type { QueryState } from '../../lib/useQuery';
import { useQuery } from '../../lib/useQuery';
import { readSlaPolicy } from './policy';

/** What the issue list shows: open work (not yet verified or closed), the rest, or all. */
export type StatusFilter = 'active' | 'done' | 'all';
export interface IssueFilter {
  status: StatusFilter;
  priority: Priority | 'any';
}

const STATUSES_SHOWN: Readonly<Record<StatusFilter, readonly IssueStatus[]>> = {
  active: ['open', 'in-progress', 'fixed', 'risk-accepted'],
  done: ['verified', 'closed'],
  all: ['open', 'in-progress', 'fixed', 'risk-accepted', 'verified', 'closed'],
};

/** The list's order: priority, then due date, then id (the order of the index after status). */
export function compareIssues(a: SecurityIssue, b: SecurityIssue): number {
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return order(a.priority, b.priority) || order(a.dueAt, b.dueAt) || order(a.id, b.id);
}

/**
 * The issues a filter shows, most urgent first: one index range per status shown (a risk
 * acceptance that ran out still reads as open work until it is reopened), merged.
 */
export function issueListSource(
  workspaceId: string,
  filter: IssueFilter,
): KeysetSource<SecurityIssue> {
  const { priority } = filter;
  return mergedSource(
    STATUSES_SHOWN[filter.status].map((status) =>
      priority === 'any'
        ? indexSource(
            db.issues,
            '[workspaceId+status+priority+dueAt+id]',
            [workspaceId, status],
            (issue) => [issue.priority, issue.dueAt, issue.id],
          )
        : indexSource(
            db.issues,
            '[workspaceId+status+priority+dueAt+id]',
            [workspaceId, status, priority],
            (issue) => [issue.dueAt, issue.id],
          ),
    ),
    compareIssues,
  );
}

export function useIssuePages(workspaceId: string, filter: IssueFilter): PagedList<SecurityIssue> {
  return usePagedList(
    () => issueListSource(workspaceId, filter),
    `${workspaceId}|${filter.status}|${filter.priority}`,
  );
}

/** How many issues the workspace holds, counted on the index. */
export function useIssueCount(workspaceId: string): QueryState<number> {
  return useQuery(
    () =>
      db.issues
        .where('[workspaceId+number]')
        .between([workspaceId, Dexie.minKey], [workspaceId, Dexie.maxKey])
        .count(),
    [workspaceId],
  );
}

/**
 * The dashboard's figures over every issue of the workspace, read a page at a time (each page a
 * task of its own, none held after it is counted).
 */
export async function readIssueDashboard(
  workspaceId: string,
  now: number,
  policy: SlaPolicy,
): Promise<IssueDashboardData> {
  const tally = dashboardTally({ now, policy, months: 12 });
  const source = indexSource<SecurityIssue>(
    db.issues,
    '[workspaceId+number]',
    [workspaceId],
    (issue) => [issue.number],
  );
  let after: SecurityIssue | null = null;
  for (;;) {
    const page = await source.page(after, KEYSET_PAGE);
    tally.add(page);
    if (page.length < KEYSET_PAGE) return tally.result();
    after = page[page.length - 1] ?? null;
  }
}

export function useIssueDashboard(
  workspaceId: string,
  now: number,
  policy: SlaPolicy,
): QueryState<IssueDashboardData> {
  return useQuery(() => readIssueDashboard(workspaceId, now, policy), [workspaceId, now, policy]);
}

export function useIssue(id: string | null): QueryState<SecurityIssue | null> {
  return useQuery(async () => (id === null ? null : ((await db.issues.get(id)) ?? null)), [id]);
}

export function useIssuesById(ids: readonly string[]): QueryState<Map<string, SecurityIssue>> {
  const key = ids.join(',');
  return useQuery(async () => {
    const rows = await db.issues.bulkGet(key === '' ? [] : key.split(','));
    return new Map(
      rows.filter((row): row is SecurityIssue => row !== undefined).map((row) => [row.id, row]),
    );
  }, [key]);
}

export function useSlaPolicy(workspaceId: string): QueryState<SlaPolicy> {
  return useQuery(() => readSlaPolicy(workspaceId), [workspaceId]);
}

/**
 * The issues of the workspace that are not closed, by what they were raised from (`originKey`:
 * a finding's fingerprint, an alert's id): what other areas show next to a finding or an alert
 * that was already raised. A closed issue is left out, as raising the problem again makes a new
 * issue (see findDuplicate).
 */
export function useOpenIssuesByOrigin(
  workspaceId: string,
): QueryState<ReadonlyMap<string, SecurityIssue>> {
  return useQuery(async () => {
    const issues = await db.issues
      .where('workspaceId')
      .equals(workspaceId)
      .filter((issue) => issue.status !== 'closed')
      .sortBy('number');
    const byOrigin = new Map<string, SecurityIssue>();
    for (const issue of issues) {
      const key = originKey(issue.source);
      if (key !== null && !byOrigin.has(key)) byOrigin.set(key, issue);
    }
    return byOrigin;
  }, [workspaceId]);
}
