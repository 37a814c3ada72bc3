import { readdirSync } from 'node:fs';
import path from 'node:path';
import { mustRun, tool } from '../tools/run';
import { expect, test } from './fixtures';
import { TrustSteps } from './pages/bundles';
import { DemosPage } from './pages/demos';
import { YouSettings } from './pages/people';
import { ReportsPage } from './pages/reports';
import { Shell } from './pages/shell';

const DANA_PASSPHRASE = 'correct horse battery staple';
const SAM_PASSPHRASE = 'tr0ub4dor and three more words';

test('two people sign off one demo, each with their own identity; the PDF and verify name both certificates', async ({
  app,
}, testInfo) => {
  test.slow();
  const page = app.page;
  const shell = new Shell(page);
  const demos = new DemosPage(page);
  const reports = new ReportsPage(page);
  const trust = new TrustSteps(page);
  const you = new YouSettings(page);
  const downloads = (ext: string) =>
    readdirSync(app.downloadsDir).filter((name) => name.endsWith(ext));

  // Dana (the person the first run made) keeps an identity of her own.
  await demos.createWorkspaceAndSprint('Payments platform');
  await shell.nav('Settings').click();
  await reports.createIdentity({
    name: 'Dana Reyes',
    organisation: 'Acme Audit',
    email: 'dana@example.com',
    passphrase: DANA_PASSPHRASE,
  });
  await trust.exportCertificate();
  const [danaPem = ''] = downloads('.pem');

  await demos.createDemo({
    facilitator: 'Alex Moreno',
    attendees: ['Dana Reyes, auditor', 'Sam Patel (infosec)'],
  });
  await demos.addItem({
    key: 'PAY-142',
    owner: 'Kim Ito',
    title: 'Card tokenisation',
    description: 'Tokens come from the HSM.',
    controls: ['nist-sp-800-53-rev5#sc-12'],
  });

  // No name to type: the sign-off is Dana's signature.
  await demos.press('Alt+R');
  await expect(demos.signOffForm.getByRole('textbox')).toHaveCount(0);
  await expect(demos.signOffForm).toContainText('Signed by CN=Dana Reyes');
  await demos.signOff('Sign off the demo', DANA_PASSPHRASE);
  const banner = page.getByRole('region', { name: 'Sign-off status' });
  await expect(banner).toContainText('Signed off by Dana Reyes');

  // Sam joins on the same computer with his own identity and adds his signature.
  await shell.nav('Settings').click();
  await you.addPerson({ name: 'Sam Patel', role: 'Security', organisation: 'Acme Security' });
  await reports.createIdentity({
    name: 'Sam Patel',
    organisation: 'Acme Security',
    email: 'sam@example.com',
    passphrase: SAM_PASSPHRASE,
  });
  await trust.exportCertificate();
  const [samPem = ''] = downloads('.pem').filter((name) => name !== danaPem);
  expect(samPem).not.toBe('');
  await shell.nav('Demos').click();
  await page.getByRole('link', { name: 'Sprint 1 demo' }).click();
  await demos.press('Alt+R');
  await expect(demos.signOffForm).toContainText('signed off and unchanged since');
  await demos.signOff('Add your signature', SAM_PASSPHRASE);
  const signatures = page.getByRole('list', { name: 'Signatures on the record' });
  await expect(signatures.getByRole('listitem')).toHaveCount(2);
  await expect(signatures).toContainText('CN=Dana Reyes');
  await expect(signatures).toContainText('CN=Sam Patel');
  await expect(signatures.getByText(/^Valid; certificate trusted/)).toHaveCount(2);
  await expect(page.getByText('You have signed this off.')).toBeVisible();
  await app.screenshot('demo-two-sign-offs');

  // Sam builds the signed record.
  await shell.nav('Reports').click();
  await reports.chooseDemo('Sprint 1 demo');
  await reports.buildAndSign(SAM_PASSPHRASE);
  const result = reports.buildPanel.getByRole('region', { name: /^Verification of DL-.*-DEM-/ });
  await expect(result.getByRole('status')).toHaveText(
    'Valid: every signature verifies and every signer is trusted.',
  );
  const [saved = ''] = downloads('.pdf');
  const file = path.join(app.downloadsDir, saved);

  // The PDF: its Author is the person; its record lists both sign-offs and carries them.
  expect(mustRun('pdfinfo', [file])).toMatch(/^Author:\s+Sam Patel$/m);
  const text = mustRun('pdftotext', [file, '-']).replace(/\s+/g, ' ');
  expect(text).toContain('Sign-offs');
  expect(text).toContain('CN=Dana Reyes');
  expect(text).toContain('CN=Sam Patel');
  expect(mustRun('pdfdetach', ['-list', file])).toContain('demo-sign-offs.json');

  // verify names both certificates, trusting the two exported ones; without Sam's, it fails.
  const verify = (...args: string[]) =>
    tool(process.execPath, ['bin/demo-ledger.js', 'verify', ...args, file]);
  const both = verify(
    '--trust',
    path.join(app.downloadsDir, danaPem),
    '--trust',
    path.join(app.downloadsDir, samPem),
  );
  expect(both.status, both.stdout + both.stderr).toBe(0);
  expect(both.stdout).toMatch(
    /Sign-off of Sprint 1 demo \(CN=Dana Reyes[^)]*\) \[certificate SHA-256 [0-9a-f]{64}\].*: valid, trusted; signs the record as shown/,
  );
  expect(both.stdout).toMatch(
    /Sign-off of Sprint 1 demo \(CN=Sam Patel[^)]*\) \[certificate SHA-256 [0-9a-f]{64}\].*: valid, trusted; signs the record as shown/,
  );
  const danaOnly = verify('--trust', path.join(app.downloadsDir, danaPem));
  expect(danaOnly.status, danaOnly.stdout).toBe(1);
  expect(danaOnly.stdout).toMatch(/Sign-off of Sprint 1 demo \(CN=Sam Patel[^)]*\).*NOT TRUSTED/);
  testInfo.annotations.push({ type: 'verify', description: both.stdout });
});
