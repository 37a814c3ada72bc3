import { expect, test } from './fixtures';
import { Shell } from './pages/shell';
import { SprintsPage } from './pages/sprints';

test('creates a workspace, a team and a sprint that survive a reload and a restart', async ({
  app,
}) => {
  const shell = new Shell(app.page);
  const sprints = new SprintsPage(app.page);
  await expect(shell.heading('Welcome to Demo Ledger')).toBeVisible();
  await sprints.createFirstWorkspace('Payments platform', 'Quarterly audit of the payments API');
  await expect(shell.heading('Payments platform')).toBeVisible();

  await app.page.getByRole('button', { name: 'New team' }).click();
  const teamDialog = sprints.dialog('New team');
  await teamDialog.getByLabel('Team name').fill('Checkout');
  await teamDialog.getByLabel('Product').fill('Checkout API');
  await teamDialog.getByRole('button', { name: 'Add team' }).click();
  await expect(sprints.teamList().getByText('Checkout', { exact: true })).toBeVisible();

  await app.page.keyboard.press('Alt+N');
  const sprintDialog = sprints.dialog('New sprint');
  await expect(sprintDialog.getByLabel('Sprint name')).toBeFocused();
  await sprintDialog.getByLabel('Sprint name').fill('Sprint 14');
  await sprintDialog.getByLabel('Start date').fill('2026-11-16');
  await sprintDialog.getByLabel('End date').fill('2026-11-27');
  await sprintDialog.getByLabel('Sprint goal').fill('Card tokenisation demo');
  await sprintDialog.getByRole('button', { name: 'Create sprint' }).click();
  await expect(sprints.sprintRow('Sprint 14')).toContainText('Checkout');

  await app.page.reload();
  await expect(sprints.sprintRow('Sprint 14')).toContainText('Card tokenisation demo');

  await app.restart();
  const afterRestart = new SprintsPage(app.page);
  await expect(afterRestart.sprintRow('Sprint 14')).toContainText('16 Nov 2026');
  await app.screenshot('sprints-light');
});

test('rejects an end date before the start date with a message on the field', async ({ app }) => {
  const sprints = new SprintsPage(app.page);
  await sprints.createFirstWorkspace('Validation');
  await app.page.getByRole('button', { name: 'New sprint' }).click();
  const dialog = sprints.dialog('New sprint');
  await dialog.getByLabel('Start date').fill('2026-11-20');
  await dialog.getByLabel('End date').fill('2026-11-10');
  await dialog.getByRole('button', { name: 'Create sprint' }).click();
  await expect(dialog.getByText('the end date cannot be before the start date')).toBeVisible();
  await expect(dialog.getByLabel('End date')).toHaveAttribute('aria-invalid', 'true');
});
