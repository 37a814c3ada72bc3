import { readFileSync } from 'node:fs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findingFingerprint } from '../../../../core/model';
import { db } from '../../../../renderer/src/db';
import {
  changeIssueStatus,
  raiseIssue,
  reopenExpiredRiskAcceptances,
  saveSlaPolicy,
} from '../../../../renderer/src/features/issues/commands';
import {
  exportIssuesCsv,
  importTrackerIssues,
  readTrackerFile,
} from '../../../../renderer/src/features/issues/tracker';
import { ValidationError } from '../../../../renderer/src/lib/validation';
import {
  createSprint,
  deleteSprint,
  deleteWorkspace,
} from '../../../../renderer/src/features/workspaces/commands';
import {
  addActionItem,
  startPostMortem,
} from '../../../../renderer/src/features/postmortems/commands';
import {
  EXPORT_FORMATS,
  exportPostMortem,
} from '../../../../renderer/src/features/postmortems/export';
import { sharedFixture } from '../../../fixtures';
import { freshDatabase, installFakeHost, savedFiles, workspace } from './support';

const fingerprint = findingFingerprint('zap', { site: 'http://bodgeit:8080', alertRef: '40018' });
const finding = (evidenceId: string) => ({
  kind: 'evidence-finding' as const,
  evidenceId,
  fingerprint,
  sourceKey: 'zap|bodgeit',
  observedAt: '2026-11-23T06:00:00.000Z',
  ruleId: '40018',
});

beforeAll(installFakeHost);
beforeEach(freshDatabase);

