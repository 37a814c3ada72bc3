import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { savedFile } from './pages/files';
import { DemosPage } from './pages/demos';
import { IssuesPage } from './pages/issues';
import { PostMortemPage } from './pages/postmortems';
import { Shell } from './pages/shell';

const V124 = 'owasp-asvs#V1.2.4';
const TITLE = `PAY-150 Card search: ${V124} not met`;

test('raise a P1 from a demo item, see its clock, write its post-mortem with two actions, export the Markdown', async ({
  app,
}) => {
  test.slow();
  const demos = new DemosPage(app.page);
  const issues = new IssuesPage(app.page);
  const postMortem = new PostMortemPage(app.page);
  const shell = new Shell(app.page);
  const page = app.page;
  await demos.createWorkspaceAndSprint('Payments platform');
  await demos.createDemo({ facilitator: 'Alex Moreno', attendees: ['Sam Patel (infosec)'] });
  await demos.addItem({
    key: 'PAY-150',
    owner: 'Checkout team',
    title: 'Card search',
    description: 'Search over stored cards by the last four digits.',
    controls: ['V1.2.4'],
  });
  await expect(demos.agendaItems().nth(0)).toContainText('V1.2.4');

  // In presenter mode, I raises an issue prefilled from the item and its selected control.
  await demos.present();
  await demos.press('i');
  const raise = demos.dialog('Raise a security issue');
  await expect(raise.getByLabel('Title')).toBeFocused();
  await expect(raise.getByLabel('Title')).toHaveValue(TITLE);
  await expect(raise.getByLabel('Control')).toHaveValue(V124);
  await expect(raise.getByLabel('Owner')).toHaveValue('Checkout team');
  await demos.tabTo(raise.getByRole('radio', { name: /P2/ }));
  await demos.press('ArrowUp');
  await expect(raise.getByRole('radio', { name: /P1/ })).toBeChecked();
  await app.screenshot('presenter-raise-issue');
  await demos.tabTo(raise.getByRole('button', { name: 'Raise P1 issue' }));
  await demos.press('Enter');
  await expect(raise).toBeHidden();
  await demos.noDialogOpen();

  // The item shows the tracked issue: its key, status and running SLA clock.
  const entry = demos.timeline().getByRole('listitem').filter({ hasText: TITLE });
  await expect(entry.getByRole('link', { name: /^Open SEC-1:/ })).toBeVisible();
  await expect(entry).toContainText('Open');
  await expect(entry.getByRole('timer')).toHaveAttribute('data-state', 'on-track');
  await expect(entry.getByRole('timer')).toContainText(/2[34]h \d\dm left/);
  await app.screenshot('presenter-issue-clock');

  // Reload: the record and the tracker agree.
  await page.reload();
  await expect(entry.getByRole('link', { name: /^Open SEC-1:/ })).toBeVisible();

  // It is in the Issues area with the same clock.
  await demos.leavePresenter();
  await shell.nav('Issues').click();
  await expect(shell.heading('Security issues')).toBeVisible();
  await expect(issues.clockOf(TITLE)).toHaveAttribute('data-state', 'on-track');
  await expect(issues.row(TITLE)).toContainText('P1');
  await expect(issues.row(TITLE)).toContainText('Checkout team');

  // The item's key opens the issue; its source is the demo item.
  await shell.nav('Demos').click();
  await page.getByRole('link', { name: 'Sprint 1 demo' }).click();
  await demos.press('Alt+R');
  const raised = page.getByRole('table', { name: 'Raised issues' });
  await expect(raised).toContainText(TITLE);
  await raised.getByRole('link', { name: /^Open SEC-1:/ }).click();
  await expect(issues.detailClock).toContainText(/2[34]h \d\dm left/);
  await expect(page.getByRole('region', { name: 'SLA clock' })).toBeVisible();
  await expect(page.getByText('1 demo item, 0 evidence files')).toBeVisible();

  // Its blameless post-mortem, with two actions, exported as Markdown.
  await page.getByRole('button', { name: 'Write post-mortem' }).click();
  await expect(shell.heading('Post-mortems')).toBeVisible();
  await expect(postMortem.field('Title')).toHaveValue(TITLE);
  await postMortem
    .field('Summary')
    .fill('The card search built SQL from the query string; seen live in the sprint demo.');
  await postMortem
    .field('Contributing factors')
    .fill('The search module predates the query builder and no lint rule flags string-built SQL.');
  await app.page.keyboard.press('Control+S');
  await expect(postMortem.narrative.getByRole('status')).toHaveText('Saved');
  await postMortem.addAction(
    'Move card search to the query builder',
    'Checkout team',
    '2026-12-04',
  );
  await postMortem.addAction('Lint rule against string-built SQL', 'Platform team', '2026-12-11');
  await expect(postMortem.actionRow('Move card search to the query builder')).toContainText(
    'SEC-2',
  );
  await expect(postMortem.actionRow('Lint rule against string-built SQL')).toContainText('SEC-3');
  await app.screenshot('postmortem-from-demo-issue');

  await page.getByRole('button', { name: 'Export Markdown' }).click();
  await expect
    .poll(() => savedFile(app.downloadsDir, /^postmortem-sec-1-.*\.md$/), {
      message: 'the Markdown file is saved',
    })
    .toBeDefined();
  const markdown = readFileSync(
    path.join(app.downloadsDir, savedFile(app.downloadsDir, /^postmortem-sec-1-.*\.md$/) ?? ''),
    'utf8',
  );
  expect(markdown).toContain(`# Post-mortem: ${TITLE}`);
  expect(markdown).toContain(
    '| Move card search to the query builder | Checkout team | 2026-12-04 | SEC-2 | open |',
  );
  expect(markdown).toContain(
    '| Lint rule against string-built SQL | Platform team | 2026-12-11 | SEC-3 | open |',
  );
  expect(markdown).toContain(`- ${V124}`);
});
