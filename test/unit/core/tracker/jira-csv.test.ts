import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { changeStatus } from '../../../../core/issues/workflow';
import { SecurityIssue } from '../../../../core/model';
import { applyImported } from '../../../../core/tracker/apply';
import { parseTrackerDate } from '../../../../core/tracker/dates';
import { exportJiraCsv, importedFromIssue, parseJiraCsv } from '../../../../core/tracker/jira-csv';
import { LONDON, WORKSPACE, raised } from '../issues/support';

const tz = { timeZone: 'Europe/London' };
const ctx = (iso: string) => ({ now: Date.parse(iso), actor: 'bob', policy: LONDON });

function sampleIssues(): SecurityIssue[] {
  const open = raised('2026-11-23T09:00:00Z', {
    title: '=HYPERLINK("http://evil.example","click")',
    description: 'Line one, with "quotes"\nLine two; <b>not html</b>\n- a list item',
    priority: 'P1',
    owner: 'Ana María',
    controlRefs: ['nist-sp-800-53-rev5#si-10', 'owasp-asvs#V5.1.1'],
    trackerKey: 'SEC-101',
    trackerUrl: 'https://jira.example/browse/SEC-101',
  });
  const closed = changeStatus(
    changeStatus(
      raised('2026-11-02T10:00:00Z', { title: '-1 day rounding', severity: 'low', priority: 'P4' }),
      { to: 'fixed' },
      ctx('2026-11-05T10:00:00Z'),
    ),
    { to: 'closed', reason: "Won't fix: the endpoint is retired" },
    ctx('2026-11-06T10:00:00Z'),
  );
  const verifiedClosed = changeStatus(
    changeStatus(
      changeStatus(
        raised('2026-11-02T10:00:00Z', { priority: 'P2' }),
        { to: 'fixed' },
        ctx('2026-11-03T10:00:00Z'),
      ),
      { to: 'verified' },
      ctx('2026-11-04T10:00:00Z'),
    ),
    { to: 'closed' },
    ctx('2026-11-04T11:00:00Z'),
  );
  const accepted = changeStatus(
    raised('2026-11-10T10:00:00Z', {
      title: "'quoted' title",
      priority: 'P3',
      dueDate: '2026-12-18',
    }),
    {
      to: 'risk-accepted',
      approver: 'Dana',
      reason: 'WAF rule 942100 in place',
      expiresOn: '2027-03-31',
    },
    ctx('2026-11-11T10:00:00Z'),
  );
  const inProgress = changeStatus(
    raised('2026-11-24T16:30:00Z', { title: '@mention injection' }),
    { to: 'in-progress' },
    ctx('2026-11-25T10:00:00Z'),
  );
  return [open, closed, verifiedClosed, accepted, inProgress].map((issue) =>
    SecurityIssue.parse(issue),
  );
}

