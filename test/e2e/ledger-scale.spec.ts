import type { Page } from '@playwright/test';
import type { SecurityIssue } from '../../core/model/issue';
import { generateLedger, TEAM_YEAR } from '../../bench/ledger/generate';
import { expect, test } from './fixtures';
import { TEST_PERSON } from './pages/people';
import { Shell } from './pages/shell';
import { putRows } from './support/idb';

/**
 * Ten years of a team, moving through every area: each list reads its first page by index
 * (counts from the index) and draws only the rows in view, so however long the ledger the page
 * holds a screenful of rows, and counts (issues on the dashboard) still cover every record. Speed is the benchmark's to judge (bench/ledger.bench.ts); this
 * proves the structure that makes it so.
 */

const YEARS = 10;
/** Rows a virtual table may draw: a screenful of 800 px plus the overscan either side. */
const MAX_DRAWN_ROWS = 60;

/**
 * Writes the generated records (not their audit entries) into the app's database; returns
 * how many issues were generated as open work (not verified or closed).
 */
async function fillRecords(page: Page): Promise<{ openWork: number }> {
  const batches = generateLedger(YEARS, {
    start: { seq: 0, hash: '0'.repeat(64) },
    actor: TEST_PERSON.name,
    log: false,
  });
  let openWork = 0;
  for (let step = batches.next(); !step.done; step = batches.next()) {
    if (step.value.table === 'issues')
      for (const issue of step.value.rows as SecurityIssue[])
        if (issue.status !== 'verified' && issue.status !== 'closed') openWork += 1;
    await putRows(page, step.value.table, step.value.rows);
  }
  return { openWork };
}

/** Rows drawn in a table's body, spacers left out. */
async function drawnRows(page: Page, table: string): Promise<number> {
  return page
    .getByRole('main')
    .getByRole('table', { name: table })
    .locator('tbody tr:not(.virtual-spacer)')
    .count();
}

