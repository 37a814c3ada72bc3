import { describe, expect, it } from 'vitest';
import { TEAM_YEAR, generateLedger } from '../../../../bench/ledger/generate';
import type { AuditEntry } from '../../../../core/audit/chain';
import {
  EMPTY_HEAD,
  compareStates,
  expectedStates,
  verifyChain,
} from '../../../../core/audit/chain';
import { SecurityIssue } from '../../../../core/model/issue';
import { PostMortem } from '../../../../core/model/postmortem';

/** A team-year of the benchmark's ledger, its records by table and its log. */
function year() {
  const entries: AuditEntry[] = [];
  const tables = new Map<string, { id?: string; key?: string }[]>();
  const batches = generateLedger(1, { start: EMPTY_HEAD, actor: 'Kim Ito' });
  let step = batches.next();
  for (; !step.done; step = batches.next()) {
    if (step.value.table === 'auditLog') entries.push(...(step.value.rows as AuditEntry[]));
    else
      tables.set(step.value.table, [
        ...(tables.get(step.value.table) ?? []),
        ...(step.value.rows as { id?: string }[]),
      ]);
  }
  return { entries, tables, head: step.value };
}

describe('the ledger generator', () => {
  const { entries, tables, head } = year();
  const issues = (tables.get('issues') ?? []).map((row) => SecurityIssue.parse(row));
  const postMortems = (tables.get('postMortems') ?? []).map((row) => PostMortem.parse(row));

  it('makes a team-year of issues across priorities and the workflow, a post-mortem per P1', () => {
    expect(issues).toHaveLength(TEAM_YEAR.issues);
    expect(new Set(issues.map((issue) => issue.number)).size).toBe(TEAM_YEAR.issues);
    const ofPriority = (priority: string) => issues.filter((issue) => issue.priority === priority);
    expect(ofPriority('P1')).toHaveLength(6);
    expect(ofPriority('P2')).toHaveLength(30);
    expect(ofPriority('P3')).toHaveLength(66);
    expect(ofPriority('P4')).toHaveLength(48);
    const statuses = new Set(issues.map((issue) => issue.status));
    expect([...statuses].sort()).toEqual(
      ['closed', 'fixed', 'in-progress', 'open', 'risk-accepted', 'verified'].sort(),
    );
    // Some open work is past due by the day the benchmark runs.
    const overdue = issues.filter(
      (issue) =>
        issue.resolvedAt === null &&
        issue.status !== 'risk-accepted' &&
        Date.parse(issue.dueAt) < Date.parse('2026-11-27T12:00:00Z'),
    );
    expect(overdue.length).toBeGreaterThan(0);
    expect(postMortems).toHaveLength(TEAM_YEAR.postMortems);
    const p1 = new Set(ofPriority('P1').map((issue) => issue.id));
    for (const postMortem of postMortems) {
      expect(p1.has(postMortem.issueId)).toBe(true);
      // Its action is tracked as an issue raised from it.
      const action = issues.find((issue) => issue.id === postMortem.actionItems[0]?.issueId);
      expect(action?.source).toEqual({ kind: 'post-mortem-action', postMortemId: postMortem.id });
    }
  });

  it('logs every change, so the chain verifies and every stored record is what the log says', () => {
    expect(head.seq).toBe(entries.length);
    expect(verifyChain(entries).ok).toBe(true);
    const stored = [...tables].flatMap(([entity, rows]) =>
      rows.map((value) => ({ entity, key: value.id ?? value.key, value })),
    );
    expect(compareStates(expectedStates(entries), stored)).toEqual([]);
    const issueChanges = entries.filter((entry) => entry.entity === 'issues');
    expect(issueChanges.filter((entry) => entry.op === 'update').length).toBeGreaterThan(300);
  });

  it('gives the same bytes every time', () => {
    const again = year();
    expect(again.head).toEqual(head);
  });
});