describe('CSV export for Jira', () => {
  it('writes Jira-named columns, repeated Labels, ISO dates, and no live formulas', () => {
    const csv = exportJiraCsv(sampleIssues());
    const rows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
    const [headers = [], first = []] = rows;
    expect(headers.slice(0, 10)).toEqual([
      'Summary',
      'Issue key',
      'Issue Type',
      'Priority',
      'Status',
      'Assignee',
      'Description',
      'Due date',
      'Created',
      'Resolved',
    ]);
    expect(headers.filter((header) => header === 'Labels')).toHaveLength(3);
    expect(first[0]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(first[3]).toBe('Highest');
    expect(first[8]).toBe('2026-11-23T09:00:00.000Z');
    for (const row of rows.slice(1)) {
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(rows).toHaveLength(6);
  });

  it('guards every line of a multi-line cell and still re-imports it unchanged', () => {
    const payload = "Steps to reproduce:\n=cmd|' /C calc'!A0\r\n@SUM(1+9)*cmd|' /C calc'!A0\r-2+3";
    const [issue] = sampleIssues();
    const issues = [
      SecurityIssue.parse({ ...issue, description: payload, owner: '+44 20 7946 0000' }),
    ];
    const csv = exportJiraCsv(issues);
    const cells = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data.flat();
    for (const line of cells.flatMap((cell) => cell.split(/\r\n|\r|\n/)))
      expect(line).not.toMatch(/^[=+\-@\t\r]/);
    const { issues: imported } = parseJiraCsv(csv, tz);
    expect(imported[0]?.description).toBe(payload);
    expect(imported[0]?.owner).toBe('+44 20 7946 0000');
  });

  it('re-imports to the same data', () => {
    const issues = sampleIssues();
    const { issues: imported, problems } = parseJiraCsv(exportJiraCsv(issues), tz);
    expect(problems).toEqual([]);
    expect(imported).toEqual(issues.map((issue) => importedFromIssue(issue)));
  });

  it('re-importing onto the same issues changes nothing; into a new workspace rebuilds them', () => {
    const issues = sampleIssues();
    const { issues: imported } = parseJiraCsv(exportJiraCsv(issues), tz);
    let number = 100;
    const context = {
      workspaceId: WORKSPACE,
      now: Date.parse('2026-11-26T12:00:00Z'),
      actor: 'carol',
      policy: LONDON,
      newId: () => crypto.randomUUID(),
      nextNumber: () => ++number,
    };
    imported.forEach((row, index) => {
      expect(applyImported(row, issues[index], context).kind).toBe('unchanged');
    });
    const rebuilt = imported.map((row) =>
      applyImported({ ...row, ledgerId: null }, undefined, context),
    );
    for (const [index, outcome] of rebuilt.entries()) {
      expect(outcome.kind).toBe('created');
      expect(SecurityIssue.safeParse(outcome.issue).success).toBe(true);
      expect({ ...importedFromIssue(outcome.issue), ledgerId: null }).toEqual({
        ...imported[index],
        ledgerId: null,
      });
    }
  });

  it('updates an existing issue from a changed row and keeps its history', () => {
    const [issue] = sampleIssues();
    if (!issue) throw new Error('no sample');
    const row = {
      ...importedFromIssue(issue),
      status: 'fixed' as const,
      resolvedAt: '2026-11-24T08:00:00.000Z',
      priority: 'P2' as const,
      dueAt: null,
    };
    const context = {
      workspaceId: WORKSPACE,
      now: Date.parse('2026-11-26T12:00:00Z'),
      actor: 'carol',
      policy: LONDON,
      newId: () => crypto.randomUUID(),
      nextNumber: () => 1,
    };
    const outcome = applyImported(row, issue, context);
    expect(outcome.kind).toBe('updated');
    expect(outcome.issue.statusHistory.at(-1)).toMatchObject({
      from: 'open',
      to: 'fixed',
      note: 'Imported from the tracker',
    });
    expect(outcome.issue.resolvedAt).toBe('2026-11-24T08:00:00.000Z');
    expect(outcome.issue.slaHistory.at(-1)?.endedAt).toBe('2026-11-24T08:00:00.000Z');
    expect(SecurityIssue.safeParse(outcome.issue).success).toBe(true);

    const escalated = applyImported(
      { ...importedFromIssue(issue), priority: 'P2', dueAt: null },
      issue,
      context,
    );
    expect(escalated.issue.slaHistory.map((segment) => [segment.priority, segment.reason])).toEqual(
      [
        ['P1', 'raised'],
        ['P2', 'imported'],
      ],
    );
    expect(escalated.issue.slaHistory[0]?.endedAt).toBe('2026-11-26T12:00:00.000Z');
    expect(escalated.issue.dueAt).toBe('2026-11-27T17:00:00.000Z');
  });
});

describe('CSV import from Jira', () => {
  it('reads Jira-style exports: repeated labels, Jira dates on the workspace clock, resolution', () => {
    const csv = [
      'Summary,Issue key,Issue Type,Status,Priority,Assignee,Created,Resolved,Due Date,Labels,Labels,Resolution,Description',
      '"SQL injection in search",APP-12,Bug,Done,Critical,Kim,02/Dec/15 7:39 AM,07/Dec/15 2:19 PM,,security,severity:high,Fixed,"Found by ZAP"',
      'Weak TLS ciphers,APP-13,Bug,To Do,Minor,,26/Nov/26 6:10 PM,,04/Dec/26,control:nist-sp-800-53-rev5#sc-8,,,',
    ].join('\n');
    const { issues, problems } = parseJiraCsv(csv, tz);
    expect(problems).toEqual([]);
    expect(issues[0]).toMatchObject({
      trackerKey: 'APP-12',
      priority: 'P1',
      severity: 'high',
      status: 'closed',
      owner: 'Kim',
      raisedAt: '2015-12-02T07:39:00.000Z',
      resolvedAt: '2015-12-07T14:19:00.000Z',
      closeReason: 'Closed in Jira (Fixed)',
    });
    expect(issues[1]).toMatchObject({
      priority: 'P3',
      status: 'open',
      dueDate: '2026-12-04',
      controlRefs: ['nist-sp-800-53-rev5#sc-8'],
      raisedAt: '2026-11-26T18:10:00.000Z',
    });
  });

  it('reports bad rows by row number and keeps the good ones', () => {
    const csv =
      'Summary,Created\nGood,2026-11-23T09:00:00Z\n,2026-11-23T09:00:00Z\nNo date,someday\n';
    const { issues, problems } = parseJiraCsv(csv, tz);
    expect(issues).toHaveLength(1);
    expect(problems.map((problem) => problem.where)).toEqual(['row 3', 'row 4']);
    expect(problems[0]?.message).toContain('title');
  });

  it('refuses files without a Summary column, empty files and broken quoting', () => {
    expect(() => parseJiraCsv('Key,Status\nA-1,Open\n', tz)).toThrow('no Summary column');
    expect(() => parseJiraCsv('', tz)).toThrow('empty');
    expect(() => parseJiraCsv('Summary,Created\n"unterminated,2026-11-23\n', tz)).toThrow(
      /malformed at row/,
    );
  });
});

describe('cells and dates', () => {
  it('reads tracker dates with and without offsets', () => {
    expect(parseTrackerDate('2015-12-02T07:39:15.000-0800', 'UTC')).toEqual({
      kind: 'instant',
      iso: '2015-12-02T15:39:15.000Z',
    });
    expect(parseTrackerDate('2026-07-01 09:00', 'Europe/London')).toEqual({
      kind: 'instant',
      iso: '2026-07-01T08:00:00.000Z',
    });
    expect(parseTrackerDate('01/Jul/26 12:05 AM', 'America/New_York')).toEqual({
      kind: 'instant',
      iso: '2026-07-01T04:05:00.000Z',
    });
    expect(parseTrackerDate('2026-02-30', 'UTC')).toBeNull();
    expect(parseTrackerDate('31/Feb/26', 'UTC')).toBeNull();
    expect(parseTrackerDate('soon', 'UTC')).toBeNull();
  });
});
