import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { DataSettings } from './pages/data';
import { TEST_PERSON } from './pages/people';
import { ReportsPage } from './pages/reports';
import { Shell } from './pages/shell';
import { SprintsPage } from './pages/sprints';
import { writeSyntheticBackup } from './support/archives';
import { snapshotDatabase } from './support/idb';

const PASSPHRASE = 'correct horse battery staple';

function backupsIn(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.dlbackup'))
    .sort();
}

test('backup → wipe → restore gives identical records, blobs and chain head', async ({
  app,
}, testInfo) => {
  test.setTimeout(120_000);
  const shell = new Shell(app.page);
  const data = new DataSettings(app.page);
  // Start from a ledger with stored files (restored into the empty profile), then add to it
  // through the app, so the backup holds both.
  const seed = testInfo.outputPath('seed.dlbackup');
  const seeded = await writeSyntheticBackup(seed, {
    workspaces: 3,
    sprintsPerWorkspace: 4,
    blobs: 6,
    blobBytes: 300_000,
  });
  await data.open();
  await data.chooseArchive(seed);
  await data.restoreDialog.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(data.restoreDialog.getByRole('status')).toContainText(
    `Restored ${seeded.rows} records and 6 stored files`,
  );
  await data.restoreDialog.getByRole('button', { name: 'Done' }).click();
  await shell.nav('Sprints').click();
  await app.page.getByRole('button', { name: 'New sprint' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'New sprint' });
  await dialog.getByLabel('Sprint name').fill('Added after the seed');
  await dialog.getByRole('button', { name: 'Create sprint' }).click();
  await expect(new SprintsPage(app.page).sprintRow('Added after the seed')).toBeVisible();

  // Dana's identity, unlocked: the backup she makes now is signed by it.
  await data.open();
  const reports = new ReportsPage(app.page);
  await reports.createIdentity({
    name: TEST_PERSON.name,
    organisation: TEST_PERSON.organisation,
    email: '',
    passphrase: PASSPHRASE,
  });
  await reports.identityPanel.getByRole('button', { name: 'Unlock for backups…' }).click();
  const unlock = app.page.getByRole('dialog', { name: 'Unlock for backups' });
  await unlock.getByLabel('Passphrase').fill(PASSPHRASE);
  await unlock.getByRole('button', { name: 'Unlock' }).click();
  await expect(reports.identityPanel.getByText(/^Unlocked: automatic backups/)).toBeVisible();

  const before = await snapshotDatabase(app.page);
  const backupProgress = await data.recordProgress();
  await data.backups.getByRole('button', { name: 'Back up now…' }).click();
  await expect(app.page.getByText(/Backup saved: /)).toBeVisible();
  // The worker's progress reached the window: the log, then other tables, bytes counted (which
  // tables are seen depends on how fast the window draws, so none after the log is named).
  const progress = await backupProgress();
  expect(progress).toContainEqual(
    expect.stringMatching(/^Backing up auditLog: [\d,]+ rows, .+ written$/),
  );
  expect(
    progress.filter((line) => /^Backing up (?!auditLog)\w+: [\d,]+ rows, .+ written$/.test(line)),
  ).not.toEqual([]);
  await expect(data.backups.getByText(/^Last backup .*\. Signed by Dana Reyes\.$/)).toBeVisible();
  const [backup] = backupsIn(app.downloadsDir);
  if (!backup) throw new Error('no backup was saved');
  const file = path.join(app.downloadsDir, backup);
  await app.screenshot('settings-backups');

  // The file stands alone: GNU tar and sha256sum check it, and so does the CLI.
  const unpacked = testInfo.outputPath('unpacked');
  mkdirSync(unpacked);
  expect(spawnSync('tar', ['-xf', file, '-C', unpacked]).status).toBe(0);
  const sums = spawnSync('sha256sum', ['--strict', '-c', 'SHA256SUMS'], {
    cwd: unpacked,
    encoding: 'utf8',
  });
  expect(sums.status, sums.stdout).toBe(0);
  // Signed by Dana's own certificate, which this command line does not trust unless told.
  const cli = spawnSync(
    process.execPath,
    ['bin/demo-ledger.js', 'verify', '--json', '--allow-untrusted', file],
    { encoding: 'utf8' },
  );
  expect(cli.status, cli.stdout + cli.stderr).toBe(0);
  const report = JSON.parse(cli.stdout) as {
    files: {
      archive: { chain: { head: { hash: string } } };
      signature: { signed: boolean; valid: boolean; signer: { commonName: string } | null };
    }[];
  };
  expect(report.files[0]?.signature).toMatchObject({
    signed: true,
    valid: true,
    signer: { commonName: TEST_PERSON.name },
  });
  const head = report.files[0]?.archive.chain.head.hash ?? '';

  await app.wipeProfile();
  const fresh = new Shell(app.page);
  const restore = new DataSettings(app.page);
  await expect(fresh.heading('Welcome to Demo Ledger')).toBeVisible();
  await restore.open();
  await restore.chooseArchive(file);
  await expect(
    restore.restoreDialog.getByText('Verified: every file matches its SHA-256'),
  ).toBeVisible();
  await app.screenshot('restore-verified');
  const restoreProgress = await restore.recordProgress();
  await restore.restoreDialog.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(restore.restoreDialog.getByRole('status')).toContainText(`The audit log is intact`);
  expect(await restoreProgress()).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^Restoring: [\d,]+ of [\d,]+ records written$/),
      expect.stringMatching(/^Checking the restored audit log: [\d,]+ of [\d,]+$/),
    ]),
  );
  await expect(restore.restoreDialog.getByRole('status')).toContainText(head);
  await restore.restoreDialog.getByRole('button', { name: 'Done' }).click();

  expect(await snapshotDatabase(app.page)).toEqual(before);
  await expect(app.page.getByRole('region', { name: 'Audit log' }).getByText(head)).toBeVisible();
  await expect(await restore.verifyAuditLog()).toContainText('Intact');
  await fresh.nav('Sprints').click();
  await expect(new SprintsPage(app.page).sprintRow('Added after the seed')).toBeVisible();
});

