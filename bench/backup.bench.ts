import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { nodeSha256, verifyArchiveFile } from '../main/services/archive-file';
import type { SyntheticLedger } from '../test/support/ledger';
import { syntheticLedger } from '../test/support/ledger';
import { writeArchiveFile } from '../test/support/archive-file';
import type { BenchContext, BenchResult } from './harness';
import { boundResult, ratioResult } from './harness';

/**
 * Backups: writing an archive with the portable SHA-256 the renderer uses, verifying one from
 * disk as `demo-ledger verify` and the main process do, and the memory verification needs.
 * Baseline: `sha256sum` over the same file, measured in the same run.
 */
const MIB = 1024 * 1024;

function ledger(): SyntheticLedger {
  return syntheticLedger({
    workspaces: 50,
    sprintsPerWorkspace: 200,
    blobs: 48,
    blobBytes: 4 * MIB,
  });
}

async function writeBackup(
  file: string,
  source: SyntheticLedger,
  portable: boolean,
): Promise<void> {
  await writeArchiveFile(file, source.tables, {
    kind: 'backup',
    createdAt: new Date('2026-11-26T12:00:00.000Z'),
    createdBy: 'bench',
    app: { name: 'Demo Ledger', version: 'bench' },
    database: { name: 'demo-ledger', schemaVersion: 8 },
    ...(portable ? {} : { createSha256: nodeSha256 }),
  });
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export async function run({ tmpDir, log }: BenchContext): Promise<BenchResult[]> {
  const file = path.join(tmpDir, 'bench.dlbackup');
  const source = ledger();
  let start = process.hrtime.bigint();
  await writeBackup(file, source, true);
  const writeSeconds = seconds(start);
  const size = statSync(file).size;
  const megabytes = size / MIB;
  log(`archive: ${megabytes.toFixed(0)} MiB`);

  start = process.hrtime.bigint();
  const sum = spawnSync('sha256sum', [file], { encoding: 'utf8' });
  const sumSeconds = seconds(start);
  if (sum.status !== 0) throw new Error(`sha256sum failed: ${sum.stderr}`);
  const baseline = megabytes / sumSeconds;

  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 10);
  start = process.hrtime.bigint();
  const verdict = await verifyArchiveFile(file);
  const verifySeconds = seconds(start);
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if (!verdict.ok) throw new Error(`the benchmark archive did not verify: ${verdict.problems[0]}`);

  return [
    ratioResult({
      name: 'backup: write archive, portable SHA-256 (renderer path), vs sha256sum',
      value: megabytes / writeSeconds,
      unit: 'MiB/s',
      baseline,
      higherIsBetter: true,
      // Pure-JS SHA-256 (WebCrypto has no incremental digest) against native, SIMD hashing.
      minRatio: 0.05,
    }),
    ratioResult({
      name: 'backup: verify archive from disk (demo-ledger verify), vs sha256sum',
      value: megabytes / verifySeconds,
      unit: 'MiB/s',
      baseline,
      higherIsBetter: true,
      minRatio: 0.3,
    }),
    boundResult({
      name: 'backup: memory to verify the archive (peak RSS growth)',
      value: (peakRss - startRss) / MIB,
      unit: 'MiB',
      baseline: megabytes,
      max: 128,
    }),
  ];
}
