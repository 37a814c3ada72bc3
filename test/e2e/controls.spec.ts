import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { ControlsPage } from './pages/controls';
import { Shell } from './pages/shell';
import { SprintsPage } from './pages/sprints';

test('finds a control by its statement, scopes it out with a justification and exports it in the SoA', async ({
  app,
}) => {
  const shell = new Shell(app.page);
  const controls = new ControlsPage(app.page);
  await new SprintsPage(app.page).createFirstWorkspace('Payments platform');
  await expect(shell.heading('Payments platform')).toBeVisible();
  // Catalog data files are not fetched at start.
  expect((await controls.loadedScripts()).some((url) => url.includes('nist-sp-800-53-rev5'))).toBe(
    false,
  );

  await app.page.keyboard.press('Alt+4');
  await expect(shell.heading('Controls')).toBeVisible();
  await controls.search.fill('unsuccessful logon attem');
  await expect(controls.results().first()).toContainText('AC-7');
  await expect(controls.results().first()).toContainText('Unsuccessful Logon Attempts');
  expect((await controls.loadedScripts()).some((url) => url.includes('nist-sp-800-53-rev5'))).toBe(
    true,
  );
  await controls.search.press('Enter');

  await expect(controls.controlHeading()).toHaveText('AC-7 Unsuccessful Logon Attempts');
  await expect(app.page.getByRole('list', { name: 'Baselines and levels' })).toContainText(
    'LOW impact baseline',
  );
  await expect(app.page.getByRole('list', { name: 'Also satisfies' })).toContainText(
    'DSB-08 Authentication failures monitored against successes',
  );
  const scoping = controls.scoping();
  await scoping.getByRole('radio', { name: 'Not applicable' }).check();
  await scoping.getByRole('button', { name: 'Save scope' }).click();
  await expect(scoping.getByText('say why the control does not apply')).toBeVisible();
  const justification =
    'Service-to-service API: no interactive logons; clients use mTLS certificates.';
  await scoping.getByLabel('Justification').fill(justification);
  await scoping.getByRole('button', { name: 'Save scope' }).click();
  await expect(scoping.getByRole('status')).toContainText('Not applicable — decided by');
  await app.screenshot('controls-ac7-scoped');

  await app.page.getByRole('link', { name: 'Statement of Applicability' }).click();
  const row = controls.soaTable().getByRole('row').filter({ hasText: 'AC-7' });
  await expect(row).toContainText('Not applicable');
  await expect(row).toContainText(justification);
  await app.page.getByRole('button', { name: 'Export CSV' }).click();
  await expect(
    app.page.getByRole('status').filter({ hasText: 'Statement of Applicability saved to' }),
  ).toBeVisible();
  await app.screenshot('controls-soa');

  const file = path.join(app.downloadsDir, 'payments-platform-statement-of-applicability.csv');
  const csv = readFileSync(file, 'utf8');
  const lines = csv.split('\r\n');
  expect(lines[0]).toBe(
    'Framework,Version,Baseline,Control,Reference,Title,In baseline,Applicability,Justification,Decided by,Decided at',
  );
  const ac7 = lines.find((line) => line.includes('nist-sp-800-53-rev5#ac-7,'));
  expect(ac7).toContain(
    'NIST SP 800-53 Rev. 5,5.0.1,All controls,AC-7,nist-sp-800-53-rev5#ac-7,Unsuccessful Logon Attempts,Yes,Not applicable',
  );
  expect(ac7).toContain(`,${justification},`);
});
