import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  AccessLogScenario,
  AuthLogScenario,
  changeEventsCsv,
  metricCsvLines,
} from '../../core/telemetry/generate';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { EvidencePage } from './pages/evidence';
import { IssuesPage } from './pages/issues';
import { Shell } from './pages/shell';
import { SprintsPage } from './pages/sprints';
import { TelemetryPage } from './pages/telemetry';

const utc = (time: number) => new Date(time).toISOString().slice(11, 16);

/** The main area scrolls inside the window: make the window tall enough to show all of it. */
async function showWholeDashboard(page: Page): Promise<void> {
  const dismiss = page.getByRole('button', { name: 'Dismiss', exact: true });
  while ((await dismiss.count()) > 0)
    await dismiss
      .first()
      .click({ timeout: 2000 })
      .catch(() => undefined);
  const height = await page.getByRole('main').evaluate((main) => main.scrollHeight);
  await page.setViewportSize({ width: 1280, height: Math.min(6000, height) });
}

test('imports generated logs, shows the attack bursts and raises a security issue from an alert', async ({
  app,
}, testInfo) => {
  const access = new AccessLogScenario(20_000, { seed: 5 });
  const auth = new AuthLogScenario({ seed: 5 });
  const accessFile = testInfo.outputPath('access.log');
  const authFile = testInfo.outputPath('auth.log');
  const changesFile = testInfo.outputPath('changes.csv');
  writeFileSync(accessFile, `${[...access.generate()].join('\n')}\n`);
  writeFileSync(authFile, `${[...auth.generate()].join('\n')}\n`);
  writeFileSync(changesFile, changeEventsCsv());

  await new SprintsPage(app.page).createFirstWorkspace('Payments platform');
  const telemetry = new TelemetryPage(app.page);
  await telemetry.open();
  await expect(app.page.getByText('Nothing imported yet.')).toBeVisible();

  await telemetry.importFile(authFile, async (dialog) => {
    await expect(dialog.getByText('recognised as syslog lines (auth.log)')).toBeVisible();
    await dialog.getByLabel('Year of the log').fill('2026');
  });
  await expect(app.page.getByRole('status').filter({ hasText: 'Imported auth.log' })).toContainText(
    '1 alert',
  );
  await telemetry.importFile(accessFile);
  await telemetry.importFile(changesFile);

  const totals = app.page.getByLabel('Totals of all imported files');
  await expect(totals).toBeVisible();
  await expect(telemetry.total('Failed logins')).toHaveText(
    auth.truth.failedLogins.toLocaleString('en-GB'),
  );
  await expect(telemetry.total('Successful logins')).toHaveText(
    String(auth.truth.successfulLogins),
  );
  await expect(telemetry.total('XSS attempts')).toHaveText(String(access.truth.xssAttempts));
  await expect(telemetry.total('SQL-injection attempts')).toHaveText(
    String(access.truth.sqlInjectionAttempts),
  );

  // The brute-force burst is a shaded band on the login chart, at the time the generator put it.
  const logins = telemetry.chart('Failed and successful logins');
  await expect(logins.locator('.alert-band')).toHaveCount(1);
  await expect(logins.getByRole('figure')).toContainText(
    `1 alert window: 2026-11-24 ${utc(auth.truth.burst.from)}`,
  );
  await expect(logins.locator('.change-marker')).toHaveCount(6);
  const attacks = telemetry.chart('XSS and SQL-injection attempts');
  await expect(attacks.locator('.alert-band')).not.toHaveCount(0);
  await expect(attacks.getByRole('figure')).toContainText(
    `2026-11-24 ${utc(access.truth.burst.from)}`,
  );
  await logins.getByText('Figures', { exact: true }).click();
  await expect(logins.getByRole('row', { name: /^Failed logins/ })).toContainText(
    auth.truth.failedLogins.toLocaleString('en'),
  );
  await showWholeDashboard(app.page);
  await app.screenshot('telemetry-dashboard-light');
  await app.page.setViewportSize({ width: 1280, height: 820 });

  // One click on the alert opens the prefilled issue the user confirms.
  const alert = telemetry.alertRow('Brute-force logins');
  await expect(alert).toContainText('P1');
  await alert.getByRole('button', { name: 'Raise security issue for Brute-force logins' }).click();
  const draft = app.page.getByRole('dialog', { name: 'New security issue from alert' });
  await expect(draft.getByLabel('Title')).toHaveValue(
    /^Brute-force logins: Failed logins \/ Successful logins peaked at \d+/,
  );
  await expect(draft.getByLabel('Priority')).toHaveValue('P1');
  const details = draft.getByRole('definition');
  await expect(details.nth(0)).toContainText(
    `2026-11-24 ${utc(auth.truth.burst.from)} UTC – 2026-11-24 `,
  );
  await expect(details.nth(1)).toHaveText('Failed logins / Successful logins');
  await expect(details.nth(2)).toContainText('Failed logins');
  await expect(details.nth(3)).toHaveText(
    'nist-sp-800-53-rev5#ac-7, nist-sp-800-53-rev5#si-4, nist-sp-800-53-rev5#au-6',
  );
  await expect(draft.getByLabel('Description')).toHaveValue(
    /Brute-force logins detected in auth\.log\./,
  );
  await app.screenshot('telemetry-issue-draft');
  await draft.getByLabel('Priority').selectOption('P2');
  await draft.getByRole('button', { name: 'Raise issue' }).click();
  await expect(draft).toBeHidden();
  // The alert now shows the issue it was raised as, with its SLA clock, instead of the button.
  const raisedAs = alert.getByRole('link', { name: /^Open SEC-1: Brute-force logins/ });
  await expect(raisedAs).toBeVisible();
  await expect(alert).toContainText('P2');
  await expect(alert.getByRole('timer')).toHaveAttribute('data-state', 'on-track');
  await expect(alert.getByRole('button', { name: /^Raise security issue/ })).toHaveCount(0);
  await expect(
    app.page.getByRole('status').filter({ hasText: /^Raised SEC-1: Brute-force logins/ }),
  ).toBeVisible();

  // Zoom to the alert; the other charts follow; reset with the keyboard.
  await alert.getByRole('button', { name: 'Show Brute-force logins on the charts' }).click();
  await expect(
    app.page.getByRole('status').filter({ hasText: /^Showing 2026-11-24/ }),
  ).toBeVisible();
  await app.page.keyboard.press('Alt+0');
  await expect(app.page.getByText('Drag across a chart to zoom into a period.')).toBeVisible();

  // The same dashboard in the dark theme.
  await new Shell(app.page).runCommand('Switch between light and dark theme');
  await expect(app.page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await showWholeDashboard(app.page);
  await app.screenshot('telemetry-dashboard-dark');
  await app.page.setViewportSize({ width: 1280, height: 820 });

  // The issue survives a restart, and is in the Issues area with its clock.
  await app.restart();
  const again = new TelemetryPage(app.page);
  await again.open();
  await again
    .alertRow('Brute-force logins')
    .getByRole('link', { name: /^Open SEC-1: Brute-force logins/ })
    .click();
  const issues = new IssuesPage(app.page);
  await expect(
    app.page
      .getByRole('main')
      .getByRole('heading', { level: 2, name: /^SEC-1 Brute-force logins/ }),
  ).toBeVisible();
  await expect(issues.detailClock).toHaveAttribute('data-state', 'on-track');
  await expect(app.page.getByRole('main')).toContainText('Telemetry alert');
  await app.page.getByRole('button', { name: '← All issues' }).click();
  await expect(issues.clockOf(/^Brute-force logins/)).toHaveAttribute('data-state', 'on-track');
  await app.screenshot('telemetry-issue-in-issues');
});

test('attaches the logins chart as evidence to AU-6 and shows it in the Evidence area', async ({
  app,
}, testInfo) => {
  const auth = new AuthLogScenario({ seed: 5 });
  const telemetry = await importAuthLog(app.page, auth, testInfo.outputPath('auth.log'));
  const logins = telemetry.chart('Failed and successful logins');
  await telemetry.exportData('Failed and successful logins', 'telemetry-logins.json');
  await logins
    .getByRole('button', { name: 'Attach Failed and successful logins as evidence' })
    .click();
  const attach = app.page.getByRole('dialog', {
    name: 'Attach “Failed and successful logins” as evidence',
  });
  await attach.getByLabel('Control').selectOption('nist-sp-800-53-rev5#au-6');
  await attach.getByRole('button', { name: 'Attach', exact: true }).click();
  await expect(attach).toBeHidden();
  await expect(
    app.page.getByRole('status').filter({ hasText: 'Chart attached to nist-sp-800-53-rev5#au-6.' }),
  ).toBeVisible();

  // In the Evidence area: the data object and the drawing, both linked to AU-6.
  await new Shell(app.page).nav('Evidence').click();
  const evidence = new EvidencePage(app.page);
  await evidence.search.fill('au-6');
  await expect(evidence.row('telemetry-logins.json')).toContainText(
    'chart Failed and successful logins: 3 series, 1 highlighted range',
  );
  await expect(evidence.row('telemetry-logins.svg')).toBeVisible();
  await evidence.open('telemetry-logins.json');
  await expect(evidence.linkedControls()).toContainText('nist-sp-800-53-rev5#au-6');
  // The stored file is the chart's data object, byte for byte the Data export.
  const exported = sha256sum(path.join(app.downloadsDir, 'telemetry-logins.json'));
  await expect(app.page.getByTestId('evidence-sha256')).toHaveText(exported);
  const chart = evidence.region('Chart: Failed and successful logins');
  await expect(chart.getByRole('row', { name: /^Failed logins/ })).toContainText(
    auth.truth.failedLogins.toLocaleString('en'),
  );
  await expectDrawnFromBlob(chart.getByRole('img'));
  await expect(app.page.getByRole('main').locator('svg')).toHaveCount(0);
  await chart.scrollIntoViewIfNeeded();
  await app.screenshot('evidence-chart-data');

  await evidence.backToList();
  await evidence.open('telemetry-logins.svg');
  await expect(evidence.linkedControls()).toContainText('nist-sp-800-53-rev5#au-6');
  const raw = evidence.region('Raw content');
  await expectDrawnFromBlob(raw.getByRole('img'));
  await expect(app.page.getByRole('main').locator('svg')).toHaveCount(0);
  await raw.scrollIntoViewIfNeeded();
  await app.screenshot('evidence-chart-svg');
});

/** A first workspace with a generated auth.log imported, on the Telemetry page. */
async function importAuthLog(
  page: Page,
  auth: AuthLogScenario,
  file: string,
): Promise<TelemetryPage> {
  writeFileSync(file, `${[...auth.generate()].join('\n')}\n`);
  await new SprintsPage(page).createFirstWorkspace('Payments platform');
  const telemetry = new TelemetryPage(page);
  await telemetry.open();
  await telemetry.importFile(file, (dialog) => dialog.getByLabel('Year of the log').fill('2026'));
  return telemetry;
}

/** An image shown from a blob: URL that the browser decoded (so it has a size). */
async function expectDrawnFromBlob(image: Locator): Promise<void> {
  await expect(image).toHaveAttribute('src', /^blob:/);
  await expect
    .poll(() => image.evaluate((element) => (element as HTMLImageElement).naturalWidth))
    .toBe(900);
}

function sha256sum(file: string): string {
  return spawnSync('sha256sum', [file], { encoding: 'utf8' }).stdout.split(' ')[0] ?? '';
}

test('exports a chart as SVG and as its data object', async ({ app }, testInfo) => {
  const auth = new AuthLogScenario({ seed: 9 });
  const telemetry = await importAuthLog(app.page, auth, testInfo.outputPath('auth.log'));
  const logins = telemetry.chart('Failed and successful logins');
  await logins.getByRole('button', { name: 'Export Failed and successful logins as SVG' }).click();
  await telemetry.exportData('Failed and successful logins', 'telemetry-logins.json');
  const saved = readdirSync(app.downloadsDir);
  expect(saved.sort()).toEqual(['telemetry-logins.json', 'telemetry-logins.svg']);
  const svg = path.join(app.downloadsDir, 'telemetry-logins.svg');
  const lint = spawnSync('xmllint', ['--noout', svg], { encoding: 'utf8' });
  expect(lint.status, lint.stderr).toBe(0);
  const data = JSON.parse(
    readFileSync(path.join(app.downloadsDir, 'telemetry-logins.json'), 'utf8'),
  ) as {
    format: string;
    figures: { rows: { figure: string; value: unknown }[] };
    annotations: { kind: string }[];
  };
  expect(data.format).toBe('demo-ledger.chart/v1');
  expect(data.figures.rows[0]).toEqual({ figure: 'Failed logins', value: auth.truth.failedLogins });
  expect(data.annotations.filter((annotation) => annotation.kind === 'range')).toHaveLength(1);
});

test('maps the columns of a metric export and charts every series', async ({ app }, testInfo) => {
  const file = testInfo.outputPath('metrics.csv');
  writeFileSync(file, [...metricCsvLines({ minutes: 120 })].join('\n'));
  await new SprintsPage(app.page).createFirstWorkspace('Metrics');
  const telemetry = new TelemetryPage(app.page);
  await telemetry.open();
  await telemetry.importFile(file, async (dialog) => {
    await expect(dialog.getByLabel('What the file holds')).toHaveValue('metrics');
    await expect(dialog.getByLabel('Time stamp')).toHaveValue('timestamp');
    await expect(dialog.getByLabel('Metric name')).toHaveValue('metric');
    await expect(dialog.getByLabel('Value')).toHaveValue('value');
    await expect(dialog.getByRole('checkbox', { name: 'host' })).toBeChecked();
    await expect(dialog.getByRole('table', { name: 'First rows of the file' })).toContainText(
      'cpu_percent',
    );
  });
  const cpu = telemetry.chart('cpu_percent');
  await expect(cpu).toBeVisible();
  await cpu.getByText('Figures', { exact: true }).click();
  await expect(cpu.getByRole('row', { name: /cpu_percent\{host="web-1"\}/ })).toContainText('120');
  await expect(telemetry.chart('memory_mb')).toBeVisible();
});

test('edits an alert rule and evaluates the imports again', async ({ app }, testInfo) => {
  const authFile = testInfo.outputPath('auth.log');
  writeFileSync(authFile, [...new AuthLogScenario({ seed: 12 }).generate()].join('\n'));
  await new SprintsPage(app.page).createFirstWorkspace('Rules');
  const telemetry = new TelemetryPage(app.page);
  await telemetry.open();
  await telemetry.importFile(authFile, (dialog) =>
    dialog.getByLabel('Year of the log').fill('2026'),
  );
  await expect(telemetry.alertRow('Brute-force logins')).toBeVisible();
  const rules = app.page.getByRole('table', { name: 'Alert rules' });
  const rule = rules
    .getByRole('row')
    .filter({ has: app.page.getByRole('rowheader', { name: 'Brute-force logins' }) });
  await expect(rule).toContainText(
    'Failed logins / Successful logins > 3 within 15 min, at least 10',
  );
  await rule.getByRole('button', { name: 'Edit Brute-force logins' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Edit alert rule' });
  await dialog.getByLabel('Alert above').fill('');
  await dialog.getByRole('button', { name: 'Save rule' }).click();
  await expect(dialog.getByText('expected number')).toBeVisible();
  await dialog.getByLabel('Alert above').fill('5000');
  await dialog.getByRole('button', { name: 'Save rule' }).click();
  await expect(dialog).toBeHidden();
  await expect(rule).toContainText('> 5000 within 15 min');
  await expect(app.page.getByText('No alert rule fired on the imported telemetry.')).toBeVisible();
  const saved = app.page.getByRole('status').filter({ hasText: 'Rules saved' });
  await saved.getByRole('button', { name: 'Dismiss', exact: true }).click();
  await expect(saved).toHaveCount(0);
  await rule.getByRole('checkbox', { name: 'Brute-force logins on' }).uncheck();
  await expect(rule).toHaveClass(/dimmed/);
  await expect(saved).toBeVisible();
  await app.page.reload();
  await expect(app.page.getByRole('checkbox', { name: 'Brute-force logins on' })).not.toBeChecked();
});

test('keeps 300,000 points smooth: draws a few hundred, counts them all', async ({
  app,
}, testInfo) => {
  const file = testInfo.outputPath('latency.csv');
  const start = Date.UTC(2026, 10, 20);
  const lines = ['timestamp,value'];
  for (let index = 0; index < 300_000; index += 1) {
    const spike = index === 222_222 ? 900 : 0;
    lines.push(
      `${new Date(start + index * 1000).toISOString()},${(20 + (index % 17) + spike).toFixed(1)}`,
    );
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  await new SprintsPage(app.page).createFirstWorkspace('Latency');
  const telemetry = new TelemetryPage(app.page);
  await telemetry.open();
  await telemetry.importFile(file, async (dialog) => {
    await expect(dialog.getByLabel('Name of the metric')).toHaveValue('value');
    await dialog.getByLabel('Name of the metric').fill('latency_ms');
  });
  const chart = telemetry.chart('latency_ms');
  await chart.getByText('Figures', { exact: true }).click();
  const row = chart.getByRole('row', { name: /^latency_ms/ });
  await expect(row).toContainText('300,000');
  await expect(row.getByRole('cell').last()).toHaveText(String(20 + (222_222 % 17) + 900));
  const path = await chart.locator('path.recharts-line-curve').first().getAttribute('d');
  const drawn = (path?.match(/[ML]/g) ?? []).length;
  expect(drawn).toBeGreaterThan(100);
  expect(drawn).toBeLessThanOrEqual(610);
  // The one-second spike survives the reduction: the value axis reaches it.
  const ticks = await chart.locator('.recharts-cartesian-axis-tick-value').allTextContents();
  expect(Math.max(...ticks.map(Number).filter(Number.isFinite))).toBeGreaterThanOrEqual(935);
});

test('explains a file it cannot read and shows hostile text as text', async ({ app }, testInfo) => {
  const notes = testInfo.outputPath('notes.txt');
  writeFileSync(notes, 'meeting notes\nnothing to see here\n');
  const changes = testInfo.outputPath('changes.csv');
  writeFileSync(
    changes,
    'timestamp,category,summary,actor\n2026-11-24T10:00:00Z,configuration,"<img src=x onerror=alert(1)>",<b>mallory</b>\n',
  );
  await new SprintsPage(app.page).createFirstWorkspace('Hostile');
  const telemetry = new TelemetryPage(app.page);
  await telemetry.open();

  await app.page.getByRole('button', { name: 'Import telemetry' }).click();
  const dialog = telemetry.importDialog;
  await dialog.getByLabel('Telemetry file').setInputFiles(notes);
  await expect(dialog.getByText('not recognised; choose what it holds.')).toBeVisible();
  await dialog.getByLabel('What the file holds').selectOption('access-log');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText(
    'notes.txt: nothing in this file could be read as access-log (text); line 1: not an access-log line in combined or common format',
  );
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.page.getByText('Nothing imported yet.')).toBeVisible();

  // A change log alone has no series to chart; with an auth log its markers carry the text as is.
  const auth = testInfo.outputPath('auth.log');
  writeFileSync(auth, [...new AuthLogScenario({ seed: 1 }).generate()].join('\n'));
  await telemetry.importFile(auth, (form) => form.getByLabel('Year of the log').fill('2026'));
  await telemetry.importFile(changes);
  const logins = telemetry.chart('Failed and successful logins');
  await logins.getByText('Changes in view').click();
  await expect(
    logins.getByRole('list', { name: 'Changes in view' }).getByRole('listitem'),
  ).toHaveText(
    '2026-11-24 10:00 UTC — configuration change: <img src=x onerror=alert(1)> (by <b>mallory</b>)',
  );
  await expect(app.page.locator('img[src="x"]')).toHaveCount(0);
});
