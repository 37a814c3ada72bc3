import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { savedFile } from './pages/files';
import { IssuesPage } from './pages/issues';
import { PostMortemPage } from './pages/postmortems';
import { Shell } from './pages/shell';
import { SprintsPage } from './pages/sprints';
import { sharedFixture } from '../fixtures';

test('raises a P1 by keyboard, shows its clock, writes its post-mortem with two actions and exports Markdown', async ({
  app,
}) => {
  const shell = new Shell(app.page);
  const issues = new IssuesPage(app.page);
  const postMortem = new PostMortemPage(app.page);
  await new SprintsPage(app.page).createFirstWorkspace('Payments platform');
  await shell.nav('Issues').click();
  await expect(shell.heading('Security issues')).toBeVisible();

  await app.page.keyboard.press('Alt+Shift+1');
  await expect(issues.raiseDialog.getByLabel('Title')).toBeFocused();
  await expect(issues.raiseDialog.getByRole('radio', { name: /P1/ })).toBeChecked();
  await app.page.keyboard.type('SQL injection in card search');
  await issues.raiseDialog.getByLabel('Owner').fill('Checkout team');
  await issues.raiseDialog.getByLabel('Description').fill('ZAP rule 40018 on /search?q=');
  await issues.raiseDialog.getByLabel('Controls').fill('owasp-asvs#V5.3.4');
  await app.screenshot('issues-raise-dialog');
  await app.page.keyboard.press('Control+Enter');
  await expect(issues.raiseDialog).toBeHidden();

  const clock = issues.clockOf('SQL injection in card search');
  await expect(clock).toHaveAttribute('data-state', 'on-track');
  await expect(clock).toContainText(/On track\s*2[34]h \d\dm left/);
  await expect(issues.row('SQL injection in card search')).toContainText('P1');
  await app.screenshot('issues-p1-raised');

  await issues.open('SQL injection in card search');
  await expect(issues.detailClock).toContainText(/2[34]h \d\dm left/);
  await app.page.getByRole('button', { name: 'Write post-mortem' }).click();
  await expect(shell.heading('Post-mortems')).toBeVisible();
  await expect(postMortem.field('Title')).toHaveValue('SQL injection in card search');

  await postMortem
    .field('Summary')
    .fill('The card search built SQL by concatenating the query string.');
  await postMortem.field('Contributing factors').fill('Bob forgot to use the query builder.');
  await expect(postMortem.blameHints).toContainText('“Bob forgot”');
  await postMortem
    .field('Contributing factors')
    .fill(
      'The legacy search module had no query builder and no lint rule against string-built SQL.',
    );
  await expect(postMortem.blameHints).toBeHidden();
  await postMortem.field('Impact').fill('No sign of exploitation in the access logs.');
  await postMortem.field('Detection').fill('Nightly ZAP baseline scan.');
  await app.page.keyboard.press('Control+S');
  await expect(postMortem.narrative.getByRole('status')).toHaveText('Saved');

  await postMortem.addTimelineEntry('2026-11-23T07:02', 'ZAP reports SQL injection on /search');
  await expect(app.page.getByRole('list', { name: 'Timeline entries' })).toContainText(
    '2026-11-23 07:02 +00:00',
  );
  await postMortem.addAction(
    'Add a lint rule against string-built SQL',
    'Platform team',
    '2026-12-04',
  );
  await postMortem.addAction('Run ZAP on every merge request', 'Kim', '2026-12-11');
  await expect(postMortem.actionRow('Add a lint rule against string-built SQL')).toContainText(
    'SEC-2',
  );
  await expect(postMortem.actionRow('Run ZAP on every merge request')).toContainText('SEC-3');
  await app.screenshot('postmortem-editor');

  await app.page.getByRole('button', { name: 'Export Markdown' }).click();
  await expect
    .poll(() => savedFile(app.downloadsDir, /^postmortem-sec-1-.*\.md$/), {
      message: 'the Markdown file is saved',
    })
    .toBeDefined();
  const file = savedFile(app.downloadsDir, /^postmortem-sec-1-.*\.md$/) ?? '';
  expect(file).toBe('postmortem-sec-1-sql-injection-in-card-search.md');
  const markdown = readFileSync(path.join(app.downloadsDir, file), 'utf8');
  expect(markdown).toContain('# Post-mortem: SQL injection in card search');
  expect(markdown).toContain(
    '## Contributing factors\n\nThe legacy search module had no query builder',
  );
  expect(markdown).toContain('| 2026-11-23 07:02 +00:00 | ZAP reports SQL injection on /search |');
  expect(markdown).toContain(
    '| Add a lint rule against string-built SQL | Platform team | 2026-12-04 | SEC-2 | open |',
  );
  expect(markdown).toContain(
    '| Run ZAP on every merge request | Kim | 2026-12-11 | SEC-3 | open |',
  );
  expect(markdown).toContain('- owasp-asvs#V5.3.4');
  // The signed PDF goes through the report pipeline (report-export.spec.ts).
  await expect(app.page.getByRole('button', { name: 'Export signed PDF' })).toBeEnabled();

  // The actions are tracked issues with their owners and due dates.
  await shell.nav('Issues').click();
  await expect(issues.row('Run ZAP on every merge request')).toContainText('Kim');
  await expect(issues.row('Add a lint rule against string-built SQL')).toContainText('P3');
});

