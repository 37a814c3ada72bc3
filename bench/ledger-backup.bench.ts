import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import { DataSettings } from '../test/e2e/pages/data';
import type { BenchContext, BenchResult } from './harness';
import { boundResult, ratioResult } from './harness';
import { RENDERER_DIR, fillLedger, openBenchApp, rendererMemory } from './ledger/page';

/**
 * Backup and restore of a team's ledger over years (1 and 10 team-years; BENCH_TEAM_YEARS to
 * choose), through the app in the Chromium host as a person does them: Settings → Backups →
 * Back up now, then Restore from that file, replacing everything. Each is timed from the click
 * to its result on screen (a restore includes checking the whole archive first and verifying
 * the restored ledger after), with the renderer's peak memory (PSS of its processes, workers
 * included) through each. Baseline: GNU tar over the same archive in the same run — packing
 * its entries into a tar file for the backup, unpacking the file for the restore.
 */

const MIB = 1024 * 1024;

interface SizeFigures {
  years: number;
  entries: number;
  archiveMiB: number;
  backupMs: number;
  backupPeakMb: number;
  restoreMs: number;
  restorePeakMb: number;
  tarPackMs: number;
  tarUnpackMs: number;
}

function timed(command: string, args: string[]): number {
  const started = performance.now();
  const run = spawnSync(command, args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${command} failed: ${run.stderr}`);
  return performance.now() - started;
}

async function measure(years: number, tmpDir: string, log: (m: string) => void) {
  const profileDir = path.join(tmpDir, `profile-${years}`);
  const downloadsDir = path.join(tmpDir, `downloads-${years}`);
  const host = await openBenchApp(profileDir, downloadsDir);
  const memory = rendererMemory(profileDir);
  try {
    const { page } = host;
    const filled = await fillLedger(page, years, path.join(tmpDir, `log-${years}.jsonl`));
    await page.reload();
    // A large ledger takes a while to open again; the shortcut means nothing until it has.
    await page.locator('html[data-ready]').waitFor({ timeout: 120_000 });
    const data = new DataSettings(page);
    await data.open();
    memory.take();

    let started = performance.now();
    await data.backups.getByRole('button', { name: 'Back up now…' }).click();
    await expect(page.getByText(/Backup saved: /)).toBeVisible({ timeout: 30 * 60_000 });
    const backupMs = performance.now() - started;
    const backupPeakMb = memory.take();
    const [name] = readdirSync(downloadsDir).filter((file) => file.endsWith('.dlbackup'));
    if (name === undefined) throw new Error('no backup was saved');
    const archive = path.join(downloadsDir, name);
    const archiveMiB = statSync(archive).size / MIB;
    log(
      `${years} team-years: backup ${archiveMiB.toFixed(1)} MiB in ${(backupMs / 1000).toFixed(1)} s`,
    );

    // Handing a large file to the page takes Playwright a while on a busy machine: the clock
    // starts once the page has it (the check starts then).
    await data.backups.getByRole('button', { name: 'Restore from a backup…' }).click();
    await data.restoreDialog
      .getByLabel('Backup file')
      .setInputFiles(archive, { timeout: 30 * 60_000 });
    started = performance.now();
    await expect(
      data.restoreDialog.getByText('Verified: every file matches its SHA-256'),
    ).toBeVisible({ timeout: 60 * 60_000 });
    await data.restoreDialog.getByLabel('Type “replace” to confirm').fill('replace');
    await data.restoreDialog.getByRole('button', { name: 'Replace all data' }).click();
    await expect(data.restoreDialog.getByRole('status')).toContainText('The audit log is intact', {
      timeout: 60 * 60_000,
    });
    const restoreMs = performance.now() - started;
    const restorePeakMb = memory.take();
    log(`${years} team-years: restore in ${(restoreMs / 1000).toFixed(1)} s`);

    // tar over the same archive: unpack it (what a restore reads), pack its entries again
    // (what a backup writes).
    const unpacked = path.join(tmpDir, `unpacked-${years}`);
    mkdirSync(unpacked);
    const tarUnpackMs = timed('tar', ['-xf', archive, '-C', unpacked]);
    const tarPackMs = timed('tar', [
      '-cf',
      path.join(tmpDir, `packed-${years}.tar`),
      '-C',
      unpacked,
      '.',
    ]);
    return {
      years,
      entries: filled.head.seq,
      archiveMiB,
      backupMs,
      backupPeakMb,
      restoreMs,
      restorePeakMb,
      tarPackMs,
      tarUnpackMs,
    } satisfies SizeFigures;
  } finally {
    memory.stop();
    await host.close();
  }
}

export async function run({ tmpDir, log }: BenchContext): Promise<BenchResult[]> {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html')))
    throw new Error('Build the app first (npm run build): the benchmark loads out/renderer.');
  const sizes = (process.env.BENCH_TEAM_YEARS ?? '1,10').split(',').map(Number);
  const all: SizeFigures[] = [];
  for (const years of sizes) all.push(await measure(years, tmpDir, log));
  const results: BenchResult[] = [];
  for (const figures of all) {
    const label = `${figures.years} team-year${figures.years === 1 ? '' : 's'} (${figures.entries.toLocaleString('en')} entries, ${figures.archiveMiB.toFixed(0)} MiB archive)`;
    results.push(
      ratioResult({
        name: `ledger backup ${label}: back up now, click to saved (signed-off by main), vs tar packing the same entries`,
        value: figures.archiveMiB / (figures.backupMs / 1000),
        unit: 'MiB/s',
        baseline: figures.archiveMiB / (figures.tarPackMs / 1000),
        higherIsBetter: true,
        // Every row encoded and hashed in pure JS, carried to main as base64 over the host's
        // bridge and verified again there, against one native copy of the bytes.
        minRatio: 0.01,
      }),
      boundResult({
        name: `ledger backup ${label}: renderer peak memory (PSS) while backing up`,
        value: figures.backupPeakMb,
        unit: 'MiB',
        max: 600,
      }),
      ratioResult({
        name: `ledger restore ${label}: click to restored and verified (archive checked, written, ledger verified), vs tar unpacking the same file`,
        value: figures.archiveMiB / (figures.restoreMs / 1000),
        unit: 'MiB/s',
        baseline: figures.archiveMiB / (figures.tarUnpackMs / 1000),
        higherIsBetter: true,
        // Three passes where tar makes one: the archive verified (chain and every record),
        // written into IndexedDB, and the restored ledger verified from the database.
        minRatio: 0.005,
      }),
      boundResult({
        name: `ledger restore ${label}: renderer peak memory (PSS) while restoring`,
        value: figures.restorePeakMb,
        unit: 'MiB',
        max: 600,
      }),
    );
  }
  const smallest = all[0];
  const largest = all.at(-1);
  if (smallest && largest && largest !== smallest) {
    const dataGrowth = largest.archiveMiB / smallest.archiveMiB;
    const growth = (name: string, of: (f: SizeFigures) => number) =>
      boundResult({
        name: `ledger backup growth ${smallest.years}→${largest.years} team-years: ${name} (archive grew ${dataGrowth.toFixed(1)}×; linear or better)`,
        value: of(largest) / of(smallest),
        unit: '×',
        baseline: dataGrowth,
        max: Math.round(dataGrowth * 10) / 10,
      });
    results.push(
      growth('backup time', (f) => f.backupMs),
      growth('restore time', (f) => f.restoreMs),
      growth('renderer peak memory while backing up', (f) => f.backupPeakMb),
      growth('renderer peak memory while restoring', (f) => f.restorePeakMb),
    );
  }
  return results;
}
