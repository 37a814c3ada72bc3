import type { SecurityIssue, SlaPolicy } from '../../../../core/model';
import { originKey } from '../../../../core/issues/raise';
import { db } from '../../db';
import type { QueryState } from '../../lib/useQuery';
import { useQuery } from '../../lib/useQuery';
import { readSlaPolicy } from './policy';

/** Every issue of the workspace, newest first. */
export function useIssues(workspaceId: string): QueryState<SecurityIssue[]> {
  return useQuery(async () => {
    const issues = await db.issues.where('workspaceId').equals(workspaceId).sortBy('number');
    return issues.reverse();
  }, [workspaceId]);
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
