import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { sharedFixturesDir } from '../test/fixtures';
import type { BenchContext, BenchResult } from './harness';
import { boundResult, ratioResult } from './harness';
import { runMeasured } from './process-peak';

/**
 * `demo-ledger collect` over every real report in the shared fixtures (each read, summarised,
 * stored and signed, the bundle then verified in full before it is kept), against what a
 * pipeline would otherwise run on the same files in the same run: `demo-ledger inspect` on
 * each plus `tar` of them all. Both use the built CLI. The identity is one `identity create`
 * writes (its 100,000-iteration PKCS#12 is opened once per collect). A second figure takes the
 * process start-ups out of the baseline (one `--version` run per extra inspect), comparing the
 * work alone.
 */

const CLI = path.resolve(import.meta.dirname, '..', 'out', 'node', 'cli.js');
const PASSPHRASE = 'bench passphrase';

function reports(): string[] {
  const root = sharedFixturesDir();
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name !== 'SOURCES.md') files.push(full);
    }
  };
  walk(root);
  return files.sort();
}

export async function run({ tmpDir, log }: BenchContext): Promise<BenchResult[]> {
  if (!existsSync(CLI)) {
    log('building the CLI (vite build -c vite.node.config.ts)');
    const built = spawnSync('npx', ['vite', 'build', '-c', 'vite.node.config.ts'], {
      cwd: path.resolve(import.meta.dirname, '..'),
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`building the CLI failed: ${built.stderr}`);
  }
  // Inherited by every child: the identity's passphrase, as in CI.
  process.env['DEMO_LEDGER_PASSPHRASE'] = PASSPHRASE;
  const identity = path.join(tmpDir, 'ci.p12');
  const created = await runMeasured(process.execPath, [
    CLI,
    'identity',
    'create',
    '--cn',
    'Bench CI',
    '--out',
    identity,
  ]);
  if (created.code !== 0) throw new Error(`identity create failed: ${created.stderr}`);

  const files = reports();
  const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
  log(`${files.length} reports, ${(bytes / 1_048_576).toFixed(1)} MB`);

  const out = path.join(tmpDir, 'evidence.dlevidence');
  const collect = await runMeasured(process.execPath, [
    CLI,
    'collect',
    ...files,
    '--out',
    out,
    '--identity',
    identity,
  ]);
  if (collect.code !== 0) throw new Error(`collect failed: ${collect.stderr}`);

  let inspectMs = 0;
  for (const file of files) {
    // Exit 1 (a file that cannot be parsed) is a result too; only a crash is not.
    const inspected = await runMeasured(process.execPath, [CLI, 'inspect', file]);
    if (inspected.code !== 0 && inspected.code !== 1) {
      throw new Error(`inspect ${file} failed: ${inspected.stderr}`);
    }
    inspectMs += inspected.wallMs;
  }
  const tar = await runMeasured('tar', ['-cf', path.join(tmpDir, 'reports.tar'), ...files]);
  if (tar.code !== 0) throw new Error(`tar failed: ${tar.stderr}`);
  const startup = await runMeasured(process.execPath, [CLI, '--version']);
  const baseline = inspectMs + tar.wallMs;
  const workBaseline = baseline - (files.length - 1) * startup.wallMs;
  log(
    `collect ${Math.round(collect.wallMs)} ms, ${Math.round(collect.peakPssMb)} MB; inspect each ${Math.round(inspectMs)} ms + tar ${Math.round(tar.wallMs)} ms; a start-up ${Math.round(startup.wallMs)} ms`,
  );
  return [
    ratioResult({
      name: `collect ${files.length} real reports vs inspect each + tar: time (target collect <= 1.2x)`,
      value: collect.wallMs,
      unit: 'ms',
      baseline,
      higherIsBetter: false,
      minRatio: 0.83,
    }),
    ratioResult({
      name: `collect ${files.length} real reports vs inspect each + tar, one start-up only: time (target collect <= 1.2x)`,
      value: collect.wallMs,
      unit: 'ms',
      baseline: workBaseline,
      higherIsBetter: false,
      minRatio: 0.83,
    }),
    boundResult({
      name: `collect ${files.length} real reports: peak memory`,
      value: collect.peakPssMb,
      unit: 'MB',
      max: 300,
    }),
  ];
}
