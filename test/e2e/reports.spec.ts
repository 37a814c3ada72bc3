import { appendFileSync, copyFileSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { assessmentResultsValidator } from '../tools/oscal';
import { mustRun } from '../tools/run';
import { expect, test } from './fixtures';
import { ReportsPage } from './pages/reports';
import { Shell } from './pages/shell';
import { SprintsPage } from './pages/sprints';

const PASSPHRASE = 'correct horse battery staple';

test('creates an identity, exports a signed sprint report and the verifier accepts it', async ({
  app,
}) => {
  const shell = new Shell(app.page);
  const sprints = new SprintsPage(app.page);
  const reports = new ReportsPage(app.page);
  await sprints.createFirstWorkspace('Payments platform', 'Quarterly audit of the payments API');
  await app.page.getByRole('button', { name: 'New sprint' }).click();
  const sprintDialog = sprints.dialog('New sprint');
  await sprintDialog.getByLabel('Sprint name').fill('Sprint 14');
  await sprintDialog.getByLabel('Start date').fill('2026-11-16');
  await sprintDialog.getByLabel('End date').fill('2026-11-27');
  await sprintDialog.getByLabel('Sprint goal').fill('Card tokenisation demo');
  await sprintDialog.getByRole('button', { name: 'Create sprint' }).click();
  await expect(sprints.sprintRow('Sprint 14')).toBeVisible();

  await shell.nav('Settings').click();
  await reports.createIdentity({
    name: 'Dana Whitfield',
    organisation: 'Internal Audit',
    email: 'dana@example.com',
    passphrase: PASSPHRASE,
  });
  const certificate = reports.identityPanel.getByRole('definition').first();
  await expect(certificate).toHaveText('CN=Dana Whitfield, O=Internal Audit, E=dana@example.com');
  await app.screenshot('signing-identity');

  await shell.nav('Reports').click();
  await expect(shell.heading('Reports')).toBeVisible();
  await expect(reports.buildPanel.getByLabel('Sprint')).not.toHaveValue('');
  await reports.buildAndSign(PASSPHRASE);
  const result = reports.buildPanel.getByRole('region', {
    name: /^Verification of DL-2026-11-27-SPR-/,
  });
  await expect(result.getByRole('status')).toHaveText(
    'Valid: every signature verifies and every signer is trusted.',
  );
  await expect(
    result.getByRole('heading', { name: /Signature 1: Dana Whitfield valid/ }),
  ).toBeVisible();
  await expect(reports.signedReports.getByRole('row')).toHaveCount(2);
  await app.screenshot('report-signed');

  // The saved file stands alone: poppler's pdfsig and qpdf accept it.
  const [saved] = readdirSync(app.downloadsDir).filter((name) => name.endsWith('.pdf'));
  expect(saved).toMatch(/^DL-2026-11-27-SPR-[0-9A-F]{8}\.pdf$/);
  const file = path.join(app.downloadsDir, saved ?? '');
  const pdfsig = mustRun('pdfsig', [file]);
  expect(pdfsig).toContain('Signer Certificate Common Name: Dana Whitfield');
  expect(pdfsig).toContain('Signature is Valid.');
  expect(pdfsig).toContain('Total document signed');
  expect(mustRun('pdftotext', [file, '-'])).toContain('Sprint 14 demo — Payments platform');

  // Verifying it again from disk, then a copy with an unsigned update appended.
  await reports.verifyFile(file);
  await expect(reports.verification(saved ?? '').getByRole('status')).toHaveText(
    'Valid: every signature verifies and every signer is trusted.',
  );
  const forged = path.join(path.dirname(file), 'forged.pdf');
  copyFileSync(file, forged);
  appendFileSync(forged, '\n40 0 obj\n(approved)\nendobj\n');
  await reports.verifyFile(forged);
  await expect(reports.verification('forged.pdf').getByRole('status')).toHaveText(
    'Tampered: the file was changed after it was signed.',
  );
  await app.screenshot('report-tampered');

  // The same sprint as OSCAL assessment results, valid against NIST's schema.
  await reports.buildPanel.getByRole('button', { name: 'Export OSCAL' }).click();
  await expect(app.page.getByText(/OSCAL assessment results saved to/)).toBeVisible();
  const [oscal] = readdirSync(app.downloadsDir).filter((name) => name.endsWith('.oscal-ar.json'));
  const validate = assessmentResultsValidator();
  const exported = JSON.parse(
    readFileSync(path.join(app.downloadsDir, oscal ?? ''), 'utf8'),
  ) as unknown;
  expect(validate(exported), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
});

test.describe('in the dark theme', () => {
  test.use({ systemTheme: 'dark' });

  test('Reports asks for an identity before signing', async ({ app }) => {
    const sprints = new SprintsPage(app.page);
    await sprints.createFirstWorkspace('No identity yet');
    await new Shell(app.page).nav('Reports').click();
    const reports = new ReportsPage(app.page);
    await expect(reports.buildPanel.getByText('No signing identity of yours yet')).toBeVisible();
    await expect(reports.buildPanel.getByRole('button', { name: 'Build and sign' })).toBeDisabled();
    await app.screenshot('reports-no-identity-dark');
  });
});
