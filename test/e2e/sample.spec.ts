import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { SAMPLE_PASSPHRASE, SAMPLE_WORKSPACE_NAME } from '../../core/model/sample';
import { mustRun } from '../tools/run';
import { expect, test } from './fixtures';
import { FirstRun, TEST_PERSON } from './pages/people';
import { ReportsPage } from './pages/reports';
import { SampleWorkspace } from './pages/sample';
import { Shell } from './pages/shell';
import { snapshotDatabase } from './support/idb';

test.use({ start: null });

/** Each area and something of the sample it must show (no area is an empty page). */
const AREAS: readonly [string, string | RegExp][] = [
  ['Sprints', 'Sprint 14'],
  ['Demos', 'Sprint 14 review'],
  ['Evidence', 'nmap-localhost-current.xml'],
  ['Controls', 'NIST SP 800-53'],
  ['Issues', 'Unexpected port 18082 open on the payments host'],
  ['Post-mortems', 'Unexpected port 18082 open on the payments host'],
  ['Telemetry', 'Brute-force logins'],
  ['Reports', 'Sprint 14'],
  ['Settings', 'Sam Sample'],
];

/** axe-core's serious and critical WCAG 2.2 A/AA violations, as accessibility.spec.ts counts them. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

/** Stores that keep what happened (the log) or this device's preferences, not records. */
const KEPT = new Set(['auditLog', 'meta', 'settings']);

test('the first run opens the sample, every area shows it, its report is marked, and deleting it leaves nothing', async ({
  app,
}) => {
  test.slow();
  const page = app.page;
  const shell = new Shell(page);
  const sample = new SampleWorkspace(page);
  const firstRun = new FirstRun(page);

  await expect(firstRun.startHeading).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start empty' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Restore a backup…' })).toBeVisible();
  expect(await seriousViolations(page), 'the start step').toEqual([]);
  await firstRun.openSample();
  await expect(sample.banner).toContainText('made-up data');
  expect(await seriousViolations(page), 'the sample banner').toEqual([]);

  for (const [area, shows] of AREAS) {
    await shell.nav(area).click();
    await expect(sample.banner, `${area} is marked as sample`).toBeVisible();
    await expect(shell.main, `${area} shows the sample`).toContainText(shows);
  }
  await shell.nav('Demos').click();
  await page.getByRole('link', { name: 'Sprint 14 review' }).first().click();
  await expect(shell.main).toContainText('SAMPLE IDENTITY Sam Sample');
  await app.screenshot('sample-demo');
  await shell.nav('Evidence').click();
  await expect(shell.main).toContainText('eslint-8-sarif-formatter.sarif');
  await expect(shell.main).toContainText('jest-junit-16.xml');
  await expect(shell.main).toContainText('trivy-image-debian-all-statuses.json');
  await shell.nav('Issues').click();
  await expect(shell.main).toContainText('P1');
  await expect(shell.main).toContainText('P2');

  // The report: signed by the sample identity, marked as sample in its text and metadata.
  const reports = new ReportsPage(page);
  await shell.nav('Reports').click();
  await reports.chooseDemo('Sprint 14 review');
  await reports.buildAndSign(SAMPLE_PASSPHRASE);
  await expect(
    reports.buildPanel
      .getByRole('region', { name: /^Verification of DL-.*-DEM-/ })
      .getByRole('status'),
  ).toHaveText('Valid: every signature verifies and every signer is trusted.');
  const [saved = ''] = readdirSync(app.downloadsDir).filter((name) => name.endsWith('.pdf'));
  const file = path.join(app.downloadsDir, saved);
  const text = mustRun('pdftotext', [file, '-']);
  expect(text).toContain(`SAMPLE DATA — `);
  expect(text.replace(/\s+/g, ' ')).toContain('made-up data for learning Demo Ledger');
  const info = mustRun('pdfinfo', [file]);
  expect(info).toMatch(/Title:\s+SAMPLE DATA — /);
  expect(info).toMatch(/Keywords:\s+sample-data/);
  expect(mustRun('pdfsig', [file])).toContain('SAMPLE IDENTITY Sam Sample, not a real person');

  const identities = path.join(app.profileDir, 'signing', 'identities');
  expect(readdirSync(identities)).toHaveLength(1);
  const before = await snapshotDatabase(page);
  expect(before['workspaces']?.[0]).toContain(SAMPLE_WORKSPACE_NAME);

  await sample.deleteFromBanner();
  await expect(sample.banner).toBeHidden();
  const after = await snapshotDatabase(page);
  for (const [store, rows] of Object.entries(after)) {
    if (KEPT.has(store)) continue;
    if (store === 'people') {
      expect(rows, 'only the person at the keyboard remains').toHaveLength(1);
      expect(rows[0]).toContain(TEST_PERSON.name);
      continue;
    }
    expect(rows, `${store} holds nothing of the sample`).toEqual([]);
  }
  expect(existsSync(identities) ? readdirSync(identities) : []).toEqual([]);

  // The audit log kept the making and the deletion, and still verifies.
  await shell.nav('Settings').click();
  await expect(
    sample.panel.getByRole('button', { name: 'Open the sample workspace' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Verify the audit log' }).click();
  await expect(page.getByText(/^Intact: [\d,]+ entries verified/)).toBeVisible();
});