describe('raiseIssue', () => {
  it('numbers issues per workspace, runs the clock on the workspace policy and audits the write', async () => {
    const workspaceId = await workspace();
    await saveSlaPolicy(workspaceId, {
      timeZone: 'Asia/Tokyo',
      workingDays: [1, 2, 3, 4, 5],
      endOfWorkingDay: '18:00',
      p1Hours: 4,
      p3Days: 30,
      p4Days: 90,
      atRiskPercent: 25,
    });
    const first = await raiseIssue({ workspaceId, title: 'Open redirect', priority: 'P2' });
    const second = await raiseIssue({ workspaceId, title: 'XSS', priority: 'P1' });
    expect([first.issue.number, second.issue.number]).toEqual([1, 2]);
    expect(Date.parse(second.issue.dueAt) - Date.parse(second.issue.raisedAt)).toBe(4 * 3_600_000);
    expect(
      new Date(first.issue.dueAt).toLocaleString('en-GB', {
        timeZone: 'Asia/Tokyo',
        weekday: 'long',
        hour: 'numeric',
      }),
    ).toMatch(/^Friday(,| at) 18$/);
    const audit = await db.auditLog.where('entity').equals('issues').toArray();
    expect(audit.map((entry) => entry.op)).toEqual(['create', 'create']);
  });

  it('deduplicates by finding fingerprint, linking the new evidence to the open issue', async () => {
    const workspaceId = await workspace();
    const first = await raiseIssue({
      workspaceId,
      title: 'SQL injection',
      priority: 'P1',
      source: finding('evidence-1'),
    });
    const again = await raiseIssue({
      workspaceId,
      title: 'SQL Injection (again)',
      priority: 'P2',
      source: finding('evidence-2'),
    });
    expect(again.created).toBe(false);
    expect(again.issue.id).toBe(first.issue.id);
    expect(again.issue.links.evidenceIds).toEqual(['evidence-1', 'evidence-2']);
    expect(await db.issues.count()).toBe(1);

    const otherWorkspace = await workspace('Other');
    expect(
      (
        await raiseIssue({
          workspaceId: otherWorkspace,
          title: 'SQL injection',
          priority: 'P1',
          source: finding('evidence-3'),
        })
      ).created,
    ).toBe(true);

    await changeIssueStatus(first.issue.id, { to: 'closed', reason: 'Endpoint removed' });
    const regression = await raiseIssue({
      workspaceId,
      title: 'SQL injection is back',
      priority: 'P1',
      source: finding('evidence-4'),
    });
    expect(regression.created).toBe(true);
  });

  it('refuses invalid drafts with field messages and unknown workspaces', async () => {
    const workspaceId = await workspace();
    await expect(raiseIssue({ workspaceId, title: ' ', priority: 'P1' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(
      raiseIssue({ workspaceId, title: 'x', priority: 'P1', controlRefs: ['not a ref'] }),
    ).rejects.toMatchObject({
      fieldErrors: { 'controlRefs.0': expect.stringContaining('control reference') as unknown },
    });
    await expect(
      raiseIssue({ workspaceId: crypto.randomUUID(), title: 'x', priority: 'P1' }),
    ).rejects.toThrow('no longer exists');
    expect(await db.issues.count()).toBe(0);
  });
});

describe('workflow through commands', () => {
  it('refuses to close without verification or reason and leaves the issue as it was', async () => {
    const workspaceId = await workspace();
    const { issue } = await raiseIssue({ workspaceId, title: 'Weak TLS', priority: 'P2' });
    await expect(changeIssueStatus(issue.id, { to: 'closed' })).rejects.toThrow('needs a reason');
    expect((await db.issues.get(issue.id))?.status).toBe('open');
  });

  it('reopens expired risk acceptances by itself, labelled in the audit log', async () => {
    const workspaceId = await workspace();
    const { issue } = await raiseIssue({ workspaceId, title: 'Old jQuery', priority: 'P3' });
    await changeIssueStatus(issue.id, {
      to: 'risk-accepted',
      approver: 'Dana',
      reason: 'Not reachable',
      expiresOn: '2099-12-31',
    });
    expect(await reopenExpiredRiskAcceptances(Date.parse('2099-12-30T00:00:00Z'))).toBe(0);
    expect(await reopenExpiredRiskAcceptances(Date.parse('2100-01-02T00:00:00Z'))).toBe(1);
    const reopened = await db.issues.get(issue.id);
    expect(reopened?.status).toBe('open');
    const last = await db.auditLog.orderBy('seq').last();
    expect(last).toMatchObject({ entity: 'issues', action: 'risk-expired' });
  });
});

describe('Jira import and export', () => {
  const read = (name: string) => readFileSync(sharedFixture('jira', name), 'utf8');

  it('imports the fixture once; importing again changes nothing', async () => {
    const workspaceId = await workspace();
    const parsed = readTrackerFile(
      { name: 'search.json', text: read('perceval-jira-search-page1-fiware.json') },
      'Europe/London',
    );
    expect(await importTrackerIssues(workspaceId, parsed.issues)).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(await importTrackerIssues(workspaceId, parsed.issues)).toEqual({
      created: 0,
      updated: 0,
      unchanged: 2,
    });
    const stored = await db.issues.where('workspaceId').equals(workspaceId).sortBy('number');
    expect(stored.map((issue) => [issue.number, issue.trackerKey, issue.status])).toEqual([
      [1, 'HELP-6043', 'open'],
      [2, 'HELP-6042', 'closed'],
    ]);
    const labels = await db.auditLog.where('entity').equals('issues').toArray();
    expect(labels.every((entry) => entry.action === 'import')).toBe(true);
  });

  it('exports CSV that re-imports onto the same issues without a change', async () => {
    const workspaceId = await workspace();
    await raiseIssue({ workspaceId, title: '=cmd|calc', priority: 'P1', owner: 'Kim' });
    const { issue } = await raiseIssue({ workspaceId, title: 'Verbose errors', priority: 'P3' });
    await changeIssueStatus(issue.id, { to: 'fixed' });
    expect(await exportIssuesCsv(workspaceId)).toMatch(
      /^\/downloads\/security-issues-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const csv = savedFiles[0]?.text ?? '';
    expect(csv.split('\r\n')[1]).toMatch(/^'=cmd\|calc,/);
    const parsed = readTrackerFile({ name: 'export.csv', text: csv }, 'Europe/London');
    expect(parsed.problems).toEqual([]);
    expect(await importTrackerIssues(workspaceId, parsed.issues)).toEqual({
      created: 0,
      updated: 0,
      unchanged: 2,
    });
  });

  it('stores nothing when the import cannot complete', async () => {
    const workspaceId = await workspace();
    const parsed = readTrackerFile(
      { name: 'sprint.json', text: read('go-jira-agile-issues-in-sprint.json') },
      'UTC',
    );
    await deleteWorkspace(workspaceId);
    await expect(importTrackerIssues(workspaceId, parsed.issues)).rejects.toThrow(
      'no longer exists',
    );
    expect(await db.issues.count()).toBe(0);
  });
});

describe('post-mortems', () => {
  it('turns each action into an issue with its owner and due date, and exports Markdown', async () => {
    const workspaceId = await workspace();
    const { issue } = await raiseIssue({
      workspaceId,
      title: 'Leaked token',
      priority: 'P1',
      controlRefs: ['owasp-asvs#V2.10.4'],
    });
    const postMortem = await startPostMortem(issue.id);
    expect(await startPostMortem(issue.id)).toEqual(postMortem);
    expect(postMortem.timeline).toHaveLength(1);
    await addActionItem(postMortem.id, {
      title: 'Rotate tokens automatically',
      owner: 'Platform',
      dueDate: '2026-12-04',
    });
    const stored = await db.postMortems.get(postMortem.id);
    const actionIssue = await db.issues.get(stored?.actionItems[0]?.issueId ?? '');
    expect(actionIssue).toMatchObject({
      owner: 'Platform',
      priority: 'P3',
      source: { kind: 'post-mortem-action', postMortemId: postMortem.id },
      controlRefs: ['owasp-asvs#V2.10.4'],
    });
    expect(actionIssue?.slaHistory[0]?.reason).toBe('due-date-set');
    await expect(
      addActionItem(postMortem.id, { title: 'x', owner: '', dueDate: '2026-12-04' }),
    ).rejects.toBeInstanceOf(ValidationError);

    expect(await exportPostMortem(postMortem.id, 'markdown')).toBe(
      '/downloads/postmortem-sec-1-leaked-token.md',
    );
    expect(savedFiles[0]?.text).toContain(
      '| Rotate tokens automatically | Platform | 2026-12-04 | SEC-2 | open |',
    );
    // PDF goes through the signed report pipeline (test/unit/renderer/report-contributors.test.ts).
    expect(EXPORT_FORMATS.find((format) => format.id === 'pdf')?.kind).toBe('signed-report');
  });

  it('keeps issues when their sprint is deleted; deleting the workspace removes everything', async () => {
    const workspaceId = await workspace();
    const sprint = await createSprint(workspaceId, {
      name: 'Sprint 1',
      startDate: '2026-11-16',
      endDate: '2026-11-27',
    });
    const { issue } = await raiseIssue({
      workspaceId,
      sprintId: sprint.id,
      title: 'CSRF',
      priority: 'P2',
    });
    await startPostMortem(issue.id);
    await deleteSprint(sprint.id);
    expect(await db.issues.count()).toBe(1);
    await deleteWorkspace(workspaceId);
    expect([
      await db.issues.count(),
      await db.postMortems.count(),
      await db.slaPolicies.count(),
    ]).toEqual([0, 0, 0]);
  });
});
