import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { sharedFixture } from '../fixtures';
import { sampleCharts } from '../support/charts';
import { mustRun } from '../tools/run';
import { expect, test } from './fixtures';
import { DemosPage } from './pages/demos';
import { EvidencePage } from './pages/evidence';
import { IssuesPage } from './pages/issues';
import { ReportsPage } from './pages/reports';
import { Shell } from './pages/shell';

const PASSPHRASE = 'correct horse battery staple';
const SC12 = 'nist-sp-800-53-rev5#sc-12';
const AC2 = 'nist-sp-800-53-rev5#ac-2';
const SI4 = 'nist-sp-800-53-rev5#si-4';
const OBSERVATION = 'Tokens are generated in the HSM; no card number reaches the API logs.';
const QUESTION = 'Who can read the token vault audit trail?';
const EXCEPTION = 'Legacy admin accounts remain until the directory migration';

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The audit log entry with this sequence number, read straight from IndexedDB. */
async function auditEntryHash(page: Page, seq: number): Promise<string | null> {
  return page.evaluate(
    (wanted) =>
      new Promise<string | null>((resolve, reject) => {
        const request = indexedDB.open('demo-ledger');
        request.onerror = () => reject(new Error('IndexedDB did not open'));
        request.onsuccess = () => {
          const read = request.result.transaction('auditLog').objectStore('auditLog').get(wanted);
          read.onsuccess = () =>
            resolve((read.result as { hash?: string } | undefined)?.hash ?? null);
          read.onerror = () => reject(new Error('the audit entry could not be read'));
        };
      }),
    seq,
  );
}

/** Settings → Signing identity: the auditor's key and certificate. */
async function createIdentity(shell: Shell, reports: ReportsPage): Promise<void> {
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
}

/** Renders PDF pages to PNG next to the app's screenshots, to look at the layout. */
function pagePictures(file: string, name: string, pages: number): void {
  const dir = path.resolve('reports/screenshots');
  mkdirSync(dir, { recursive: true });
  mustRun('pdftoppm', ['-r', '60', '-png', '-l', String(pages), file, path.join(dir, name)]);
}

