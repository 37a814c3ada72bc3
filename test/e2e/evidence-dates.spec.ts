import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sharedFixture } from '../fixtures';
import { mustRun } from '../tools/run';
import { expect, test } from './fixtures';
import { DemosPage } from './pages/demos';
import { EvidencePage } from './pages/evidence';
import { ReportsPage } from './pages/reports';
import { Shell } from './pages/shell';

const SAST = sharedFixture('sarif', 'eslint-8-sarif-formatter.sarif');
const ZAP = sharedFixture('zap', 'zap-results-second-scan.xml');
const KEY_MANAGEMENT = 'nist-sp-800-53-rev5#sc-12';
const CODE_ANALYSIS = 'nist-sp-800-53-rev5#sa-11.1';
const PASSPHRASE = 'correct horse battery staple';

/**
 * Evidence dated by its tool, and linked only where it speaks: a SAST report (SARIF with no
 * date of its own) dropped on an item with a key-management and a code-analysis control is
 * linked to the second only, and is "undated" in the presenter, the Evidence area, Coverage and
 * the signed record (pdftotext) and its manifest, until its period is stated by keyboard.
 */
test('a SAST file links only where it speaks and stays undated everywhere until its period is stated', async ({
  app,
}, testInfo) => {
  test.slow();
  const page = app.page;
  const shell = new Shell(page);
  const demos = new DemosPage(page);
  const evidence = new EvidencePage(page);
  const reports = new ReportsPage(page);

  await demos.createWorkspaceAndSprint('Payments platform');
  await demos.createDemo({ facilitator: 'Alex Moreno', attendees: ['Dana Reyes, auditor'] });
  await demos.addItem({
    key: 'PAY-142',
    owner: 'Kim Ito',
    title: 'Card tokenisation',
    description: 'Keys for the token vault, and the static analysis of the tokeniser.',
    controls: [KEY_MANAGEMENT, CODE_ANALYSIS],
  });
  await demos.present();

  // The drop links at once, without a question: code analysis yes, key management no.
  await demos.dropOnPresenter(SAST);
  const entry = demos.evidenceEntry('eslint-8-sarif-formatter.sarif');
  await expect(entry).toContainText('21 findings (18 high, 3 medium)');
  await expect(entry).toContainText(`Linked to ${CODE_ANALYSIS} ·`);
  await expect(entry).not.toContainText(KEY_MANAGEMENT);
  await expect(
    page.getByRole('status').filter({ hasText: 'eslint-8-sarif-formatter.sarif' }),
  ).toContainText(`linked to ${CODE_ANALYSIS} (K to change)`);
  await expect(entry).toContainText('undated');
  await expect(entry).toContainText('The file carries no date of its own');
  await app.screenshot('presenter-undated-sast');

  // K: the links, changed by keyboard and changed back.
  await demos.press('k');
  const links = demos.dialog('Controls the evidence speaks for');
  const keyBox = links.getByRole('checkbox', { name: /sc-12/ });
  const codeBox = links.getByRole('checkbox', { name: /sa-11\.1/ });
  await expect(keyBox).toBeFocused();
  await expect(keyBox).not.toBeChecked();
  await expect(codeBox).toBeChecked();
  await demos.press('Space', 'Enter');
  await demos.noDialogOpen();
  await expect(entry).toContainText(`Linked to ${CODE_ANALYSIS}, ${KEY_MANAGEMENT} ·`);
  await demos.press('k');
  await expect(keyBox).toBeChecked();
  await demos.press('Space', 'Enter');
  await demos.noDialogOpen();
  await expect(entry).toContainText(`Linked to ${CODE_ANALYSIS} ·`);
  await demos.leavePresenter();

  // The Evidence area: undated, never given the copy's modified time.
  await demos.press('Alt+3');
  await expect(evidence.row('eslint-8-sarif-formatter.sarif')).toContainText('undated');
  await expect(evidence.row('eslint-8-sarif-formatter.sarif')).toContainText('Undated');
  // A ZAP report of June 2021 is dated by its `generated` time, and stale.
  await evidence.pick(ZAP);
  await expect(evidence.row('zap-results-second-scan.xml')).toContainText('18 Jun 2021');
  await expect(evidence.row('zap-results-second-scan.xml')).toContainText('stale');

  // Coverage: the SAST file counts for code analysis only, and leaves it undated.
  const openCoverage = async (): Promise<void> => {
    await shell.nav('Demos').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Demos' })).toBeVisible();
    await demos.press('Alt+C');
    await expect(page.getByRole('heading', { level: 1, name: 'Control coverage' })).toBeVisible();
  };
  await openCoverage();
  const coverage = page.getByRole('table', { name: 'Control coverage' });
  const codeRow = coverage.getByRole('row', { name: /sa-11\.1/ });
  await expect(codeRow).toContainText('undated');
  await expect(codeRow).toContainText('Undated evidence only');
  await expect(coverage.getByRole('row', { name: /sc-12/ })).toContainText('Stale: no evidence');
  await expect(page.getByLabel('Coverage summary')).toContainText('Undated evidence only1');
  await app.screenshot('coverage-undated');

  // The signed demo record says "undated" for the file, and so does its manifest.
  await shell.nav('Settings').click();
  await reports.createIdentity({
    name: 'Dana Reyes',
    organisation: 'Internal Audit',
    email: 'dana@example.com',
    passphrase: PASSPHRASE,
  });
  await expect(reports.identityPanel.getByRole('definition').first()).toContainText(
    'CN=Dana Reyes',
  );
  await shell.nav('Reports').click();
  await reports.chooseDemo('Sprint 1 demo');
  await reports.buildAndSign(PASSPHRASE);
  const verified = reports.buildPanel.getByRole('region', { name: /^Verification of DL-/ });
  await expect(verified.getByRole('status')).toHaveText(
    'Valid: every signature verifies and every signer is trusted.',
  );
  const [saved = ''] = readdirSync(app.downloadsDir).filter((name) => name.endsWith('.pdf'));
  const file = path.join(app.downloadsDir, saved);
  const text = mustRun('pdftotext', ['-layout', file, '-']);
  writeFileSync(testInfo.outputPath('record.txt'), text);
  // The evidence section: the file, its own date ("undated") and so never fresh at signing.
  expect(text).toMatch(/^ *eslint-8-sarif-formatter\.sarif \(.+\)$/m);
  expect(text).toMatch(/^ *Own date +undated$/m);
  expect(text).toMatch(/^ *At signing +undated: no date of its own, so never fresh$/m);
  const out = testInfo.outputPath('detached');
  mkdirSync(out, { recursive: true });
  mustRun('pdfdetach', ['-saveall', '-o', out, file]);
  const manifest = JSON.parse(readFileSync(path.join(out, 'evidence-manifest.json'), 'utf8')) as {
    manifestVersion: number;
    files: { name: string; dating: string; effectiveAt: string | null }[];
  };
  expect(manifest.manifestVersion).toBe(3);
  expect(manifest.files).toContainEqual(
    expect.objectContaining({
      name: 'eslint-8-sarif-formatter.sarif',
      dating: 'undated',
      effectiveAt: null,
    }),
  );

  // Stating its period, by keyboard, dates it: fresh in Coverage from then on.
  await demos.press('Alt+3');
  await evidence.open('eslint-8-sarif-formatter.sarif');
  const panel = evidence.region('When it speaks for');
  await expect(panel).toContainText('Undated.');
  // Reached with Tab; a native date field's segment order follows the browser's own locale,
  // so the value is filled rather than typed digit by digit.
  const from = panel.getByLabel('Demonstrates from');
  await demos.tabTo(from);
  await from.fill('2026-11-20');
  const until = panel.getByLabel('Demonstrates until');
  await demos.tabTo(until);
  await until.fill('2026-11-26');
  await demos.tabTo(panel.getByRole('button', { name: 'State the period' }));
  await demos.press('Enter');
  await expect(panel).toContainText('20 Nov 2026 – 26 Nov 2026 (stated by');
  await app.screenshot('evidence-period-stated');
  await openCoverage();
  await expect(codeRow).toContainText('26 Nov 2026');
  await expect(codeRow).toContainText('Fresh');
});
