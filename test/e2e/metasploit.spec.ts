import { spawnSync } from 'node:child_process';
import { localFixture } from '../fixtures';
import { expect, test } from './fixtures';
import { EvidencePage } from './pages/evidence';
import { Shell } from './pages/shell';
import { SprintsPage } from './pages/sprints';

const PREVIOUS = localFixture('metasploit', 'msf-v5-previous.xml');
const CURRENT = localFixture('metasploit', 'msf-v5-current.xml');
const CREDENTIALS = localFixture('metasploit', 'msf-v4-credentials.xml');

function sha256sum(file: string): string {
  return spawnSync('sha256sum', [file], { encoding: 'utf8' }).stdout.split(' ')[0] ?? '';
}

test('two Metasploit runs: the later one reports exactly the drift; an export with credentials is stored redacted', async ({
  app,
}) => {
  await new SprintsPage(app.page).createFirstWorkspace('Hardening checks');
  await new Shell(app.page).nav('Evidence').click();
  const evidence = new EvidencePage(app.page);
  await evidence.dropZone.waitFor();

  await evidence.pick(PREVIOUS);
  await expect(evidence.row('msf-v5-previous.xml')).toContainText('1 host, 3 open ports');
  await evidence.pick(CURRENT);
  await expect(evidence.row('msf-v5-current.xml')).toContainText(
    '1 session opened; 4 findings (2 critical, 1 medium); 1 host, 3 open ports',
  );
  await expect(app.page.getByRole('list', { name: 'Just attached' })).toContainText(
    'since msf-v5-previous.xml: sessions opened 1, ports opened 1, ports closed 1, new findings 1',
  );

  await evidence.open('msf-v5-current.xml');
  await expect(evidence.driftGroup('Sessions opened').getByRole('definition')).toHaveText([
    '10.0.0.5:445 via exploit/windows/smb/ms17_010_eternalblue',
  ]);
  await expect(evidence.driftGroup('Ports opened').getByRole('definition')).toHaveText([
    '10.0.0.5 445/tcp smb Windows Server 2016 Standard 14393 microsoft-ds',
  ]);
  await expect(evidence.driftGroup('Ports closed').getByRole('definition')).toHaveText([
    '10.0.0.5 21/tcp ftp Microsoft ftpd',
  ]);
  await expect(evidence.driftGroup('New findings').getByRole('definition')).toHaveText([
    '[critical] CVE-2017-0143 — 10.0.0.5:445/tcp',
  ]);
  // Nothing else changed.
  await expect(
    app.page.getByRole('region', { name: /^Changes since/ }).locator('.drift-group.changed'),
  ).toHaveCount(4);
  await expect(evidence.finding('CVE-2017-0143')).toContainText('MS17-010');
  await app.screenshot('evidence-metasploit-drift');

  // An export holding credentials: said at attach, and a redacted copy stored instead.
  await evidence.backToList();
  await evidence.pick(CREDENTIALS);
  const dialog = app.page.getByRole('dialog', { name: 'This file holds secrets' });
  await expect(dialog).toContainText('holds 2 credential secrets in clear');
  await app.screenshot('evidence-metasploit-secrets');
  await dialog.getByRole('button', { name: 'Store a redacted copy' }).click();
  await expect(app.page.getByRole('list', { name: 'Just attached' })).toContainText(
    'redacted copy stored (7 secrets replaced)',
  );
  await evidence.open('msf-v4-credentials.xml');
  await expect(app.page.getByTestId('evidence-original-sha256')).toHaveText(sha256sum(CREDENTIALS));
  await expect(app.page.getByTestId('evidence-sha256')).not.toHaveText(sha256sum(CREDENTIALS));
  await expect(app.page.getByRole('main')).not.toContainText('in clear (never shown here)');
});