test('a flipped byte in an archive is detected and nothing is imported', async ({
  app,
}, testInfo) => {
  const data = new DataSettings(app.page);
  await new SprintsPage(app.page).createFirstWorkspace('Kept as it was');
  const before = await snapshotDatabase(app.page);
  const file = testInfo.outputPath('flipped.dlbackup');
  await writeSyntheticBackup(file, { workspaces: 2, blobs: 2, blobBytes: 5000 });
  const bytes = readFileSync(file);
  const at = bytes.lastIndexOf('Sprint 2');
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  writeFileSync(file, bytes);

  await data.open();
  await data.chooseArchive(file);
  const alert = data.restoreDialog.getByRole('alert');
  await expect(alert).toContainText(
    'This archive cannot be restored: tables/sprints/000001.jsonl is damaged or was changed',
  );
  await expect(alert).toContainText('Nothing was changed.');
  await expect(data.restoreDialog.getByRole('button', { name: /Restore|Replace/ })).toHaveCount(0);
  await app.screenshot('restore-refused');
  expect(await snapshotDatabase(app.page)).toEqual(before);
});

test('automatic backups go to the chosen folder; only the ones it wrote are listed and pruned', async ({
  app,
}) => {
  test.setTimeout(180_000);
  const data = new DataSettings(app.page);
  await new SprintsPage(app.page).createFirstWorkspace('Backed up by itself');
  mkdirSync(app.downloadsDir, { recursive: true });
  // Files someone else put there, two of them under backup names: never listed, never deleted.
  const planted = [
    'demo-ledger-backup-20200101T000000Z.dlbackup',
    'demo-ledger-backup-20200102T000000Z.dlbackup',
  ];
  for (const name of planted) writeFileSync(path.join(app.downloadsDir, name), 'not ours');
  writeFileSync(path.join(app.downloadsDir, 'unrelated.txt'), 'keep me');
  const written = (): string[] =>
    backupsIn(app.downloadsDir).filter((name) => !planted.includes(name));

  await data.open();
  await data.backups.getByRole('button', { name: 'Choose folder…' }).click();
  await expect(data.backups.getByText(app.downloadsDir, { exact: true })).toBeVisible();
  await data.backups.getByLabel('Keep the newest').fill('2');
  await data.backups.getByLabel('Back up automatically').selectOption({ label: 'Every day' });
  const last = data.backups.getByText(/Last backup .* \(automatic\): /);
  await expect(last).toBeVisible();
  await expect.poll(written).toHaveLength(1);
  const first = written()[0];

  // Two more days: two more automatic backups, and the oldest of the app's own goes. Each is
  // recorded (after pruning) before the clock moves on.
  for (const count of [2, 2]) {
    const before = written();
    await app.page.clock.fastForward('24:01:00');
    await expect.poll(() => written().find((name) => !before.includes(name))).toBeDefined();
    const added = written().find((name) => !before.includes(name)) ?? '';
    await expect(last).toContainText(added);
    await expect.poll(written).toHaveLength(count);
  }
  const kept = written();
  expect(kept).not.toContain(first);
  expect(backupsIn(app.downloadsDir)).toEqual(expect.arrayContaining(planted));
  expect(readdirSync(app.downloadsDir)).toContain('unrelated.txt');
  const listed = data.backups.getByRole('table', { name: 'Backups in the folder' });
  // The header row and the app's two backups; the planted files are not among them.
  await expect(listed.getByRole('row')).toHaveCount(3);
  for (const name of planted) await expect(listed.getByText(name)).toHaveCount(0);
  const cli = spawnSync(
    process.execPath,
    ['bin/demo-ledger.js', 'verify', path.join(app.downloadsDir, kept[1] ?? '')],
    {
      encoding: 'utf8',
    },
  );
  expect(cli.status, cli.stdout).toBe(0);
  // Nobody's identity was unlocked (Dana has none): unsigned, and both say why.
  const unsigned = `automatic backup: ${TEST_PERSON.name} has no signing identity on this computer`;
  await expect(last).toContainText(`Unsigned (${unsigned}).`);
  expect(cli.stdout).toContain(`Signature: unsigned (${unsigned})`);
});
