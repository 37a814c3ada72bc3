import { expect, test } from './fixtures';
import { AuditLog, DataSettings } from './pages/data';
import { writeSyntheticBackup } from './support/archives';
import { editStoredRecord, firstKey } from './support/idb';

test('the audit log is browsable by page, entity, actor, action and time, with readable diffs', async ({
  app,
}, testInfo) => {
  // 30 workspaces with 2 sprints each, one entry per row: 90 entries from "generator".
  const seed = testInfo.outputPath('seed.dlbackup');
  await writeSyntheticBackup(seed, { workspaces: 30, sprintsPerWorkspace: 2, blobs: 0 });
  const data = new DataSettings(app.page);
  await data.open();
  await data.restoreIntoEmptyProfile(seed);
  await app.page.getByLabel('Theme', { exact: true }).selectOption('light');

  // The person at the keyboard joined the restored data (entry 91); then a change of theirs.
  await app.page.getByRole('button', { name: 'Edit Workspace 7' }).click();
  const edit = app.page.getByRole('dialog', { name: 'Edit workspace' });
  await edit.getByLabel('Name').fill('Payments platform');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();

  const log = new AuditLog(app.page);
  await log.open();
  await expect(log.rows()).toHaveCount(50);
  await expect(log.rows().first()).toContainText('92');
  await expect(log.rows().first()).toContainText('Dana Reyes');
  await log.rows().first().getByRole('button', { name: 'Details of entry 92' }).click();
  const diff = log.entries.getByRole('table', { name: 'Changed fields' });
  await expect(diff.getByRole('row', { name: /name/ })).toContainText('Workspace 7');
  await expect(diff.getByRole('row', { name: /name/ })).toContainText('Payments platform');
  await app.screenshot('audit-log-light');

  // Pages, with the keyboard too.
  await app.page.keyboard.press(']');
  await expect(log.rows()).toHaveCount(42);
  await expect(log.rows().last()).toContainText('1');
  await expect(app.page.getByRole('button', { name: 'Older →' })).toBeDisabled();
  await app.page.getByRole('button', { name: '← Newer' }).click();
  await expect(log.rows().first()).toContainText('92');

  // Filters.
  await log.filters.getByLabel('Actor').selectOption('Dana Reyes');
  await expect(log.rows()).toHaveCount(2);
  await log.filters.getByLabel('Actor').selectOption('');
  await log.filters.getByLabel('Entity').selectOption('sprints');
  // The unfiltered page also has 50 rows: wait for the filtered one before reading it.
  await expect(log.rows().first().locator('td:nth-child(5)')).toHaveText(/^created sprints /);
  await expect(log.rows()).toHaveCount(50);
  for (const text of await log.rows().locator('td:nth-child(5)').allTextContents()) {
    expect(text).toMatch(/^created sprints /);
  }
  await app.page.getByRole('button', { name: 'Older →' }).click();
  await expect(log.rows()).toHaveCount(10);
  await log.filters.getByRole('button', { name: 'Clear filters' }).click();
  await log.filters.getByLabel('Action').selectOption('edit');
  await expect(log.rows()).toHaveCount(50);
  await log.filters.getByRole('button', { name: 'Clear filters' }).click();
  // The generator's entries are one second apart from 09:00:00 UTC (09:00 in London in
  // November): the first minute holds entries 1–60.
  await log.filters.getByLabel('From', { exact: true }).fill('2026-11-26T09:00');
  await log.filters.getByLabel('To', { exact: true }).fill('2026-11-26T09:00');
  await expect(log.rows()).toHaveCount(50);
  await expect(log.rows().first()).toContainText('60');
  await app.page.getByRole('button', { name: 'Older →' }).click();
  await expect(log.rows()).toHaveCount(10);
  await expect(app.page.getByText('Entries 10–1')).toBeVisible();
});

test('editing a stored record directly in IndexedDB is detected and traced to its history', async ({
  app,
}, testInfo) => {
  const seed = testInfo.outputPath('seed.dlbackup');
  await writeSyntheticBackup(seed, { workspaces: 3, sprintsPerWorkspace: 2, blobs: 0 });
  const data = new DataSettings(app.page);
  await data.open();
  await data.restoreIntoEmptyProfile(seed);
  // The generator's nine, and the person at the keyboard joining the restored data.
  await expect(await data.verifyAuditLog()).toContainText('Intact: 10 entries verified');

  const sprint = await firstKey(app.page, 'sprints');
  await editStoredRecord(app.page, 'sprints', sprint, { goal: 'Quietly rewritten' });
  const log = new AuditLog(app.page);
  await log.open();
  await app.page.getByRole('button', { name: 'Verify the audit log' }).click();
  const verdict = app.page.locator('.verdict-bad');
  await expect(verdict).toContainText('1 record differs from what it records');
  await expect(verdict).toContainText(`sprints ${sprint}: changed outside the log`);
  await verdict.getByRole('button', { name: 'History' }).click();
  await expect(log.rows()).toHaveCount(1);
  await expect(log.rows().first()).toContainText(`created sprints ${sprint}`);
  await app.screenshot('audit-log-tampered');

  // An audit entry rewritten behind the app's back breaks the chain at that entry.
  await editStoredRecord(app.page, 'auditLog', 4, { actor: 'mallory' });
  await app.page.getByRole('button', { name: 'Verify the audit log' }).click();
  await expect(verdict).toContainText(
    'The chain is broken at entry 4 (hash mismatch); 3 entries before it are intact.',
  );
  await verdict.getByRole('button', { name: 'Show entry 4' }).click();
  await expect(log.entries.locator('tr.focused')).toContainText('mallory');
});
