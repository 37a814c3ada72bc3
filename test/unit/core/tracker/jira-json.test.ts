import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TrackerFormatError } from '../../../../core/tracker/imported';
import { parseJiraJson } from '../../../../core/tracker/jira-json';
import { sharedFixture } from '../../../fixtures';

const read = (name: string) => readFileSync(sharedFixture('jira', name), 'utf8');
const options = { timeZone: 'Europe/London' };

describe('Jira REST JSON import', () => {
  it('reads the agile sprint issues (go-jira), taking the title from the changelog-less key', () => {
    const { issues, problems } = parseJiraJson(
      read('go-jira-agile-issues-in-sprint.json'),
      options,
    );
    expect(problems).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      trackerKey: 'AR-86',
      trackerUrl: 'https://example.atlassian.net/browse/AR-86',
      title: 'AR-86 (no summary in Jira)',
      priority: 'P2', // Major
      severity: 'high',
      status: 'open', // Ready
      owner: 'mister Morris',
      raisedAt: '2015-12-02T15:39:15.000Z',
      resolvedAt: null,
      dueAt: null,
      dueDate: null,
    });
  });

  it('takes the latest summary from the changelog when the fields have none', () => {
    const { issues } = parseJiraJson(read('go-jira-issues-in-sprint-with-changelog.json'), options);
    expect(issues[0]?.title).toBe("A task that doesn't need to be done.");
  });

  it('reads the FIWARE search page: an open and a closed issue', () => {
    const { issues, problems } = parseJiraJson(read('perceval-jira-search-page1-fiware.json'), {
      ...options,
      fields: read('perceval-jira-fields.json'),
    });
    expect(problems).toEqual([]);
    expect(
      issues.map((issue) => [issue.trackerKey, issue.status, issue.priority, issue.owner]),
    ).toEqual([
      ['HELP-6043', 'open', 'P2', 'User1'],
      ['HELP-6042', 'closed', 'P2', 'User1'],
    ]);
    expect(issues[0]).toMatchObject({
      title: '[Fiware-lab-help] FIWARE Lab Assistance',
      trackerUrl: 'https://jira.fiware.org/browse/HELP-6043',
      raisedAt: '2016-03-03T13:40:01.000Z',
    });
    expect(issues[1]).toMatchObject({
      title: 'HELP-6042 (no summary in Jira)',
      resolvedAt: '2016-03-03T14:30:17.000Z',
      closeReason: 'Closed in Jira (Done)',
    });
  });

  it('reads severity and controls from custom fields named in the field list, and ADF descriptions', () => {
    const fields = JSON.stringify([
      { id: 'customfield_1', name: 'Severity' },
      { id: 'customfield_2', name: 'Controls' },
    ]);
    const issue = {
      key: 'SEC-7',
      fields: {
        summary: 'Session fixation',
        description: {
          type: 'doc',
          content: [
            {
              type: 'paragraph',
              content: [
                { type: 'text', text: 'Login keeps the' },
                { type: 'text', text: ' old session id.' },
              ],
            },
            { type: 'paragraph', content: [{ type: 'text', text: '<script>alert(1)</script>' }] },
          ],
        },
        priority: { name: 'Highest' },
        status: { name: 'Doing', statusCategory: { key: 'indeterminate' } },
        created: '2026-11-23T09:00:00.000+0100',
        duedate: '2026-11-24',
        customfield_1: { value: 'Critical' },
        customfield_2: 'nist-sp-800-53-rev5#sc-23, owasp-asvs#V3.2.1',
        labels: ['control:iso-27001-2022#A.8.5'],
      },
    };
    const { issues } = parseJiraJson(JSON.stringify({ issues: [issue] }), { ...options, fields });
    expect(issues[0]).toMatchObject({
      priority: 'P1',
      severity: 'critical',
      status: 'in-progress',
      raisedAt: '2026-11-23T08:00:00.000Z',
      dueDate: '2026-11-24',
      description: 'Login keeps the old session id.\n\n<script>alert(1)</script>',
      controlRefs: ['nist-sp-800-53-rev5#sc-23', 'owasp-asvs#V3.2.1', 'iso-27001-2022#A.8.5'],
    });
  });

  it('reports unreadable issues by path and keeps the others', () => {
    const text = JSON.stringify({
      issues: [
        { key: 'OK-1', fields: { summary: 'fine', created: '2026-11-23T09:00:00Z' } },
        { key: 'BAD-2', fields: { summary: 'no date' } },
        { key: 'BAD-3', fields: { summary: 'odd date', created: 'yesterday' } },
      ],
    });
    const { issues, problems } = parseJiraJson(text, options);
    expect(issues.map((issue) => issue.trackerKey)).toEqual(['OK-1']);
    expect(problems[0]?.where).toBe('issues.1.fields.created');
    expect(problems[1]).toMatchObject({ where: 'issues.2 (BAD-3)' });
    expect(problems[1]?.message).toContain('raisedAt');
  });

  it('explains malformed JSON with its line and column, and refuses what is not a Jira export', () => {
    expect(() => parseJiraJson('{\n  "issues": [\n    {"key": }\n]}', options)).toThrow(
      /not valid JSON at line 3, column 13: value expected/,
    );
    expect(() => parseJiraJson('{"hello": 1}', options)).toThrow(TrackerFormatError);
    expect(() => parseJiraJson('x'.repeat(32 * 1024 * 1024 + 1), options)).toThrow(
      'larger than 32 MiB',
    );
  });
});
