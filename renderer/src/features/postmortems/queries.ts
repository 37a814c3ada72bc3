import type { PostMortem } from '../../../../core/model';
import { db } from '../../db';
import type { QueryState } from '../../lib/useQuery';
import { useQuery } from '../../lib/useQuery';

export function usePostMortems(workspaceId: string): QueryState<PostMortem[]> {
  return useQuery(async () => {
    const rows = await db.postMortems.where('workspaceId').equals(workspaceId).toArray();
    return rows.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }, [workspaceId]);
}

export function usePostMortem(id: string | null): QueryState<PostMortem | null> {
  return useQuery(
    async () => (id === null ? null : ((await db.postMortems.get(id)) ?? null)),
    [id],
  );
}

export function usePostMortemForIssue(issueId: string): QueryState<PostMortem | null> {
  return useQuery(
    async () => (await db.postMortems.where('issueId').equals(issueId).first()) ?? null,
    [issueId],
  );
}
