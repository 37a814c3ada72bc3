import { writeFile } from 'node:fs/promises';
import { largeSarif } from '../support/large-sarif';
import { expect, test } from './fixtures';
import { EvidencePage } from './pages/evidence';
import { FindingsPanel } from './pages/findings';
import { Shell } from './pages/shell';
import { SprintsPage } from './pages/sprints';
import { seriousViolations } from './support/axe';

/**
 * A SARIF file with more results than a stored summary lists (5,000): the findings table reads
 * the stored file for the rest, shows the count the file holds, groups by rule, filters by
 * severity, searches, opens a finding's detail from the keyboard, fits a 1280×800 window and has
 * no serious or critical accessibility violation.
 */

const RESULTS = 6048; // 84 copies of CodeQL's 72 results, one folder each.

test('every finding of a 6,048-result SARIF file: count, grouping, filters, search, keyboard, axe', async ({
  app,
}, testInfo) => {
  test.slow();
  const file = testInfo.outputPath('codeql-monorepo.sarif');
  await writeFile(file, largeSarif(RESULTS));
  await new SprintsPage(app.page).createFirstWorkspace('Payments platform audit');
  await new Shell(app.page).nav('Evidence').click();
  const evidence = new EvidencePage(app.page);
  await evidence.pick(file);
  await expect(evidence.row('codeql-monorepo.sarif')).toContainText(/6,?048 findings/u);
  await evidence.open('codeql-monorepo.sarif');

  const findings = new FindingsPanel(app.page);
  // Read past the stored list: the count is what the file holds, with nothing left out.
  await expect(findings.count).toHaveText('6,048 findings.');
  await expect(findings.table).toHaveAttribute('aria-rowcount', String(RESULTS + 1));
  await expect(findings.rows().first()).toBeVisible();

  // Group by rule: one heading per rule with its count; the heading toggles from the keyboard.
  await findings.groupBy.selectOption('rule');
  await expect(findings.groupToggles().first()).toBeVisible();
  const firstRule = findings.groupToggles().first();
  const rule = (await firstRule.innerText()).replace(/^[▾▸]\s*/u, '');
  await expect(firstRule.locator('xpath=..')).toContainText(/ findings? \(/u);
  await firstRule.focus();
  await app.page.keyboard.press('Enter');
  await expect(findings.group(rule)).toHaveAttribute('aria-expanded', 'false');
  await app.page.keyboard.press('Enter');
  await expect(findings.group(rule)).toHaveAttribute('aria-expanded', 'true');

  // Filter by severity: the count follows the option's own count, of the file's total.
  await findings.groupBy.selectOption('none');
  const medium = await findings.severityCount('medium');
  expect(medium).toBeGreaterThan(0);
  await findings.severity.selectOption('medium');
  await expect(findings.count).toHaveText(
    `${medium.toLocaleString('en-GB')} of 6,048 findings match.`,
  );
  await expect(findings.rows().first().locator('.badge')).toHaveText('medium');

  // Search: one module's folder holds 72 results.
  await findings.severity.selectOption('all');
  await findings.search.fill('module-37/');
  await expect(findings.count).toHaveText('72 of 6,048 findings match.');
  const firstRow = findings.rows().first();
  await expect(firstRow.locator('td.col-location code')).toHaveAttribute('title', /module-37\//u);

  // A finding's detail from the keyboard: the full path, never cut.
  const details = firstRow.getByRole('button', { name: /^Details of / });
  await details.focus();
  await app.page.keyboard.press('Enter');
  await expect(details).toHaveAttribute('aria-expanded', 'true');
  const fullPath = await firstRow.locator('td.col-location code').getAttribute('title');
  await expect(findings.table.locator('td.finding-detail').first()).toContainText(fullPath ?? '');

  // The populated table fits the window (no sideways scroll) and passes axe.
  await findings.groupBy.selectOption('file');
  await expect(findings.groupToggles().first()).toBeVisible();
  await app.screenshot('evidence-findings-grouped');
  expect(await seriousViolations(app.page, 'findings table')).toEqual([]);
});
