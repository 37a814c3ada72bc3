import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sharedFixture } from '../fixtures';
import { assessmentResultsValidator } from '../tools/oscal';
import { mustRun } from '../tools/run';
import { expect, test } from './fixtures';
import { DemosPage } from './pages/demos';
import { EvidencePage } from './pages/evidence';
import { IssuesPage } from './pages/issues';
import { ReportsPage } from './pages/reports';
import { Shell } from './pages/shell';

const PASSPHRASE = 'correct horse battery staple';
const GRYPE = 'grype-amazonlinux.json';
const FINDING = 'ALAS-2024-2607';

/**
 * A real Grype report (Amazon Linux, run 2024-08-29) in which the test marks one match
 * critical, so a finding in it is raised as a P1.
 */
function grypeWithCritical(file: string): string {
  const report = JSON.parse(readFileSync(sharedFixture('grype', GRYPE), 'utf8')) as {
    matches: { vulnerability: { id: string; severity: string } }[];
  };
  const match = report.matches.find((entry) => entry.vulnerability.id === FINDING);
  if (!match) throw new Error(`${FINDING} is in the fixture`);
  match.vulnerability.severity = 'Critical';
  writeFileSync(file, JSON.stringify(report, null, 1));
  return file;
}

/** The one download ending in `suffix` (each is removed once read). */
function newest(dir: string, suffix: string): string {
  const [name = ''] = readdirSync(dir).filter((entry) => entry.endsWith(suffix));
  return path.join(dir, name);
}

test('a P1 raised from a finding in an item’s evidence is in the review, the signed record, the matrix and OSCAL', async ({
  app,
}, testInfo) => {
  test.slow();
  const page = app.page;
  const shell = new Shell(page);
  const demos = new DemosPage(page);
  const evidence = new EvidencePage(page);
  const issues = new IssuesPage(page);
  const reports = new ReportsPage(page);
  const scan = grypeWithCritical(path.join(testInfo.outputPath(), GRYPE));

  await demos.createWorkspaceAndSprint('Payments platform');
  await demos.createDemo({ facilitator: 'Alex Moreno', attendees: ['Dana Reyes, auditor'] });
  await demos.addItem({
    key: 'OPS-9',
    owner: 'Kim Ito',
    title: 'Base image scan',
    description: 'The release image scanned by Grype.',
    controls: ['ra-5'],
  });
  await demos.present();
  await demos.dropOnPresenter(scan);
  await expect(demos.evidenceEntry(GRYPE)).toContainText('1 critical');
  await demos.leavePresenter();

  // Later, in the Evidence area: the critical finding is raised as a P1.
  await shell.nav('Evidence').click();
  await evidence.open(GRYPE);
  const finding = evidence.finding(FINDING);
  await finding.getByRole('button', { name: /^Raise an issue for / }).click();
  const dialog = issues.raiseDialog;
  await expect(dialog.getByRole('radio', { name: /P1/ })).toBeChecked();
  await expect(dialog.getByLabel('Title')).not.toHaveValue('');
  // A short title, so the matrix's table keeps it on one line for pdftotext.
  const title = 'Certifi roots';
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByRole('button', { name: 'Raise P1 issue' }).click();
  await expect(dialog).toBeHidden();

  // The review counts it and lists how it belongs to the demo.
  await shell.nav('Demos').click();
  await page.getByRole('link', { name: 'Sprint 1 demo' }).click();
  await demos.press('Alt+R');
  await expect(page.getByLabel('Summary')).toContainText('Issues raised1 P1 · 0 P2');
  const raised = page.getByRole('table', { name: 'Raised issues' });
  await expect(raised).toContainText(title);
  await expect(raised).toContainText('raised from evidence shown');
  await app.screenshot('review-issue-from-evidence');

  // The signed record: the issue on its item, and the file with its own date, summary and staleness.
  await shell.nav('Settings').click();
  await reports.createIdentity({
    name: 'Dana Reyes',
    organisation: 'Internal Audit',
    email: 'dana@example.com',
    passphrase: PASSPHRASE,
  });
  await shell.nav('Reports').click();
  await reports.chooseDemo('Sprint 1 demo');
  await reports.buildAndSign(PASSPHRASE);
  const verified = reports.buildPanel.getByRole('region', { name: /^Verification of DL-/ });
  await expect(verified.getByRole('status')).toHaveText(
    'Valid: every signature verifies and every signer is trusted.',
  );
  const record = newest(app.downloadsDir, '.pdf');
  const text = mustRun('pdftotext', [record, '-']).replace(/\s+/g, ' ');
  writeFileSync(testInfo.outputPath('record.txt'), text);
  expect(text).toContain('Issues raised 1 (1 P1, 0 P2)');
  expect(text).toMatch(new RegExp(`P1 SEC-1: ${title} — Open.* — raised from evidence shown`));
  expect(text).toContain(`${GRYPE} (`);
  expect(text).toContain('Tool grype 0.79.3 Own date 2024-08-29 17:47 UTC');
  expect(text).toMatch(/What it showed 16 findings \(1 critical, 6 high, 6 medium\)/);
  expect(text).toMatch(/At signing stale since \d{4}-\d\d-\d\d \(fresh for \d+ days\)/);
  const detached = testInfo.outputPath('record-files');
  mkdirSync(detached, { recursive: true });
  mustRun('pdfdetach', ['-saveall', '-o', detached, record]);
  const manifest = JSON.parse(
    readFileSync(path.join(detached, 'evidence-manifest.json'), 'utf8'),
  ) as { manifestVersion: number; files: Record<string, unknown>[] };
  expect(manifest.manifestVersion).toBe(3);
  expect(manifest.files[0]).toMatchObject({
    name: GRYPE,
    tool: { name: 'grype', version: '0.79.3' },
    reading: 'read',
    freshness: 'stale',
    shown: { findings: { critical: 1 } },
  });
  rmSync(record);

  // The period matrix lists it under the demo.
  await reports.buildPanel.getByLabel('Report').selectOption('control-evidence-matrix');
  await reports.buildPanel.getByLabel('From').fill('2026-11-01');
  await reports.buildPanel.getByLabel('To').fill('2026-11-30');
  await reports.buildAndSign(PASSPHRASE);
  await expect(
    reports.buildPanel.getByRole('region', { name: /^Verification of DL-/ }).getByRole('status'),
  ).toHaveText('Valid: every signature verifies and every signer is trusted.');
  const matrix = mustRun('pdftotext', [newest(app.downloadsDir, '.pdf'), '-']).replace(/\s+/g, ' ');
  writeFileSync(testInfo.outputPath('matrix.txt'), matrix);
  expect(matrix).toContain(`SEC-1 P1 ${title} Sprint 1 demo Open`);

  // OSCAL: a risk in the demo's result.
  await reports.buildPanel.getByRole('button', { name: 'Export OSCAL' }).click();
  await expect(page.getByText(/OSCAL assessment results saved to/)).toBeVisible();
  const exported = JSON.parse(readFileSync(newest(app.downloadsDir, '.oscal-ar.json'), 'utf8')) as {
    'assessment-results': { results: { title: string; risks?: { title: string }[] }[] };
  };
  const validate = assessmentResultsValidator();
  expect(validate(exported), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  const result = exported['assessment-results'].results.find(
    (entry) => entry.title === 'Sprint 1 demo demo',
  );
  expect(result?.risks?.map((risk) => risk.title)).toEqual([`P1 SEC-1 ${title}`]);
});
