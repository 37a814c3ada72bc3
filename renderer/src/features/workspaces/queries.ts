import type { Sprint, Team, Workspace } from '../../../../core/model';
import { db } from '../../db';
import type { PagedList } from '../../lib/paged';
import { indexSource, usePagedList } from '../../lib/paged';
import type { QueryState } from '../../lib/useQuery';
import { useQuery } from '../../lib/useQuery';
import { readSetting } from '../settings/queries';

export function useWorkspaces(): QueryState<Workspace[]> {
  return useQuery(() => db.workspaces.orderBy('name').toArray(), []);
}

/** The workspace the user last chose, or the first one when that is gone; null when none exist. */
export function useCurrentWorkspace(): QueryState<Workspace | null> {
  return useQuery(async () => {
    const chosen = await readSetting('currentWorkspaceId');
    const workspace = chosen === null ? undefined : await db.workspaces.get(chosen);
    return workspace ?? (await db.workspaces.orderBy('name').first()) ?? null;
  }, []);
}

export function useTeams(workspaceId: string): QueryState<Team[]> {
  return useQuery(
    () => db.teams.where('workspaceId').equals(workspaceId).sortBy('name'),
    [workspaceId],
  );
}

/** Most recent sprint first. */
export function useSprints(workspaceId: string): QueryState<Sprint[]> {
  return useQuery(async () => {
    const sprints = await db.sprints.where('workspaceId').equals(workspaceId).sortBy('startDate');
    return sprints.reverse();
  }, [workspaceId]);
}

/** The workspace's sprints, most recent first, read a page at a time by index. */
export function useSprintPages(workspaceId: string): PagedList<Sprint> {
  return usePagedList(
    () =>
      indexSource(
        db.sprints,
        '[workspaceId+startDate+id]',
        [workspaceId],
        (sprint) => [sprint.startDate, sprint.id],
        { reverse: true },
      ),
    workspaceId,
  );
}

/** How many sprints the workspace has, counted on the index. */
export function useSprintCount(workspaceId: string): QueryState<number> {
  return useQuery(() => db.sprints.where('workspaceId').equals(workspaceId).count(), [workspaceId]);
}

/** Whether a workspace is the sample (made-up data); false while unknown or gone. */
export function useIsSampleWorkspace(workspaceId: string): boolean {
  return (
    useQuery(async () => (await db.workspaces.get(workspaceId))?.sample === true, [workspaceId])
      .data ?? false
  );
}
