import type { Page } from '@playwright/test';
import { generateLedger, TEAM_YEAR } from '../../bench/ledger/generate';
import { expect, test } from './fixtures';
import { TEST_PERSON } from './pages/people';
import { Shell } from './pages/shell';
import { putRows } from './support/idb';

/**
 * Ten years of a team, moving through every area: each list reads its first page by index
 * (counts from the index) and draws only the rows in view, so however long the ledger the page
 * holds a screenful of rows. Speed is the benchmark's to judge (bench/ledger.bench.ts); this
 * proves the structure that makes it so.
 */

const YEARS = 10;
/** Rows a virtual table may draw: a screenful of 800 px plus the overscan either side. */
const MAX_DRAWN_ROWS = 60;

/** Writes the generated records (not their audit entries) into the app's database. */
async function fillRecords(page: Page): Promise<void> {
  const batches = generateLedger(YEARS, {
    start: { seq: 0, hash: '0'.repeat(64) },
    actor: TEST_PERSON.name,
    log: false,
  });
  for (let step = batches.next(); !step.done; step = batches.next())
    await putRows(page, step.value.table, step.value.rows);
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
  await fillRecords(page);
  await page.reload();
  await page.locator('html[data-ready="true"]').waitFor();
  const sprints = YEARS * TEAM_YEAR.sprints;
  const evidence = YEARS * TEAM_YEAR.evidence;

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

  // Every other area opens on its page; issues have none in this ledger.
  await shell.nav('Controls').click();
  await expect(shell.heading('Controls')).toBeVisible();
  await shell.nav('Issues').click();
  await expect(shell.heading('Security issues')).toBeVisible();
  await expect(shell.main.getByText('No security issues yet.')).toBeVisible();
  for (const [area, heading] of [
    ['Post-mortems', 'Post-mortems'],
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
