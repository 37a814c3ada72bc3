import { expect, test } from './fixtures';
import { ControlsPage } from './pages/controls';
import { DemosPage } from './pages/demos';
import { Shell } from './pages/shell';

test('coverage reports the Statement of Applicability: adopted controls in, controls scoped out left out', async ({
  app,
}) => {
  test.slow();
  const demos = new DemosPage(app.page);
  const controls = new ControlsPage(app.page);
  const shell = new Shell(app.page);
  const page = app.page;
  await demos.createWorkspaceAndSprint('Platform');
  await demos.createDemo({ facilitator: 'Alex', attendees: ['Dana Reyes, auditor'] });
  await demos.addItem({
    key: 'OPS-9',
    owner: 'Kim',
    title: 'Hardening and ports',
    description: 'Scans of the staging environment.',
    controls: ['devops-baseline#DSB-07', 'devops-baseline#DSB-13'],
  });

  // Scope DSB-13 out: deciding on a control adopts its framework (all 14 controls).
  await page.keyboard.press('Alt+4');
  await expect(shell.heading('Controls')).toBeVisible();
  await controls.search.fill('DSB-13');
  await expect(controls.results().first()).toContainText('DSB-13');
  await controls.search.press('Enter');
  const scoping = controls.scoping();
  await scoping.getByRole('radio', { name: 'Not applicable' }).check();
  await scoping.getByLabel('Justification').fill('Artefacts live in the customer’s repository.');
  await scoping.getByRole('button', { name: 'Save scope' }).click();
  await expect(scoping.getByRole('status')).toContainText('Not applicable — decided by');

  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { level: 1, name: 'Demos' })).toBeVisible();
  await demos.press('Alt+C');
  const coverage = page.getByRole('table', { name: 'Control coverage' });
  // Every adopted control but the one scoped out, although the agenda item links it.
  await expect(coverage.getByRole('row')).toHaveCount(1 + 13);
  await expect(coverage.getByRole('row', { name: /DSB-01/ })).toContainText('Not demonstrated');
  await expect(coverage.getByRole('row', { name: /DSB-07/ })).toBeVisible();
  await expect(coverage.getByRole('row', { name: /DSB-13/ })).toHaveCount(0);
  await expect(page.getByLabel('Coverage summary')).toContainText('In scope13');
  await expect(page.getByText('1 control decided not applicable is left out.')).toBeVisible();
  await app.screenshot('coverage-soa');
});