test('runs a small demo, exports its signed record with the evidence inside, and every tool agrees', async ({
  app,
}, testInfo) => {
  // A demo, the evidence area, signing and five outside tools in one test.
  test.slow();
  const page = app.page;
  const shell = new Shell(page);
  const demos = new DemosPage(page);
  const evidence = new EvidencePage(page);
  const reports = new ReportsPage(page);

  // Pipeline evidence kept by the ledger: a scan and a telemetry chart (its data object).
  const scanFile = sharedFixture('nmap', 'nmap-localhost-current.xml');
  const chartFile = testInfo.outputPath('telemetry-logins.json');
  const [chart] = sampleCharts();
  writeFileSync(chartFile, `${JSON.stringify(chart, null, 2)}\n`);
  await demos.createWorkspaceAndSprint('Payments platform');
  await demos.press('Alt+3');
  await evidence.pick(scanFile, chartFile);
  await expect(evidence.row('nmap-localhost-current.xml')).toBeVisible();
  await expect(evidence.row('telemetry-logins.json')).toBeVisible();
  await evidence.open('telemetry-logins.json');
  await evidence.linkControl(SI4);
  await expect(evidence.linkedControls()).toContainText(SI4);

  // A one-item demo: observation, question, two verdicts (one an exception), the evidence, a P1.
  await demos.createDemo({
    facilitator: 'Alex Moreno',
    attendees: ['Dana Reyes, auditor', 'Sam Patel (infosec)'],
  });
  await demos.addItem({
    key: 'PAY-142',
    owner: 'Kim Ito',
    title: 'Card tokenisation',
    description: 'Card numbers are replaced by tokens at the edge.',
    controls: [SC12, AC2],
  });
  await demos.present();
  await demos.press('m');
  const attendance = demos.dialog('Attendance');
  await expect(attendance.getByRole('checkbox', { name: /Dana Reyes/ })).toBeFocused();
  await demos.press('Space', 'Escape');
  await demos.noDialogOpen();
  await demos.observe(OBSERVATION);
  await demos.observe(QUESTION, 'q');
  await demos.press('s');
  await expect(demos.verdictOf(SC12)).toContainText('Satisfied');
  await demos.press('ArrowDown', 'e');
  const exception = demos.dialog('Exception');
  await expect(exception.getByLabel('Reason')).toBeFocused();
  await demos.type(EXCEPTION);
  const expires = await exception.getByLabel('Expires', { exact: true }).inputValue();
  await demos.tabTo(exception.getByRole('button', { name: 'Record exception' }));
  await demos.press('Enter');
  await demos.noDialogOpen();
  await expect(demos.verdictOf(AC2)).toContainText('Exception');
  await page.getByLabel('Attach evidence').setInputFiles([scanFile, chartFile]);
  await expect(demos.timeline()).toContainText('telemetry-logins.json');
  await demos.press('i');
  const raise = demos.dialog('Raise a security issue');
  await expect(raise.getByLabel('Title')).toBeFocused();
  await demos.press('Enter');
  await demos.noDialogOpen();
  await demos.press('Alt+R');
  const signOff = page.getByRole('form', { name: 'Sign off' });
  await demos.tabTo(signOff.getByRole('checkbox'));
  await demos.press('Space');
  await demos.tabTo(signOff.getByRole('button', { name: 'Sign off the demo' }));
  await demos.press('Enter');
  await expect(page.getByRole('region', { name: 'Sign-off status' })).toContainText(
    'Signed off by Dana Reyes',
  );

  // The auditor's identity, then the demo's signed record with the evidence embedded.
  await createIdentity(shell, reports);
  await shell.nav('Reports').click();
  await reports.chooseDemo('Sprint 1 demo');
  await expect(reports.embedEvidence).toBeChecked();
  await reports.buildAndSign(PASSPHRASE);
  const result = reports.buildPanel.getByRole('region', { name: /^Verification of DL-.*-DEM-/ });
  await expect(result.getByRole('status')).toHaveText(
    'Valid: every signature verifies and every signer is trusted.',
  );
  await expect(result).toContainText(
    'Evidence manifest: 2 file(s), 2 embedded and matching their SHA-256.',
  );
  await app.screenshot('report-record-signed');

  const [saved = ''] = readdirSync(app.downloadsDir).filter((name) => name.endsWith('.pdf'));
  expect(saved).toMatch(/^DL-\d{4}-\d\d-\d\d-DEM-[0-9A-F]{8}\.pdf$/);
  const file = path.join(app.downloadsDir, saved);

  // pdfsig: one valid signature over the whole file.
  const pdfsig = mustRun('pdfsig', [file]);
  expect(pdfsig).toContain('Signer Certificate Common Name: Dana Reyes');
  expect(pdfsig).toContain('Signature is Valid.');
  expect(pdfsig).toContain('Total document signed');

  // pdfdetach: the manifest and both evidence files, each matching its SHA-256.
  expect(mustRun('pdfdetach', ['-list', file])).toContain('3 embedded files');
  const out = testInfo.outputPath('detached');
  mkdirSync(out, { recursive: true });
  mustRun('pdfdetach', ['-saveall', '-o', out, file]);
  const manifest = JSON.parse(readFileSync(path.join(out, 'evidence-manifest.json'), 'utf8')) as {
    files: { name: string; size: number; sha256: string; embeddedAs: string | null }[];
  };
  expect(manifest.files.map((entry) => entry.name).sort()).toEqual([
    'nmap-localhost-current.xml',
    'telemetry-logins.json',
  ]);
  for (const entry of manifest.files) {
    const bytes = new Uint8Array(readFileSync(path.join(out, entry.embeddedAs ?? 'missing')));
    expect(bytes.byteLength).toBe(entry.size);
    expect(sha256(bytes)).toBe(entry.sha256);
  }
  expect(manifest.files.find((entry) => entry.name === 'nmap-localhost-current.xml')?.sha256).toBe(
    sha256(new Uint8Array(readFileSync(scanFile))),
  );

  // pdftotext: what was seen and decided, and the ledger state the report pins.
  const text = mustRun('pdftotext', ['-layout', file, '-']);
  // Paragraphs wrap: compare with line breaks and runs of spaces as single spaces.
  const flat = text.replace(/\s+/g, ' ');
  expect(flat).toContain(OBSERVATION);
  expect(flat).toContain(QUESTION);
  expect(flat).toContain(`${SC12}: Satisfied`);
  expect(flat).toContain(`${AC2}: Exception until ${expires} — Legacy admin accounts`);
  expect(flat).toMatch(/Exception Card tokenisation Legacy admin accounts \d{4}-\d\d-\d\d /);
  expect(text).toContain('Failed and successful logins');
  expect(text).toContain('Login figures over the whole import');
  expect(text).toContain('PAY-142 Card tokenisation: ');
  const head = /AuditLogHead:\s+(\d+) ([0-9a-f]{64})/.exec(mustRun('pdfinfo', ['-custom', file]));
  const [, seq = '', hash = ''] = head ?? [];
  expect(flat).toContain(`Ledger state audit log entry ${seq} Audit log head ${hash}`);
  // The printed head is the ledger's own entry of that number.
  expect(await auditEntryHash(page, Number(seq))).toBe(hash);
  pagePictures(file, 'report-record-page', 8);

  // The verifier in the app accepts the saved file.
  await reports.verifyFile(file);
  await expect(reports.verification(saved).getByRole('status')).toHaveText(
    'Valid: every signature verifies and every signer is trusted.',
  );
  await expect(reports.signedReports.getByRole('row')).toHaveCount(2);
});

