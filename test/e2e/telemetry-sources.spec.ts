import { mkdirSync, writeFileSync } from 'node:fs';
import { AuthLogScenario } from '../../core/telemetry/generate';
import { readChangeReport } from '../../core/change-reports/reader';
import { HAS_PUPPET, puppetApply } from '../tools/change-tools';
import { expect, test } from './fixtures';
import { EvidencePage } from './pages/evidence';
import { IssuesPage } from './pages/issues';
import { Shell } from './pages/shell';
import { SprintsPage } from './pages/sprints';
import { TelemetryPage } from './pages/telemetry';

const utc = (time: number) => new Date(time).toISOString().slice(0, 16).replace('T', ' ');

test('a host whose auth log stops midway raises a silent-source alert, raised as an issue with its clock', async ({
  app,
}, testInfo) => {
  // One syslog stream from two hosts; web-2 stops sending half-way through the six hours.
  const auth = new AuthLogScenario({
    seed: 5,
    hosts: ['web-1', 'web-2'],
    quiet: { host: 'web-2', after: 0.5 },
  });
  const file = testInfo.outputPath('auth.log');
  writeFileSync(file, `${[...auth.generate()].join('\n')}\n`);
  const silence = auth.truth.silence;
  if (silence === null) throw new Error('the scenario has no quiet host');

  await new SprintsPage(app.page).createFirstWorkspace('Payments platform');
  const telemetry = new TelemetryPage(app.page);
  await telemetry.open();
  await telemetry.importFile(file, (dialog) => dialog.getByLabel('Year of the log').fill('2026'));
  await expect(app.page.getByRole('status').filter({ hasText: 'Imported auth.log' })).toContainText(
    '2 alerts (1 silent source)',
  );

  // The Sources table: both hosts, their cadence, and web-2's silence.
  const web2 = telemetry.sourceRow('web-2 authentication log');
  await expect(web2).toContainText('5 min (learned)');
  await expect(web2).toContainText('silent after 15 min');
  await expect(web2).toContainText(
    `${utc(silence.from)}–${utc(silence.to).slice(11)} UTC (3 h, stopped before the others)`,
  );
  await expect(
    web2.getByRole('list', { name: 'Silences of web-2 authentication log' }),
  ).toHaveCount(1);
  await expect(telemetry.sourceRow('web-1 authentication log')).toContainText('none');

  // The silence is a grey band on the login chart, apart from the brute-force band.
  const logins = telemetry.chart('Failed and successful logins');
  await expect(logins.locator('.silence-band')).toHaveCount(1);
  await expect(logins.locator('.alert-band')).toHaveCount(1);
  await expect(logins.getByRole('figure')).toContainText(
    `1 silence: web-2 authentication log silent ${utc(silence.from)}–${utc(silence.to).slice(11)} UTC`,
  );
  await app.page.getByRole('heading', { name: 'Sources' }).scrollIntoViewIfNeeded();
  await app.screenshot('telemetry-sources-silence');

  // Raise it, with the user's confirmation, as any alert.
  const alert = telemetry.alertRow('Silent source');
  await expect(alert).toContainText('P2');
  await expect(alert).toContainText('silent 3 h');
  await alert.getByRole('button', { name: 'Raise security issue for Silent source' }).click();
  const draft = app.page.getByRole('dialog', { name: 'New security issue from alert' });
  await expect(draft.getByLabel('Title')).toHaveValue(
    /^Silent source: no lines from web-2 authentication log for 3 h/,
  );
  await expect(draft.getByLabel('Priority')).toHaveValue('P2');
  await expect(draft.getByLabel('Description')).toHaveValue(
    /looks exactly like a host nobody attacks/,
  );
  await app.screenshot('telemetry-silence-issue-draft');
  await draft.getByRole('button', { name: 'Raise issue' }).click();
  await expect(draft).toBeHidden();
  const raisedAs = alert.getByRole('link', { name: /^Open SEC-1: Silent source/ });
  await expect(raisedAs).toBeVisible();
  await expect(alert.getByRole('timer')).toHaveAttribute('data-state', 'on-track');

  // The issue, with its SLA clock, in the Issues area.
  await raisedAs.click();
  const issues = new IssuesPage(app.page);
  await expect(
    app.page.getByRole('main').getByRole('heading', { level: 2, name: /^SEC-1 Silent source/ }),
  ).toBeVisible();
  await expect(issues.detailClock).toHaveAttribute('data-state', 'on-track');
  await expect(app.page.getByRole('main')).toContainText('Telemetry alert');
  await app.screenshot('telemetry-silence-issue');

  // A longer cadence set by hand: no silence any more, and the raised alert stays as it was.
  await telemetry.open();
  await web2.getByRole('button', { name: 'Set the cadence of web-2 authentication log' }).click();
  const cadence = app.page.getByRole('dialog', { name: 'Cadence of web-2 authentication log' });
  await cadence.getByLabel('Expect a line at least every (minutes)').fill('');
  await cadence.getByRole('button', { name: 'Save cadence' }).click();
  await expect(cadence.getByText('expected number')).toBeVisible();
  await cadence.getByLabel('Expect a line at least every (minutes)').fill('120');
  await cadence.getByRole('button', { name: 'Save cadence' }).click();
  await expect(cadence).toBeHidden();
  await expect(web2).toContainText('2 h (set)');
  await expect(web2).toContainText('none');
  await expect(telemetry.alertRow('Silent source')).toContainText('SEC-1');
});

