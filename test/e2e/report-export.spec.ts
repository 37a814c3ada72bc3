import { createHash, randomBytes } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { sharedFixture } from '../fixtures';
import { assessmentResultsValidator } from '../tools/oscal';
import { sampleCharts } from '../support/charts';
import { mustRun, tool } from '../tools/run';
import { checkTaggedPdf } from '../tools/tagged-pdf';
import { expect, test } from './fixtures';
import { TrustSteps } from './pages/bundles';
import { DemosPage } from './pages/demos';
import { EvidencePage } from './pages/evidence';
import { IssuesPage } from './pages/issues';
import { ReportsPage } from './pages/reports';
import { Shell } from './pages/shell';
import { snapshotDatabase } from './support/idb';

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

/** What the ledger stores, read straight from IndexedDB: stored blobs hashed by the browser. */
async function ledger(page: Page) {
  const snapshot = await snapshotDatabase(page);
  const rows = (store: string) =>
    (snapshot[store] ?? []).map((row) => JSON.parse(row) as [unknown, Record<string, unknown>]);
  return {
    auditHash: (seq: number) => rows('auditLog').find(([key]) => key === seq)?.[1]['hash'],
    evidence: rows('evidence').map(([, row]) => ({
      name: String(row['fileName']),
      sha256: String(row['sha256']),
    })),
    blobDigests: rows('evidenceBlobs').map(
      ([, row]) => (row['blob'] as { blob: string } | undefined)?.blob,
    ),
  };
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
  await createIdentity(shell, reports);
  await demos.press('Alt+3');
  await evidence.pick(scanFile, chartFile);
  await expect(evidence.row('nmap-localhost-current.xml')).toBeVisible();
  await expect(evidence.row('telemetry-logins.json')).toBeVisible();
  await evidence.open('telemetry-logins.json');
  await evidence.linkControl(SI4);
  await expect(evidence.linkedControls()).toContainText(SI4);

  // A one-item demo: observation, question, two verdicts (one an exception), the evidence, and an
  // issue (P2: what the dialog suggests when not raised from a failed verdict).
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
  // A 20 MiB memory dump (incompressible): the PDF is sent to be signed in several 8 MiB chunks.
  const dumpFile = testInfo.outputPath('heap-dump.bin');
  writeFileSync(dumpFile, randomBytes(20 * 1024 * 1024));
  await page.getByLabel('Attach evidence').setInputFiles([scanFile, chartFile, dumpFile]);
  await expect(demos.timeline()).toContainText('heap-dump.bin');
  await expect(demos.timeline()).toContainText('telemetry-logins.json');
  await demos.press('i');
  const raise = demos.dialog('Raise a security issue');
  await expect(raise.getByLabel('Title')).toBeFocused();
  await demos.press('Enter');
  await demos.noDialogOpen();
  // Signing off is the auditor's signature, with her own identity.
  await demos.press('Alt+R');
  const signOff = demos.signOffForm;
  await demos.tabTo(signOff.getByRole('checkbox'));
  await demos.press('Space');
  await demos.tabTo(signOff.getByRole('button', { name: 'Sign off the demo' }));
  await demos.press('Enter');
  const unlock = demos.dialog('Unlock your signing identity');
  await demos.tabTo(unlock.getByLabel('Passphrase'));
  await demos.type(PASSPHRASE);
  await demos.press('Enter');
  await demos.noDialogOpen();
  await expect(page.getByRole('region', { name: 'Sign-off status' })).toContainText(
    'Signed off by Dana Reyes',
  );

  // The demo's signed record with the evidence embedded.
  await shell.nav('Reports').click();
  await reports.chooseDemo('Sprint 1 demo');
  await expect(reports.embedEvidence).toBeChecked();
  await reports.buildAndSign(PASSPHRASE);
  const result = reports.buildPanel.getByRole('region', { name: /^Verification of DL-.*-DEM-/ });
  await expect(result.getByRole('status')).toHaveText(
    'Valid: every signature verifies and every signer is trusted.',
  );
  await expect(result).toContainText(
    'Evidence manifest: 3 files, 3 embedded and matching their SHA-256.',
  );
  await app.screenshot('report-record-signed');

  const [saved = ''] = readdirSync(app.downloadsDir).filter((name) => name.endsWith('.pdf'));
  expect(saved).toMatch(/^DL-\d{4}-\d\d-\d\d-DEM-[0-9A-F]{8}\.pdf$/);
  const file = path.join(app.downloadsDir, saved);
  expect(statSync(file).size).toBeGreaterThan(20 * 1024 * 1024);

  // pdfsig: one valid signature over the whole file.
  const pdfsig = mustRun('pdfsig', [file]);
  expect(pdfsig).toContain('Signer Certificate Common Name: Dana Reyes');
  expect(pdfsig).toContain('Signature is Valid.');
  expect(pdfsig).toContain('Total document signed');

  // qpdf: the file's structure (xref, streams, the incremental update) is sound.
  expect(mustRun('qpdf', ['--check', file])).toContain('No syntax or stream encoding errors');

  // pdfdetach: the manifest and both evidence files, each the ledger's stored bytes.
  const listed = mustRun('pdfdetach', ['-list', file]);
  expect(listed).toContain('5 embedded files');
  const entries = [...listed.matchAll(/^(\d+): (.+)$/gm)].map(([, index = '', name = '']) => ({
    index,
    name,
  }));
  expect(entries.map((entry) => entry.name).sort()).toEqual([
    'demo-sign-offs.json',
    'evidence-manifest.json',
    'heap-dump.bin',
    'nmap-localhost-current.xml',
    'telemetry-logins.json',
  ]);
  const stored = await ledger(page);
  const out = testInfo.outputPath('detached');
  mkdirSync(out, { recursive: true });
  for (const { index, name } of entries) {
    const saved = path.join(out, name);
    mustRun('pdfdetach', ['-save', index, '-o', saved, file]);
    if (name === 'evidence-manifest.json' || name === 'demo-sign-offs.json') continue;
    const digest = sha256(new Uint8Array(readFileSync(saved)));
    expect(stored.evidence).toContainEqual({ name, sha256: digest });
    // The blob IndexedDB holds, hashed by the browser, is the same content.
    expect(stored.blobDigests).toContain(digest);
  }
  const manifest = JSON.parse(readFileSync(path.join(out, 'evidence-manifest.json'), 'utf8')) as {
    files: { name: string; size: number; sha256: string; embeddedAs: string | null }[];
  };
  expect(manifest.files.map((entry) => entry.name).sort()).toEqual([
    'heap-dump.bin',
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
  expect(text).toContain(SC12);
  expect(text).toContain(AC2);
  // The issue as the tracker knows it: key, priority, status, due time, SLA state, and how it
  // belongs to the demo; its owner in the issue table.
  expect(flat).toMatch(
    /P2 SEC-1: PAY-142 Card tokenisation: \S+ not met — Open, due \d{4}-\d\d-\d\d \d\d:\d\d UTC \(On track\) — raised in the demo/,
  );
  expect(flat).toContain('Kim Ito');
  // pdfinfo: a tagged PDF whose structure holds what was seen, for screen readers; every
  // content item of the file the app built is tagged or an artifact.
  expect(mustRun('pdfinfo', [file])).toMatch(/Tagged:\s+yes/);
  const structure = mustRun('pdfinfo', ['-struct-text', file]).replace(/\s+/g, ' ');
  expect(structure).toContain(OBSERVATION);
  expect(structure).toContain('"Failed and successful logins"');
  expect((await checkTaggedPdf(new Uint8Array(readFileSync(file)))).problems).toEqual([]);
  const head = /AuditLogHead:\s+(\d+) ([0-9a-f]{64})/.exec(mustRun('pdfinfo', ['-custom', file]));
  const [, seq = '', hash = ''] = head ?? [];
  expect(flat).toContain(`Ledger state audit log entry ${seq} Audit log head ${hash}`);
  // The printed head is the ledger's own entry of that number.
  expect(stored.auditHash(Number(seq))).toBe(hash);
  pagePictures(file, 'report-record-page', 8);

  // The verifier in the app accepts the saved file.
  await reports.verifyFile(file);
  await expect(reports.verification(saved).getByRole('status')).toHaveText(
    'Valid: every signature verifies and every signer is trusted.',
  );
  await expect(reports.signedReports.getByRole('row')).toHaveCount(2);

  // So does the CLI, once told to trust the signer's certificate (exported from Settings), and
  // not before; a copy with one byte flipped inside the signed range fails, as pdfsig says.
  const untrusted = tool(process.execPath, ['bin/demo-ledger.js', 'verify', file]);
  expect(untrusted.status, untrusted.stdout + untrusted.stderr).toBe(1);
  expect(untrusted.stdout).toContain(
    "certificate: NOT TRUSTED (no trusted certificates are configured): pass --trust FILE with the signer's certificate or its CA (export it from Settings → Signing identities)",
  );
  await shell.nav('Settings').click();
  await new TrustSteps(page).exportCertificate();
  const [pem = ''] = readdirSync(app.downloadsDir).filter((name) => name.endsWith('.pem'));
  const certificate = path.join(app.downloadsDir, pem);
  const cli = tool(process.execPath, [
    'bin/demo-ledger.js',
    'verify',
    '--json',
    '--trust',
    certificate,
    file,
  ]);
  expect(cli.status, cli.stdout + cli.stderr).toBe(0);
  expect(JSON.parse(cli.stdout)).toMatchObject({ ok: true, files: [{ kind: 'pdf', ok: true }] });
  const flipped = testInfo.outputPath('flipped.pdf');
  copyFileSync(file, flipped);
  const bytes = readFileSync(flipped);
  // Halfway through the first signed byte range: inside the report's own content.
  const [, signedLength = '0'] =
    /\/ByteRange\s*\[\s*0\s+(\d+)/.exec(bytes.toString('latin1')) ?? [];
  const at = Math.floor(Number(signedLength) / 2);
  expect(at).toBeGreaterThan(0);
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  writeFileSync(flipped, bytes);
  const rejected = tool(process.execPath, [
    'bin/demo-ledger.js',
    'verify',
    '--trust',
    certificate,
    flipped,
  ]);
  expect(rejected.status, rejected.stdout).toBe(1);
  expect(mustRun('pdfsig', [flipped])).toContain('Digest Mismatch.');

  // The same demo as OSCAL assessment results, valid against NIST's schema, pinning the head.
  await shell.nav('Reports').click();
  await reports.buildPanel.getByRole('button', { name: 'Export OSCAL' }).click();
  await expect(page.getByText(/OSCAL assessment results saved to/)).toBeVisible();
  const [oscal = ''] = readdirSync(app.downloadsDir).filter((name) => name.endsWith('.json'));
  const exported = readFileSync(path.join(app.downloadsDir, oscal), 'utf8');
  const validate = assessmentResultsValidator();
  expect(validate(JSON.parse(exported)), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  expect(exported).toContain(sha256(new Uint8Array(readFileSync(scanFile))));
  expect(exported).toContain(OBSERVATION);
});

test.describe('in the dark theme', () => {
  test.use({ systemTheme: 'dark' });

  test('exports a post-mortem as a signed PDF, listed with the signed reports', async ({ app }) => {
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
    expect(mustRun('pdfinfo', [file])).toMatch(/Tagged:\s+yes/);
    const text = mustRun('pdftotext', ['-layout', file, '-']);
    expect(text).toContain('BLAMELESS POST-MORTEM');
    expect(text).toContain('A debug step printed the deploy token.');
    expect(text).toMatch(/Audit log head\s+[0-9a-f]{64}/);
    pagePictures(file, 'report-postmortem-page', 2);
    // Recorded like every report: the Reports page lists it.
    await shell.nav('Reports').click();
    await expect(reports.signedReports.getByRole('row')).toHaveCount(2);
    await expect(reports.signedReports).toContainText(saved.replace(/\.pdf$/, ''));
    await app.screenshot('reports-signed-dark');
  });
});
