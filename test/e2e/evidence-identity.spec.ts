import { readFileSync, writeFileSync } from 'node:fs';
import { sharedFixture } from '../fixtures';
import { OPENSSH_CVES, exploitsFor, nmapVulners, zapWithout } from '../support/identity-samples';
import { expect, test } from './fixtures';
import { EvidencePage } from './pages/evidence';
import { Shell } from './pages/shell';
import { SprintsPage } from './pages/sprints';

const WEBGOAT = sharedFixture('zap/zap-webgoat.json');

test('a new alert of an old ZAP report is drift, and Nmap exploit references sit on their CVE', async ({
  app,
}, testInfo) => {
  test.slow();
  const shell = new Shell(app.page);
  await new SprintsPage(app.page).createFirstWorkspace('WebGoat');
  await shell.nav('Evidence').click();
  const evidence = new EvidencePage(app.page);

  // The scan before, a day earlier and without the PUT alert, then the real report.
  const current = new Uint8Array(readFileSync(WEBGOAT));
  const before = new TextDecoder()
    .decode(zapWithout(current, 'Insecure HTTP Method - PUT'))
    .replace('Thu, 6 Dec 2018 10:53:11', 'Wed, 5 Dec 2018 10:53:11');
  const previous = testInfo.outputPath('webgoat-before.json');
  writeFileSync(previous, before);
  await evidence.pick(previous);
  await expect(evidence.row('webgoat-before.json')).toContainText('27 findings');
  await evidence.pick(WEBGOAT);
  await expect(evidence.row('zap-webgoat.json')).toContainText('28 findings');
  await evidence.open('zap-webgoat.json');
  const added = evidence.driftGroup('New findings');
  await expect(added.getByRole('definition')).toHaveCount(1);
  await expect(added).toContainText('90028');
  await expect(added).toContainText('ixvsrz0hz5');
  await added.scrollIntoViewIfNeeded();
  await app.screenshot('evidence-zap-new-alert-drift');

  // Nine CVEs and 33 exploit references on one OpenSSH port: nine findings.
  const nmap = testInfo.outputPath('openssh-vulners.xml');
  writeFileSync(nmap, nmapVulners([...OPENSSH_CVES, ...exploitsFor(OPENSSH_CVES, 4).slice(0, 33)]));
  await evidence.backToList();
  await evidence.pick(nmap);
  await expect(evidence.row('openssh-vulners.xml')).toContainText('9 findings');
  await evidence.open('openssh-vulners.xml');
  const cve = evidence.finding('CVE-2020-15778');
  await cve.getByText('4 exploit references').click();
  await expect(cve.getByRole('link')).toHaveCount(4);
  await expect(cve.getByRole('link', { name: 'MSF:40020' })).toHaveAttribute(
    'href',
    'https://vulners.com/metasploit/MSF%3A40020',
  );
  await expect(cve).toContainText('same CVSS score');
  await cve.scrollIntoViewIfNeeded();
  await app.screenshot('evidence-nmap-exploit-references');
});
