import Dexie from 'dexie';
import type { PostMortem, SecurityIssue } from '../../../../core/model';
import type { IssueQuery } from '../../../../core/issues/find';
import { issueMatches, parseIssueQuery } from '../../../../core/issues/find';
import { db } from '../../db';
import type { PagedList } from '../../lib/paged';
import { indexSource, readWindow, usePagedList } from '../../lib/paged';
import type { QueryState } from '../../lib/useQuery';
import { useQuery } from '../../lib/useQuery';

/** The workspace's post-mortems, most recently updated first, read a page at a time by index. */
export function usePostMortemPages(workspaceId: string): PagedList<PostMortem> {
  return usePagedList(
    () =>
      indexSource(
        db.postMortems,
        '[workspaceId+updatedAt+id]',
        [workspaceId],
        (postMortem) => [postMortem.updatedAt, postMortem.id],
        { reverse: true },
      ),
    workspaceId,
  );
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

/** Ids of the workspace's issues that have a post-mortem, from index keys (no rows read). */
async function issuesWithPostMortem(workspaceId: string): Promise<Set<string>> {
  const keys = await db.postMortems
    .where('[workspaceId+issueId]')
    .between([workspaceId, Dexie.minKey], [workspaceId, Dexie.maxKey])
    .keys();
  return new Set(keys.map((key) => (Array.isArray(key) ? String(key[1]) : '')));
}

export interface IssueChoices {
  /** The newest matching issues without a post-mortem, at most the limit asked for. */
  issues: SecurityIssue[];
  /** Issues of the workspace without a post-mortem, whatever the query. */
  withoutPostMortem: number;
  /** True when more issues match than those returned. */
  more: boolean;
}

/**
 * Issues without a post-mortem that match what was typed (`parseIssueQuery`), newest first, at
 * most `limit`: a key is looked up on its index; words walk the issues newest first, a page at a
 * time, until enough match. Counted from the indexes.
 */
export async function findIssuesWithoutPostMortem(
  workspaceId: string,
  query: IssueQuery,
  limit: number,
): Promise<IssueChoices> {
  const covered = await issuesWithPostMortem(workspaceId);
  const [issueCount, coveredCount] = await Promise.all([
    db.issues
      .where('[workspaceId+number]')
      .between([workspaceId, Dexie.minKey], [workspaceId, Dexie.maxKey])
      .count(),
    // A post-mortem whose issue is gone covers nothing.
    db.issues
      .where('id')
      .anyOf([...covered])
      .count(),
  ]);
  const keep = (issue: SecurityIssue) => !covered.has(issue.id) && issueMatches(issue, query);
  let issues: SecurityIssue[];
  if (query.number !== null) {
    const found = await db.issues
      .where('[workspaceId+number]')
      .equals([workspaceId, query.number])
      .toArray();
    issues = found.filter(keep);
  } else {
    const window = await readWindow(
      indexSource(db.issues, '[workspaceId+number]', [workspaceId], (issue) => [issue.number], {
        reverse: true,
        keep,
      }),
      limit + 1,
    );
    issues = window.rows;
  }
  return {
    issues: issues.slice(0, limit),
    withoutPostMortem: issueCount - coveredCount,
    more: issues.length > limit,
  };
}

export function useIssuesWithoutPostMortem(
  workspaceId: string,
  text: string,
  limit: number,
): QueryState<IssueChoices> {
  return useQuery(
    () => findIssuesWithoutPostMortem(workspaceId, parseIssueQuery(text), limit),
    [workspaceId, text, limit],
  );
}
