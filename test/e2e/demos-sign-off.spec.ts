import { readdirSync } from 'node:fs';
import path from 'node:path';
import { mustRun, tool } from '../tools/run';
import { APP_LOCALE, APP_TIME_ZONE, appNow, expect, test } from './fixtures';
import { TrustSteps } from './pages/bundles';
import { DemosPage } from './pages/demos';
import { YouSettings } from './pages/people';
import { ReportsPage } from './pages/reports';
import { Shell } from './pages/shell';
import { expectNotCovered } from './support/boxes';

const DANA_PASSPHRASE = 'correct horse battery staple';
const SAM_PASSPHRASE = 'tr0ub4dor and three more words';
const SC12 = 'nist-sp-800-53-rev5#sc-12';
const AC2 = 'nist-sp-800-53-rev5#ac-2';

/** An instant's day in the app's zone as pdfsig writes it: `Nov 27 2026`. */
function pdfsigDay(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    day: '2-digit',
    month: 'short',
    year: 'numeric',
    timeZone: APP_TIME_ZONE,
  }).formatToParts(at);
  const part = (type: string) => parts.find((item) => item.type === type)?.value ?? '';
  return `${part('month')} ${part('day')} ${part('year')}`;
}

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
    controls: [SC12, AC2],
  });

  // In the demo, sc-12 fails and nobody raises an issue; ac-2 gets a 30-day exception.
  await demos.present();
  await demos.press('n');
  await expect(demos.verdictOf(SC12)).toContainText('Not satisfied');
  await demos.press('ArrowDown', 'e');
  const exception = demos.dialog('Exception');
  await expect(exception.getByLabel('Reason')).toBeFocused();
  await demos.type('Key rotation moves to the new HSM next month');
  await exception.getByLabel('Expires in').selectOption('30');
  await exception.getByRole('button', { name: 'Record exception' }).click();
  await expect(exception).toBeHidden();
  await expect(demos.verdictOf(AC2)).toContainText('Exception');
  await demos.leavePresenter();

  // No name to type: the sign-off is Dana's signature. First the guard: both are listed and
  // the Sign button waits for her acknowledgement.
  await demos.press('Alt+R');
  await expect(demos.signOffForm.getByRole('textbox')).toHaveCount(0);
  await expect(demos.signOffForm).toContainText('Signed by CN=Dana Reyes');
  const guard = demos.signOffGuard;
  await expect(
    guard.getByRole('list', { name: 'Failed verdicts with no issue and no exception' }),
  ).toHaveText(
    `${SC12} on PAY-142 Card tokenisation: not satisfied, with no issue raised and no exception`,
  );
  await expect(
    guard.getByRole('list', { name: 'Exceptions expiring within 30 days' }),
  ).toContainText(`${AC2} on PAY-142 Card tokenisation: exception expires`);
  await expect(guard).toContainText('(30 days left)');
  await demos.signOffForm.getByRole('checkbox', { name: /^I attended this demo/ }).check();
  const signButton = demos.signOffForm.getByRole('button', { name: 'Sign off the demo' });
  await expect(signButton).toBeDisabled();
  // Keyboard: Tab reaches the acknowledgement and Space ticks it.
  const acknowledge = guard.getByRole('checkbox', { name: /I have read these 2 items/ });
  await demos.tabTo(acknowledge);
  await demos.press('Space');
  await expect(acknowledge).toBeChecked();
  await expect(signButton).toBeEnabled();
  await app.screenshot('demo-sign-off-guard');

  // A notice never lies over the Sign button: notices take a strip below the page, whatever
  // the window's size. The presenter's undo offers run out first (so Ctrl+Z undoes nothing and
  // says so), and the page's clock is held while the notice is measured so it cannot time out.
  await page.clock.fastForward('00:11');
  await page.clock.pauseAt(new Date((await appNow(page)).getTime() + 1000));
  await demos.press('Control+z');
  await expect(shell.notices.getByRole('status')).toHaveText([/^Nothing to undo\./]);
  for (const size of [
    { width: 1280, height: 800 },
    { width: 820, height: 600 },
  ]) {
    await page.setViewportSize(size);
    await signButton.scrollIntoViewIfNeeded();
    await expectNotCovered(signButton, shell.notices);
    // Nothing else takes the click either: Playwright's hit-target check, without signing yet.
    await signButton.click({ trial: true });
  }
  await app.screenshot('demo-sign-off-notice-narrow');
  await page.setViewportSize({ width: 1280, height: 820 });
  await page.clock.resume();

  await acknowledge.uncheck();
  await demos.signOff('Sign off the demo', DANA_PASSPHRASE, true);
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
  await demos.signOff('Add your signature', SAM_PASSPHRASE, true);
  const signatures = page.getByRole('list', { name: 'Signatures on the record' });
  await expect(signatures.getByRole('listitem')).toHaveCount(2);
  await expect(signatures).toContainText('CN=Dana Reyes');
  await expect(signatures).toContainText('CN=Sam Patel');
  await expect(signatures.getByText(/^Valid; certificate trusted/)).toHaveCount(2);
  // Each signature carries the app's day (main signs on the pages' clock), not the machine's.
  const today = new Intl.DateTimeFormat(APP_LOCALE, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: APP_TIME_ZONE,
  }).format(await appNow(page));
  const signedOn = (await signatures.getByRole('listitem').allInnerTexts()).map(
    (text) => /as [^,]+, (\d{1,2} \w{3} \d{4}), \d{2}:\d{2}/.exec(text)?.[1],
  );
  expect(signedOn).toEqual([today, today]);
  // Why each is trusted: Sam (at the keyboard) signed with his own; Dana's identity is kept here.
  await expect(signatures.getByRole('listitem', { name: /Signature of Sam Patel/ })).toContainText(
    'certificate trusted: your own certificate',
  );
  await expect(signatures.getByRole('listitem', { name: /Signature of Dana Reyes/ })).toContainText(
    'certificate trusted: a signing identity kept on this computer (Dana Reyes)',
  );
  await expect(signatures.getByRole('listitem', { name: /Signature of Dana Reyes/ })).toContainText(
    'Acknowledged 2 open items before signing (Dana Reyes,',
  );
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
  await expect(result).toContainText('Trusted: your own certificate');
  const [saved = ''] = downloads('.pdf');
  const file = path.join(app.downloadsDir, saved);

  // The PDF: its Author is the person; its record lists both sign-offs and carries them.
  expect(mustRun('pdfinfo', [file])).toMatch(/^Author:\s+Sam Patel$/m);
  // pdfsig reads the signing time in the runner's zone (the app's, playwright.config.ts).
  expect(tool('pdfsig', [file]).stdout).toContain(
    `Signing Time: ${pdfsigDay(await appNow(page))} `,
  );
  const text = mustRun('pdftotext', [file, '-']).replace(/\s+/g, ' ');
  expect(text).toContain('Sign-offs');
  expect(text).toContain('CN=Dana Reyes');
  expect(text).toContain('CN=Sam Patel');
  expect(mustRun('pdfdetach', ['-list', file])).toContain('demo-sign-offs.json');
  // Each signer's acknowledgement, as signed: who, and the items left open.
  expect(text).toMatch(
    /Acknowledged before signing by Dana Reyes, \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC: 2 items left open/,
  );
  expect(text).toMatch(
    /Acknowledged before signing by Sam Patel, \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC: 2 items left open/,
  );
  expect(text).toContain(
    `${SC12} on PAY-142 Card tokenisation: not satisfied, with no issue raised and no exception`,
  );
  expect(text).toMatch(
    new RegExp(`${AC2} on PAY-142 Card tokenisation: exception expires \\d{4}-\\d{2}-\\d{2}`),
  );

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
    /Sign-off of Sprint 1 demo \(CN=Dana Reyes[^)]*\) \[certificate SHA-256 [0-9a-f]{64}\].*: valid, trusted: a certificate passed with --trust \([^)]+\.pem\); signs the record as shown/,
  );
  expect(both.stdout).toMatch(
    /Sign-off of Sprint 1 demo \(CN=Sam Patel[^)]*\) \[certificate SHA-256 [0-9a-f]{64}\].*: valid, trusted: a certificate passed with --trust \([^)]+\.pem\); signs the record as shown/,
  );
  const danaOnly = verify('--trust', path.join(app.downloadsDir, danaPem));
  expect(danaOnly.status, danaOnly.stdout).toBe(1);
  expect(danaOnly.stdout).toMatch(/Sign-off of Sprint 1 demo \(CN=Sam Patel[^)]*\).*NOT TRUSTED/);
  // And it says how to get the app's answer.
  expect(danaOnly.stdout).toContain(
    "pass --trust FILE with the signer's certificate or its CA (export it from Settings → Signing identities)",
  );
  testInfo.annotations.push({ type: 'verify', description: both.stdout });
});
