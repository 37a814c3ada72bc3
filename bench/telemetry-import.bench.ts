import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { AccessLogScenario } from '../core/telemetry/generate';
import type { BenchContext, BenchResult } from './harness';
import { boundResult, median, ratioResult } from './harness';

/**
 * Importing a 1,000,000-line access log (generated, with an attack burst): throughput compared
 * with `wc -l` and `grep -c` over the same file in the same run, and peak memory compared with a
 * Node process that only streams the file and counts its lines. The import runs in a child
 * process so its peak resident memory is its own.
 *
 * Targets: `wc -l` only looks for newlines (memchr, tens of millions of lines a second), so the
 * importer (decode, parse, classify, aggregate every line) is asked to be within 100 times of it;
 * `grep -c` with a regular expression is the nearest standard tool doing per-line matching (a
 * compiled DFA over bytes, about 1 GB/s here), and the importer, which also decodes UTF-8, reads
 * every field, classifies the request and aggregates, should stay within 20 times of it (measured
 * 0.09 to 0.13 across runs on a shared, loaded 2-core machine). Memory must stay within twice what Node needs to
 * stream the file at all, and under 256 MiB for a 200 MiB file: the file is never held whole.
 */
const LINES = 1_000_000;
const RUNS = 3;

interface ChildReport {
  lines: number;
  seconds: number;
  maxRssMiB: number;
}

function runChild(file: string, countOnly: boolean): ChildReport {
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(import.meta.dirname, 'telemetry-import-child.ts'),
      file,
      ...(countOnly ? ['--count-only'] : []),
    ],
    { encoding: 'utf8', maxBuffer: 1024 * 1024 },
  );
  if (child.status !== 0) throw new Error(`import child failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as ChildReport;
}

function timeTool(command: string, args: string[]): number {
  const started = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (result.error) throw result.error;
  return seconds;
}

export async function run({ tmpDir, log }: BenchContext): Promise<BenchResult[]> {
  const file = path.join(tmpDir, 'access.log');
  const stream = createWriteStream(file);
  let batch: string[] = [];
  for (const line of new AccessLogScenario(LINES, { seed: 42 }).generate()) {
    batch.push(line);
    if (batch.length === 20_000) {
      if (!stream.write(`${batch.join('\n')}\n`)) await once(stream, 'drain');
      batch = [];
    }
  }
  stream.end(batch.length > 0 ? `${batch.join('\n')}\n` : '');
  await once(stream, 'finish');
  const sizeMiB = (await stat(file)).size / 1024 / 1024;
  log(`generated ${LINES.toLocaleString('en')} lines, ${sizeMiB.toFixed(0)} MiB`);

  const wc: number[] = [];
  const grep: number[] = [];
  const imports: ChildReport[] = [];
  const counts: ChildReport[] = [];
  for (let round = 0; round < RUNS; round += 1) {
    wc.push(timeTool('wc', ['-l', file]));
    grep.push(timeTool('grep', ['-c', '-E', '" [45][0-9][0-9] ', file]));
    imports.push(runChild(file, false));
    counts.push(runChild(file, true));
  }
  const importSeconds = median(imports.map((report) => report.seconds));
  if (imports.some((report) => report.lines !== LINES))
    throw new Error('the importer did not read every line');
  const importRate = LINES / importSeconds;
  const importRss = Math.max(...imports.map((report) => report.maxRssMiB));
  const countRss = Math.max(...counts.map((report) => report.maxRssMiB));
  log(
    `import ${importSeconds.toFixed(2)} s, wc -l ${median(wc).toFixed(3)} s, grep -c ${median(grep).toFixed(3)} s`,
  );
  log(
    `peak RSS: import ${importRss.toFixed(0)} MiB, streaming line count ${countRss.toFixed(0)} MiB, file ${sizeMiB.toFixed(0)} MiB`,
  );
  return [
    ratioResult({
      name: 'telemetry import throughput vs wc -l (1M-line access log)',
      value: importRate,
      unit: 'lines/s',
      baseline: LINES / median(wc),
      higherIsBetter: true,
      minRatio: 0.01,
    }),
    ratioResult({
      name: 'telemetry import throughput vs grep -c (1M-line access log)',
      value: importRate,
      unit: 'lines/s',
      baseline: LINES / median(grep),
      higherIsBetter: true,
      minRatio: 0.05,
    }),
    ratioResult({
      name: 'telemetry import peak memory vs streaming line count in Node',
      value: importRss,
      unit: 'MiB',
      baseline: countRss,
      higherIsBetter: false,
      minRatio: 0.5,
    }),
    boundResult({
      name: 'telemetry import peak memory (1M-line access log)',
      value: importRss,
      unit: 'MiB',
      baseline: sizeMiB,
      max: 256,
    }),
  ];
}
