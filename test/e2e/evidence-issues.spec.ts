import { readFileSync, writeFileSync } from 'node:fs';
import { sharedFixture } from '../fixtures';
import { expect, test } from './fixtures';
import { EvidencePage } from './pages/evidence';
import { IssuesPage } from './pages/issues';
import { Shell } from './pages/shell';
import { SprintsPage } from './pages/sprints';

const FIRST = sharedFixture('zap/zap-results-first-scan.xml');
const SECOND = sharedFixture('zap/zap-results-second-scan.xml');

/**
 * The next scan, as a pipeline would produce it: the fixture pair's own `generated` times run
 * backwards (the "second" says 18 June 2021, the first 20 June), and scans of a source are
 * ordered by the time their tool ran, so the copy says it ran the day after the first.
 */
function nextScan(file: string): string {
  const text = readFileSync(SECOND, 'utf8').replace(
    /generated="[^"]*"/,
    'generated="Mon, 21 Jun 2021 09:30:00"',
  );
  writeFileSync(file, text);
  return file;
}

test('raise an issue from a ZAP finding, see its clock, and see it suggested verified by the next scan', async ({
  app,
}, testInfo) => {
  const shell = new Shell(app.page);
  await new SprintsPage(app.page).createFirstWorkspace('Bodgeit web store');
  await shell.nav('Evidence').click();
  const evidence = new EvidencePage(app.page);
  await evidence.pick(FIRST);
  await expect(evidence.row('zap-results-first-scan.xml')).toContainText('15 findings');

  // Raise an issue from the PII Disclosure finding (ZAP risk high → P2).
  await evidence.open('zap-results-first-scan.xml');
  const pii = evidence.finding('PII Disclosure');
  await pii.getByRole('button', { name: /^Raise an issue for 10062 at / }).click();
  const issues = new IssuesPage(app.page);
  const dialog = issues.raiseDialog;
  await expect(dialog.getByLabel('Title')).toHaveValue('PII Disclosure');
  await expect(dialog.getByRole('radio', { name: /P2/ })).toBeChecked();
  await expect(dialog.getByLabel('Controls')).toHaveValue(
    'nist-sp-800-53-rev5#ra-5 nist-sp-800-53-rev5#si-10',
  );
  await expect(dialog.getByLabel('Description')).toHaveValue(
    /Found in zap-results-first-scan\.xml\.\n\nRule: 10062\nSeverity reported: high/,
  );
  await app.screenshot('evidence-finding-raise-dialog');
  await dialog.getByRole('button', { name: 'Raise P2 issue' }).click();
  await expect(dialog).toBeHidden();

  // The finding now shows its issue, status and clock instead of the button.
  await expect(pii.getByRole('link', { name: 'Open SEC-1: PII Disclosure' })).toBeVisible();
  await expect(pii).toContainText('Open');
  await expect(pii.getByRole('timer')).toHaveAttribute('data-state', 'on-track');
  await expect(pii.getByRole('button', { name: /^Raise an issue/ })).toHaveCount(0);
  await pii.scrollIntoViewIfNeeded();
  await app.screenshot('evidence-finding-raised');

  // In Issues, with its live SLA clock.
  await shell.nav('Issues').click();
  await expect(issues.clockOf('PII Disclosure')).toHaveAttribute('data-state', 'on-track');
  await expect(issues.clockOf('PII Disclosure')).toContainText(/left/);
  await issues.open('PII Disclosure');
  await expect(issues.verification).toContainText(
    'No later evidence from this source without the finding yet.',
  );

  // The next scan of the same site no longer has the finding: suggested as verified.
  await shell.nav('Evidence').click();
  await evidence.pick(nextScan(testInfo.outputPath('zap-results-second-scan.xml')));
  await expect(evidence.row('zap-results-second-scan.xml')).toContainText('18 findings');
  await expect(app.page.getByRole('list', { name: 'Just attached' })).toContainText(
    'since zap-results-first-scan.xml',
  );
  // The Issues area still shows the issue that was open there.
  await shell.nav('Issues').click();
  await expect(shell.main.getByRole('heading', { level: 2, name: /SEC-1/ })).toBeVisible();
  await expect(issues.verification.getByRole('status')).toContainText(
    'no longer contains this finding',
  );
  await app.screenshot('issue-suggested-verified');
  await issues.verification.getByRole('button', { name: 'Mark verified' }).click();
  await expect(issues.verification.getByRole('button', { name: 'Mark verified' })).toHaveCount(0);
  await expect(app.page.getByRole('main')).toContainText('Verified');
});