test('exports a post-mortem as a signed PDF', async ({ app }) => {
  const page = app.page;
  const shell = new Shell(page);
  const reports = new ReportsPage(page);
  await new DemosPage(page).createWorkspaceAndSprint('Payments platform');
  await createIdentity(shell, reports);
  await shell.nav('Issues').click();
  await page.keyboard.press('Alt+Shift+1');
  const raise = page.getByRole('dialog', { name: 'Raise a security issue' });
  await expect(raise.getByLabel('Title')).toBeFocused();
  await page.keyboard.type('Deploy token printed in a CI log');
  await page.keyboard.press('Control+Enter');
  await expect(raise).toBeHidden();
  await new IssuesPage(page).open('Deploy token printed in a CI log');
  await page.getByRole('button', { name: 'Write post-mortem' }).click();
  const narrative = page.getByRole('form', { name: 'Post-mortem narrative' });
  await narrative
    .getByLabel('Summary', { exact: true })
    .fill('A debug step printed the deploy token.');
  await page.getByRole('button', { name: 'Export signed PDF' }).click();
  const unlock = page.getByRole('dialog', { name: 'Unlock your signing identity' });
  await unlock.getByLabel('Passphrase').fill(PASSPHRASE);
  await unlock.getByRole('button', { name: 'Sign' }).click();
  const exportRegion = page.getByRole('region', { name: 'Signed PDF export' });
  await expect(exportRegion.getByRole('status')).toHaveText(
    'Valid: every signature verifies and every signer is trusted.',
  );
  await app.screenshot('postmortem-signed');
  const [saved = ''] = readdirSync(app.downloadsDir).filter((name) => name.endsWith('.pdf'));
  expect(saved).toMatch(/^DL-\d{4}-\d\d-\d\d-PM-[0-9A-F]{8}\.pdf$/);
  const file = path.join(app.downloadsDir, saved);
  const pdfsig = mustRun('pdfsig', [file]);
  expect(pdfsig).toContain('Signature is Valid.');
  expect(pdfsig).toContain('Total document signed');
  const text = mustRun('pdftotext', ['-layout', file, '-']);
  expect(text).toContain('BLAMELESS POST-MORTEM');
  expect(text).toContain('A debug step printed the deploy token.');
  expect(text).toMatch(/Audit log head\s+[0-9a-f]{64}/);
  pagePictures(file, 'report-postmortem-page', 2);
});
