import { beforeAll, describe, expect, it } from 'vitest';
import { generateLedger } from '../../../../bench/ledger/generate';
import {
  meanTimeToRemediate,
  openIssuesByPriorityAndStatus,
  slaByPriority,
} from '../../../../core/issues/dashboard';
import { parseIssueQuery } from '../../../../core/issues/find';
import type { PostMortem, Priority, SecurityIssue } from '../../../../core/model';
import { PRIORITIES, defaultSlaPolicy } from '../../../../core/model';
import { db } from '../../../../renderer/src/db';
import type { StatusFilter } from '../../../../renderer/src/features/issues/queries';
import {
  compareIssues,
  issueListSource,
  readIssueDashboard,
} from '../../../../renderer/src/features/issues/queries';
import { findIssuesWithoutPostMortem } from '../../../../renderer/src/features/postmortems/queries';
import { KEYSET_PAGE, readWindow } from '../../../../renderer/src/lib/paged';
import { freshDatabase } from './support';

/** Four team-years of the benchmark's ledger: 600 issues, more than a page of them. */
const YEARS = 4;
const NOW = Date.parse('2026-11-27T12:00:00Z');
const POLICY = defaultSlaPolicy('Europe/London');
let issues: SecurityIssue[] = [];
const postMortems: PostMortem[] = [];
let workspaceId = '';

/** Another workspace's copy of some issues, which must never show in this one's lists. */
function elsewhere(issue: SecurityIssue): SecurityIssue {
  const id = `${issue.id.slice(0, 24)}${'f'.repeat(12)}`;
  return { ...issue, id, workspaceId: '00000000-0000-4000-8000-00000000ffff' };
}

beforeAll(async () => {
  await freshDatabase();
  const batches = generateLedger(YEARS, {
    start: { seq: 0, hash: '0'.repeat(64) },
    actor: 'Kim Ito',
    log: false,
  });
  for (let step = batches.next(); !step.done; step = batches.next()) {
    const { table, rows } = step.value;
    if (table === 'issues') issues.push(...(rows as SecurityIssue[]));
    else if (table === 'postMortems') postMortems.push(...(rows as PostMortem[]));
    else if (table === 'workspaces') workspaceId = (rows[0] as { id: string }).id;
  }
  issues = issues.sort((a, b) => a.number - b.number);
  await db.issues.bulkPut([...issues, ...issues.slice(0, 200).map(elsewhere)]);
  await db.postMortems.bulkPut(postMortems);
});

const DONE = ['verified', 'closed'];
function expected(status: StatusFilter, priority: Priority | 'any'): SecurityIssue[] {
  return issues
    .filter((issue) =>
      status === 'all' ? true : DONE.includes(issue.status) === (status === 'done'),
    )
    .filter((issue) => priority === 'any' || issue.priority === priority)
    .sort(compareIssues);
}

describe('the issue list, a page at a time by index', () => {
  it('holds exactly the issues each filter shows, most urgent first, counted on the index', async () => {
    expect(issues.length).toBeGreaterThan(KEYSET_PAGE);
    for (const status of ['active', 'done', 'all'] as const) {
      for (const priority of ['any', ...PRIORITIES] as const) {
        const source = issueListSource(workspaceId, { status, priority });
        const want = expected(status, priority);
        const window = await readWindow(source, Number.MAX_SAFE_INTEGER);
        expect(window.rows.map((issue) => issue.id)).toEqual(want.map((issue) => issue.id));
        expect(await source.count()).toBe(want.length);
      }
    }
  });

  it('reads the first rows without the rest, and each page goes on where the last ended', async () => {
    const source = issueListSource(workspaceId, { status: 'all', priority: 'any' });
    const want = expected('all', 'any');
    const first = await source.page(null, 7);
    expect(first.map((issue) => issue.number)).toEqual(want.slice(0, 7).map((i) => i.number));
    const next = await source.page(first[6] ?? null, 7);
    expect(next.map((issue) => issue.number)).toEqual(want.slice(7, 14).map((i) => i.number));
    const window = await readWindow(source, 100);
    expect(window.rows).toHaveLength(100);
    expect(window.complete).toBe(false);
  });
});

describe('the issue dashboard', () => {
  it('counts every issue of the workspace, page by page, as the whole list would', async () => {
    expect(await readIssueDashboard(workspaceId, NOW, POLICY)).toEqual({
      open: openIssuesByPriorityAndStatus(issues, NOW),
      sla: slaByPriority(issues, NOW, POLICY),
      remediation: meanTimeToRemediate(issues, { now: NOW, timeZone: POLICY.timeZone }),
      issues: issues.length,
    });
  });
});

describe('choosing an issue to start a post-mortem for', () => {
  const covered = () => new Set(postMortems.map((postMortem) => postMortem.issueId));

  it('offers the newest issues without one and counts all of them', async () => {
    const choices = await findIssuesWithoutPostMortem(workspaceId, parseIssueQuery(''), 8);
    const want = [...issues].reverse().filter((issue) => !covered().has(issue.id));
    expect(choices.issues.map((issue) => issue.number)).toEqual(
      want.slice(0, 8).map((issue) => issue.number),
    );
    expect(choices.more).toBe(true);
    expect(choices.withoutPostMortem).toBe(issues.length - postMortems.length);
  });

  it('finds one by key or by words of its title, never one that has a post-mortem', async () => {
    const last = issues[issues.length - 1];
    const byKey = await findIssuesWithoutPostMortem(
      workspaceId,
      parseIssueQuery(`SEC-${last?.number}`),
      8,
    );
    expect(byKey.issues.map((issue) => issue.id)).toEqual([last?.id]);
    expect(byKey.more).toBe(false);
    const withOne = issues.find((issue) => covered().has(issue.id));
    const coveredKey = await findIssuesWithoutPostMortem(
      workspaceId,
      parseIssueQuery(`SEC-${withOne?.number}`),
      8,
    );
    expect(coveredKey.issues).toEqual([]);
    // Words narrow the newest first, reading on past the first page until enough match.
    const words = await findIssuesWithoutPostMortem(workspaceId, parseIssueQuery('vault (3'), 50);
    const want = [...issues]
      .reverse()
      .filter(
        (issue) =>
          !covered().has(issue.id) &&
          issue.title.toLowerCase().includes('vault') &&
          issue.title.includes('(3'),
      );
    expect(words.issues.map((issue) => issue.number)).toEqual(
      want.slice(0, 50).map((issue) => issue.number),
    );
    expect(words.more).toBe(want.length > 50);
  });

  it('does not count a post-mortem whose issue is gone as covering one', async () => {
    const orphan: PostMortem = {
      ...(postMortems[0] as PostMortem),
      id: '00000000-0000-4000-8000-0000000fffff',
      issueId: '00000000-0000-4000-8000-00000000eeee',
    };
    await db.postMortems.put(orphan);
    const choices = await findIssuesWithoutPostMortem(workspaceId, parseIssueQuery(''), 8);
    expect(choices.withoutPostMortem).toBe(issues.length - postMortems.length);
    await db.postMortems.delete(orphan.id);
  });
});