test('imports Jira issues, exports them as CSV for Jira, and keeps them across a restart', async ({
  app,
}) => {
  const shell = new Shell(app.page);
  const issues = new IssuesPage(app.page);
  await new SprintsPage(app.page).createFirstWorkspace('Help desk');
  await shell.nav('Issues').click();
  await app.page.getByRole('button', { name: 'Import from Jira' }).click();
  await issues.importDialog
    .getByLabel('Jira export (JSON or CSV)')
    .setInputFiles(sharedFixture('jira', 'perceval-jira-search-page1-fiware.json'));
  await issues.importDialog
    .getByLabel(/^Field list/)
    .setInputFiles(sharedFixture('jira', 'perceval-jira-fields.json'));
  await expect(issues.importDialog.getByRole('status')).toContainText('2 issues ready to import');
  await issues.importDialog.getByRole('button', { name: 'Import 2 issues' }).click();
  await expect(issues.importDialog).toBeHidden();

  await expect(issues.row('[Fiware-lab-help] FIWARE Lab Assistance')).toContainText('User1');
  await expect(issues.clockOf('[Fiware-lab-help] FIWARE Lab Assistance')).toHaveAttribute(
    'data-state',
    'breached',
  );
  await app.page.getByLabel('Show').selectOption('all');
  await expect(issues.row('HELP-6042 (no summary in Jira)')).toContainText('Closed');

  await app.page.getByRole('button', { name: 'Export CSV' }).click();
  await expect.poll(() => savedFile(app.downloadsDir, /^security-issues-.*\.csv$/)).toBeDefined();
  const csv = readFileSync(
    path.join(app.downloadsDir, savedFile(app.downloadsDir, /\.csv$/) ?? ''),
    'utf8',
  );
  const [header, ...rows] = csv.trim().split('\r\n');
  expect(header).toMatch(
    /^Summary,Issue key,Issue Type,Priority,Status,Assignee,Description,Due date,Created,Resolved,Labels,Labels,Labels,/,
  );
  expect(rows).toHaveLength(2);
  expect(rows.join('\n')).toContain('HELP-6043,Bug,High,Open,User1');

  await app.restart();
  await new Shell(app.page).nav('Issues').click();
  await expect(
    new IssuesPage(app.page).row('[Fiware-lab-help] FIWARE Lab Assistance'),
  ).toBeVisible();
  await app.screenshot('issues-imported-from-jira');
});

test.describe('in the dark theme', () => {
  test.use({ systemTheme: 'dark' });

  test('a breached issue shows its clock, SLA history and workflow actions', async ({ app }) => {
    const shell = new Shell(app.page);
    const issues = new IssuesPage(app.page);
    await new SprintsPage(app.page).createFirstWorkspace('Help desk');
    await shell.nav('Issues').click();
    await app.page.getByRole('button', { name: 'Import from Jira' }).click();
    await issues.importDialog
      .getByLabel('Jira export (JSON or CSV)')
      .setInputFiles(sharedFixture('jira', 'go-jira-issues-in-sprint-with-changelog.json'));
    await issues.importDialog.getByRole('button', { name: 'Import 1 issue' }).click();
    await issues.open("A task that doesn't need to be done.");
    await expect(issues.detailClock).toHaveAttribute('data-state', 'breached');
    await expect(issues.detailClock).toContainText(/breached \d+d \d+h ago/);
    await expect(app.page.getByRole('table', { name: 'SLA history' })).toContainText('Breached');
    await app.page.getByRole('button', { name: 'Start work' }).click();
    await expect(app.page.getByRole('group', { name: 'Change status' })).toContainText(
      'Mark fixed',
    );
    await app.screenshot('issue-detail-dark');
  });
});
