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
  // Date fields follow the user's locale (en-GB here): day before month, not the US order.
  expect(await sprints.datePartOrder(dialog.getByLabel('Start date'))).toEqual([
    'Day',
    'Month',
    'Year',
  ]);
  await dialog.getByLabel('Start date').fill('2026-11-20');
  await dialog.getByLabel('End date').fill('2026-11-10');
  await dialog.getByRole('button', { name: 'Create sprint' }).click();
  await expect(dialog.getByText('the end date cannot be before the start date')).toBeVisible();
  await expect(dialog.getByLabel('End date')).toHaveAttribute('aria-invalid', 'true');
});

test('a full disk is explained, nothing half-saved, and the app keeps working', async ({ app }) => {
  const sprints = new SprintsPage(app.page);
  await app.page.evaluate(() => {
    const original = IDBObjectStore.prototype.add;
    IDBObjectStore.prototype.add = function (...args: Parameters<IDBObjectStore['add']>) {
      if (this.name === 'workspaces')
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return original.apply(this, args);
    };
  });
  await sprints.createFirstWorkspace('Too big');
  await expect(app.page.getByRole('alert')).toContainText('There is no room left to store data');
  await expect(app.page.getByRole('heading', { name: 'Welcome to Demo Ledger' })).toBeVisible();
  await app.page.reload();
  await sprints.createFirstWorkspace('Fits');
  await expect(app.page.getByRole('heading', { level: 1, name: 'Fits' })).toBeVisible();
  const log = await app.page.evaluate(async () => {
    const request = indexedDB.open('demo-ledger');
    const database = await new Promise<IDBDatabase>(
      (resolve) => (request.onsuccess = () => resolve(request.result)),
    );
    const entities = await new Promise<string[]>((resolve) => {
      const reading = database.transaction('auditLog').objectStore('auditLog').getAll();
      reading.onsuccess = () =>
        resolve((reading.result as { entity: string }[]).map((entry) => entry.entity));
    });
    database.close();
    return entities;
  });
  // The refused workspace left no trace: one workspace written, besides who the person is.
  expect(log.filter((entity) => entity !== 'people')).toEqual(['workspaces']);
});
