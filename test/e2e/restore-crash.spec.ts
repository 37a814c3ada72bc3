import { expect, test } from './fixtures';
import { DataSettings } from './pages/data';
import { Shell } from './pages/shell';
import { SprintsPage } from './pages/sprints';
import { writeSyntheticBackup } from './support/archives';
import { snapshotDatabase } from './support/idb';

test('cancelling, or killing the window, in the middle of a large restore leaves the store as it was', async ({
  app,
}, testInfo) => {
  test.setTimeout(240_000);
  await new SprintsPage(app.page).createFirstWorkspace('Before the restore');
  await app.page.getByRole('button', { name: 'New sprint' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'New sprint' });
  await dialog.getByLabel('Sprint name').fill('Must survive');
  await dialog.getByRole('button', { name: 'Create sprint' }).click();
  const before = await snapshotDatabase(app.page);

  // Large enough that writing it takes seconds: tens of thousands of rows and 40 MB of files.
  const file = testInfo.outputPath('large.dlbackup');
  const { rows } = await writeSyntheticBackup(file, {
    workspaces: 40,
    sprintsPerWorkspace: 500,
    blobs: 40,
    blobBytes: 1_000_000,
  });
  expect(rows).toBeGreaterThan(40_000);

  const data = new DataSettings(app.page);
  await data.open();
  // Cancelled while rows are being written: the worker and its transaction end, nothing kept.
  await data.startReplacingWith(file);
  await expect(data.restoreDialog.getByRole('status')).toContainText(/Restoring: [1-9][\d]* of /, {
    timeout: 60_000,
  });
  await data.restoreDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(data.restoreDialog.getByRole('status')).toHaveText(
    'Cancelled. Nothing was changed.',
  );
  await data.restoreDialog.getByRole('button', { name: 'Done' }).click();
  expect(await snapshotDatabase(app.page)).toEqual(before);

  await data.startReplacingWith(file);
  // Kill as soon as rows are being written, well before the transaction can commit.
  await expect(data.restoreDialog.getByRole('status')).toContainText(/Restoring: [1-9][\d]* of /, {
    timeout: 60_000,
  });
  const progress = await data.restoreDialog.getByRole('status').textContent();
  await app.kill();

  await app.restart();
  const shell = new Shell(app.page);
  await expect(shell.heading('Before the restore')).toBeVisible();
  await expect(new SprintsPage(app.page).sprintRow('Must survive')).toBeVisible();
  expect(await snapshotDatabase(app.page)).toEqual(before);
  const settings = new DataSettings(app.page);
  await settings.open();
  await expect(await settings.verifyAuditLog()).toContainText('Intact');
  testInfo.annotations.push({ type: 'killed during', description: progress ?? '' });
  console.log(`killed during: ${progress ?? ''}`);

  // The same archive restores in full when left alone: the store above was kept by the
  // transaction, not by a restore that would have failed anyway.
  await settings.startReplacingWith(file);
  await expect(settings.restoreDialog.getByRole('status')).toContainText(
    `Restored ${rows} records and 40 stored files. The audit log is intact`,
    { timeout: 120_000 },
  );
});