test('a real Puppet run report is a change marker counted for its host, and evidence dated by Puppet', async ({
  app,
}, testInfo) => {
  test.skip(!HAS_PUPPET, 'needs Debian’s puppet (apt-get install puppet; CI installs it)');
  const dir = testInfo.outputPath('puppet');
  mkdirSync(dir, { recursive: true });
  const run = puppetApply(dir);
  const reportFile = testInfo.outputPath('last_run_report.yaml');
  writeFileSync(reportFile, run.yaml);
  const report = readChangeReport(run.yaml);
  const ranAt = report.producedAt ?? 0;
  // Logins in the hour around the run, so the marker has a chart to sit on.
  const authFile = testInfo.outputPath('auth.log');
  const auth = new AuthLogScenario({ start: ranAt - 60 * 60_000, minutes: 120 });
  writeFileSync(authFile, `${[...auth.generate()].join('\n')}\n`);

  await new SprintsPage(app.page).createFirstWorkspace('Configuration');
  const telemetry = new TelemetryPage(app.page);
  await telemetry.open();
  await telemetry.importFile(authFile, (dialog) =>
    dialog.getByLabel('Year of the log').fill(String(new Date(ranAt).getUTCFullYear())),
  );
  await telemetry.importFile(reportFile, async (dialog) => {
    await expect(
      dialog.getByText('recognised as Puppet run report (last_run_report.yaml).'),
    ).toBeVisible();
    await expect(dialog.getByLabel('Format')).toHaveValue('report');
  });
  const logins = telemetry.chart('Failed and successful logins');
  await expect(logins.locator('.change-marker')).toHaveCount(1);
  await logins.getByText('Changes in view').click();
  await expect(logins.getByRole('list', { name: 'Changes in view' })).toContainText(
    `${utc(ranAt)} UTC — configuration change: Puppet run on ${report.host}: 3 changes (1 added, 1 removed, 1 changed), 1 failed`,
  );
  const row = telemetry.changesRow(report.host);
  await expect(row).toContainText('Puppet runs');
  await expect(row.getByRole('cell').nth(1)).toHaveText('1');
  await expect(row.getByRole('cell').nth(2)).toHaveText('4');
  await app.screenshot('telemetry-puppet-change');

  // The same file as evidence: its changes, dated by Puppet's own time.
  await new Shell(app.page).nav('Evidence').click();
  const evidence = new EvidencePage(app.page);
  await evidence.pick(reportFile);
  await expect(evidence.row('last_run_report.yaml')).toContainText(
    '3 changes: 1 added, 1 removed, 1 changed; 1 failed',
  );
  await evidence.open('last_run_report.yaml');
  await expect(evidence.countCard('Failed')).toContainText('1');
  const changes = app.page.getByRole('table', { name: 'Changes' });
  await expect(
    changes.getByRole('row').filter({ hasText: 'Exec[reload-broken-service]' }),
  ).toContainText('failed');
  await expect(app.page.getByRole('main')).toContainText(
    `Produced${new Date(ranAt).toISOString().slice(0, 19).replace('T', ' ')} UTC`,
  );
  await app.screenshot('evidence-puppet-report');
});
