import { conformanceFile } from '../fixtures';
import { expect, test } from './fixtures';
import { DemosPage } from './pages/demos';
import { EvidencePage } from './pages/evidence';
import { Shell } from './pages/shell';

// testssl.sh that could not connect: its only row is FATAL.
const FAILED_TLS = conformanceFile('defectdojo', 'testssl', 'failed_target.csv');
// A Trivy Operator VulnerabilityReport: a scanner report no reader of ours understands.
const OPERATOR = conformanceFile(
  'defectdojo',
  'trivy_operator',
  'vulnerabilityreport_single_vuln.json',
);
const SC8 = 'nist-sp-800-53-rev5#sc-8';

test('a failed scan and a report no reader understands are flagged on the demo item and their page, and coverage does not count them', async ({
  app,
}) => {
  test.slow();
  const page = app.page;
  const demos = new DemosPage(page);
  await demos.createWorkspaceAndSprint('TLS estate');
  await demos.createDemo({ facilitator: 'Alex Moreno', attendees: ['Dana Reyes, auditor'] });
  await demos.addItem({
    key: 'OPS-9',
    owner: 'Kim Ito',
    title: 'TLS and cluster scans',
    description: 'The release pipeline scanned the edge and the cluster.',
    controls: [SC8],
  });
  await demos.present();

  await demos.dropOnPresenter(FAILED_TLS);
  const tls = demos.evidenceEntry('failed_target.csv');
  await expect(tls).toContainText('scan failed');
  await expect(tls).toContainText("testssl.sh could not scan: Can't connect to '1.2.3.4:443'");
  await expect(tls).toContainText('not counted as evidence');
  await expect(tls).not.toContainText('0 findings');

  await demos.dropOnPresenter(OPERATOR);
  const operator = demos.evidenceEntry('vulnerabilityreport_single_vuln.json');
  await expect(operator).toContainText('not understood');
  await expect(operator).toContainText('looks like a scanner report');
  await expect(operator).toContainText('not counted as evidence');
  await operator.scrollIntoViewIfNeeded();
  await app.screenshot('presenter-flagged-evidence');

  // Coverage: the item's control has no evidence that counts, and the page says why.
  await demos.leavePresenter();
  await demos.press('Alt+2', 'Alt+C');
  const coverage = page.getByRole('table', { name: 'Control coverage' });
  await expect(coverage.getByRole('row', { name: /sc-8/ })).toContainText('Stale: no evidence');
  // The failed scan is linked to SC-8 (testssl.sh demonstrates it) and counts for nothing; the
  // report no reader understood is linked to no control, so it is not among them.
  await expect(page.getByText(/1 file linked to controls shows nothing/)).toBeVisible();

  // The Evidence area: a badge in the list, an alert on the file's page, no counts shown.
  await new Shell(page).nav('Evidence').click();
  const evidence = new EvidencePage(page);
  await expect(evidence.row('failed_target.csv')).toContainText('scan failed');
  await expect(evidence.row('vulnerabilityreport_single_vuln.json')).toContainText(
    'not understood',
  );
  await evidence.open('failed_target.csv');
  const alert = evidence.readingFlag('Scan failed');
  await expect(alert).toContainText("testssl.sh could not scan: Can't connect");
  await expect(alert).toContainText('does not count as evidence that a control was demonstrated');
  await expect(page.getByRole('list', { name: 'Counts' })).toHaveCount(0);
  await app.screenshot('evidence-scan-failed');
});
