import type { SecurityIssue, SlaPolicy } from '../../../../core/model';
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
