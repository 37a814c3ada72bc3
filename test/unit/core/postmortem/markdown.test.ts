import { describe, expect, it } from 'vitest';
import { buildPostMortemDocument } from '../../../../core/postmortem/document';
import { markdownFileName, renderMarkdown } from '../../../../core/postmortem/markdown';
import { PostMortem } from '../../../../core/model';
import { WORKSPACE, raised } from '../issues/support';

const issue = raised('2026-11-23T09:00:00Z', {
  title: 'SQL injection in search',
  priority: 'P1',
  trackerKey: 'APP-12',
  trackerUrl: 'https://jira.example/browse/APP-12',
});
const actionIssueId = crypto.randomUUID();
const postMortem = PostMortem.parse({
  id: crypto.randomUUID(),
  workspaceId: WORKSPACE,
  issueId: issue.id,
  title: 'SQL injection in search',
  summary:
    'The search endpoint built SQL by string concatenation.\n\n- found by ZAP\n- fixed in 3 hours',
  impact: 'No evidence of exploitation. <script>alert(1)</script>',
  detection: 'Nightly ZAP scan, rule 40018.',
  contributingFactors: 'No parameterised-query helper in the legacy module | no lint rule.',
  wentWell: '',
  wasHard: 'Reproducing locally.',
  lessons: 'Use the query builder everywhere.',
  failedControls: ['nist-sp-800-53-rev5#si-10', 'owasp-asvs#V5.3.4'],
  timeline: [
    {
      id: crypto.randomUUID(),
      at: '2026-11-23T10:15:00.000Z',
      text: 'Fix deployed | verified by rescan',
    },
    { id: crypto.randomUUID(), at: '2026-11-23T07:02:00.000Z', text: 'ZAP reports SQL injection' },
  ],
  actionItems: [
    {
      id: crypto.randomUUID(),
      title: 'Add a lint rule against string-built SQL',
      owner: 'Platform team',
      dueDate: '2026-12-04',
      issueId: actionIssueId,
    },
    {
      id: crypto.randomUUID(),
      title: 'Run ZAP on every merge',
      owner: 'Kim',
      dueDate: '2026-12-11',
      issueId: null,
    },
  ],
  createdAt: '2026-11-23T12:00:00.000Z',
  updatedAt: '2026-11-24T12:00:00.000Z',
});

describe('post-mortem Markdown', () => {
  const markdown = renderMarkdown(
    buildPostMortemDocument(
      postMortem,
      issue,
      new Map([[actionIssueId, { key: 'SEC-9', status: 'open' as const }]]),
      'Europe/London',
    ),
  );

  it('follows the blameless template, in order', () => {
    const headings = markdown.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual([
      '## Summary',
      '## Impact',
      '## Timeline',
      '## Detection',
      '## Contributing factors',
      '## What went well',
      '## What was hard',
      '## Lessons',
      '## Action items',
      '## Controls that failed',
    ]);
    expect(markdown.startsWith('# Post-mortem: SQL injection in search\n')).toBe(true);
    expect(markdown).toContain('- **Issue:** SEC-');
    expect(markdown).toContain('- **Tracker:** https://jira.example/browse/APP-12');
  });

  it('orders the timeline and gives each entry a local time with its offset', () => {
    const first = markdown.indexOf('| 2026-11-23 07:02 +00:00 | ZAP reports SQL injection |');
    const second = markdown.indexOf(
      '| 2026-11-23 10:15 +00:00 | Fix deployed \\| verified by rescan |',
    );
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
  });

  it('lists actions with owner, due date and the issue tracking them', () => {
    expect(markdown).toContain(
      '| Add a lint rule against string-built SQL | Platform team | 2026-12-04 | SEC-9 | open |',
    );
    expect(markdown).toContain('| Run ZAP on every merge | Kim | 2026-12-11 | — | — |');
    expect(markdown).toContain('- nist-sp-800-53-rev5#si-10\n- owasp-asvs#V5.3.4');
  });

  it('keeps authors’ Markdown but never passes HTML through', () => {
    expect(markdown).toContain('- found by ZAP\n- fixed in 3 hours');
    expect(markdown).toContain('&lt;script>alert(1)&lt;/script>');
    expect(markdown).not.toContain('<script>');
    expect(markdown).toContain('## What went well\n\n_Not written yet._');
  });

  it('names the file after the issue and title', () => {
    expect(markdownFileName('SEC-12', 'SQL injection in search!')).toBe(
      'postmortem-sec-12-sql-injection-in-search.md',
    );
    expect(markdownFileName('SEC-3', '!!!')).toBe('postmortem-sec-3.md');
  });
});