test('ten team-years: every area opens on its first page, lists drawn a screenful at a time', async ({
  app,
}) => {
  const { page } = app;
  const shell = new Shell(page);
  const { openWork } = await fillRecords(page);
  await page.reload();
  await page.locator('html[data-ready="true"]').waitFor();
  const sprints = YEARS * TEAM_YEAR.sprints;
  const evidence = YEARS * TEAM_YEAR.evidence;
  const issues = YEARS * TEAM_YEAR.issues;
  const postMortems = YEARS * TEAM_YEAR.postMortems;

  // Sprints: the workspace's 260 sprints, counted on the index, the newest first.
  await expect(shell.heading('Payments platform')).toBeVisible();
  const sprintPanel = shell.main.getByRole('region', { name: 'Sprints', exact: true });
  await expect(sprintPanel.getByRole('status')).toHaveText(`${sprints} sprints, most recent first`);
  const sprintTable = page.getByRole('table', { name: 'Sprints' });
  await expect(sprintTable).toHaveAttribute('aria-rowcount', String(sprints + 1));
  await expect(sprintTable.getByRole('rowheader').first()).toHaveText(`Sprint ${sprints}`);
  expect(await drawnRows(page, 'Sprints')).toBeLessThanOrEqual(MAX_DRAWN_ROWS);

  // Demos: one per sprint; the item counts are read for the rows in view.
  await shell.nav('Demos').click();
  await expect(shell.heading('Demos')).toBeVisible();
  const demoPanel = shell.main.getByRole('region', { name: 'Demo list' });
  await expect(demoPanel.getByRole('status')).toHaveText(`${sprints} demos, most recent first`);
  const demoTable = shell.main.getByRole('table', { name: 'Demos' });
  const newest = demoTable.getByRole('row').filter({ hasText: `Sprint ${sprints} demo` });
  // The last sprint of a year holds 12 of its 299 items (spread evenly over 26 sprints).
  await expect(newest.getByRole('cell').nth(2)).toHaveText('12');
  expect(await drawnRows(page, 'Demos')).toBeLessThanOrEqual(MAX_DRAWN_ROWS);
  // Scrolled to the end, the list reads further pages and still draws a screenful.
  const demoScroller = shell.main.getByRole('region', { name: 'Demos, scrollable' });
  const oldest = demoTable.getByRole('row').filter({ hasText: /^Sprint 1 demo/ });
  await expect(async () => {
    await demoScroller.evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await expect(oldest).toBeVisible({ timeout: 1000 });
  }).toPass();
  expect(await drawnRows(page, 'Demos')).toBeLessThanOrEqual(MAX_DRAWN_ROWS);

  // Evidence: thousands of files, a screenful drawn.
  await shell.nav('Evidence').click();
  const evidencePanel = shell.main.getByRole('region', { name: 'Attached evidence' });
  await expect(evidencePanel.getByRole('status')).toHaveText(
    `${evidence.toLocaleString('en-GB')} files, newest first`,
  );
  expect(await drawnRows(page, 'Evidence')).toBeLessThanOrEqual(MAX_DRAWN_ROWS);

  // Issues: every issue counted on the index, open work first, a screenful drawn; the
  // dashboard counts every one of them.
  await shell.nav('Controls').click();
  await expect(shell.heading('Controls')).toBeVisible();
  await shell.nav('Issues').click();
  await expect(shell.heading('Security issues')).toBeVisible();
  const issueList = shell.main.getByRole('region', { name: 'Issues' });
  const issueCount = issues.toLocaleString('en-GB');
  await expect(issueList.getByRole('status')).toHaveText(
    `Open work: ${openWork} of ${issueCount} issues, by priority and due date`,
  );
  await expect(shell.main.getByText(`Counted over ${issueCount} issues.`)).toBeAttached();
  const openChart = shell.main.getByRole('table', { name: 'Open issues by priority and status' });
  const openCells = await openChart.locator('tbody td:not(:first-child)').allTextContents();
  expect(openCells.reduce((sum, cell) => sum + Number(cell), 0)).toBe(openWork);
  await expect(shell.main.locator('.chart-svg')).toHaveCount(3);
  await app.screenshot('ledger-scale-issues');
  expect(await drawnRows(page, 'Security issues')).toBeLessThanOrEqual(MAX_DRAWN_ROWS);
  await issueList.getByLabel('Show').selectOption('All');
  await expect(issueList.getByRole('status')).toHaveText(
    `All: ${issueCount} of ${issueCount} issues, by priority and due date`,
  );
  await expect(
    shell.main.getByRole('table', { name: 'Security issues' }).getByRole('row').nth(1),
  ).toContainText('P1');
  expect(await drawnRows(page, 'Security issues')).toBeLessThanOrEqual(MAX_DRAWN_ROWS);

  // Post-mortems: one per P1, a page at a time; starting one offers a short list and a search
  // over the issues without one, never every issue at once.
  await shell.nav('Post-mortems').click();
  await expect(shell.heading('Post-mortems')).toBeVisible();
  const postMortemList = shell.main.getByRole('region', { name: 'All post-mortems' });
  await expect(postMortemList.getByRole('status')).toHaveText(
    `${postMortems} post-mortems, most recently updated first`,
  );
  const starter = shell.main.getByRole('region', { name: 'Start a post-mortem' });
  const without = (issues - postMortems).toLocaleString('en-GB');
  await expect(starter.getByRole('status')).toHaveText(
    `The 8 newest of ${without} issues without a post-mortem; search to find the others.`,
  );
  await expect(starter.getByRole('listitem')).toHaveCount(8);
  await app.screenshot('ledger-scale-post-mortems');
  const search = starter.getByLabel('Find an issue without a post-mortem');
  // SEC-1 is a P1: it has its post-mortem already.
  await search.fill('SEC-1');
  await expect(starter.getByRole('status')).toHaveText(
    `No match among the ${without} issues without a post-mortem.`,
  );
  await search.fill(`SEC-${issues}`);
  await expect(starter.getByRole('status')).toHaveText(
    `1 match of ${without} issues without a post-mortem.`,
  );
  await starter.getByRole('button', { name: `Start a post-mortem for SEC-${issues}` }).click();
  await expect(shell.main.getByRole('heading', { name: /^Post-mortem: / })).toBeVisible();
  await shell.main.getByRole('button', { name: '← All post-mortems' }).click();
  await expect(postMortemList.getByRole('status')).toHaveText(
    `${postMortems + 1} post-mortems, most recently updated first`,
  );

  for (const [area, heading] of [
    ['Telemetry', 'Telemetry'],
    ['Reports', 'Reports'],
    ['Settings', 'Settings'],
  ] as const) {
    await shell.nav(area).click();
    await expect(shell.heading(heading)).toBeVisible();
  }
  // Back to the start, the sprint list is read again from its first page.
  await shell.nav('Sprints').click();
  await expect(sprintPanel.getByRole('status')).toHaveText(`${sprints} sprints, most recent first`);
});
