import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { IssuesPage } from './pages/issues';
import { PostMortemPage } from './pages/postmortems';
import { Shell } from './pages/shell';
import { SprintsPage } from './pages/sprints';

function savedFile(dir: string, pattern: RegExp): string | undefined {
  try {
    return readdirSync(dir).find((name) => pattern.test(name));
  } catch {
    return undefined;
  }
}

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
  await expect(app.page.getByRole('button', { name: 'Export PDF' })).toBeDisabled();

  // The actions are tracked issues with their owners and due dates.
  await shell.nav('Issues').click();
  await expect(issues.row('Run ZAP on every merge request')).toContainText('Kim');
  await expect(issues.row('Add a lint rule against string-built SQL')).toContainText('P3');
});
