import type { ScopeDecision, WorkspaceFramework } from '../../../../core/catalog/soa';
import type { CatalogRow } from '../../db';
import { db } from '../../db';
import type { QueryState } from '../../lib/useQuery';
import { useQuery } from '../../lib/useQuery';

export function useWorkspaceFrameworks(
  workspaceId: string | undefined,
): QueryState<WorkspaceFramework[]> {
  return useQuery(
    () =>
      workspaceId === undefined
        ? []
        : db.workspaceFrameworks.where('workspaceId').equals(workspaceId).sortBy('addedAt'),
    [workspaceId],
  );
}

export function useScopeDecisions(workspaceId: string | undefined): QueryState<ScopeDecision[]> {
  return useQuery(
    () =>
      workspaceId === undefined
        ? []
        : db.scopeDecisions.where('workspaceId').equals(workspaceId).toArray(),
    [workspaceId],
  );
}

export function useScopeDecision(
  workspaceId: string | undefined,
  ref: string,
): QueryState<ScopeDecision | null> {
  return useQuery(
    async () =>
      workspaceId === undefined
        ? null
        : ((await db.scopeDecisions
            .where('[workspaceId+ref]')
            .equals([workspaceId, ref])
            .first()) ?? null),
    [workspaceId, ref],
  );
}

/** Stored catalog versions without their content, newest first. */
export function useStoredCatalogs(): QueryState<Omit<CatalogRow, 'catalog'>[]> {
  return useQuery(async () => {
    const rows = await db.catalogs.toArray();
    return rows
      .map(({ catalog: _catalog, ...row }) => row)
      .sort((a, b) => b.storedAt.localeCompare(a.storedAt));
  }, []);
}
