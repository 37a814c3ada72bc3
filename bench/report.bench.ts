import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { BenchContext, BenchResult } from './harness';
import { boundResult, ratioResult } from './harness';
import { runMeasured } from './process-peak';
import { reportHtml } from './report-html';
import { largeReportModel } from './report-model';

/**
 * A 20,000-row control-evidence report, built and signed (PAdES) in its own Node process,
 * against Chromium printing the same report as HTML to PDF (`--print-to-pdf`), in the same run.
 * Both are measured from process start to exit; memory is the peak of the process tree's summed
 * proportional set sizes, sampled every 100 ms (for ours also Node's own maxRSS, whichever is
 * higher).
 */

const ROWS = 20_000;

function chromiumPath(): string {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv) return fromEnv;
  return existsSync('/usr/lib/chromium/chromium')
    ? '/usr/lib/chromium/chromium'
    : '/usr/bin/chromium';
}

function pageCount(file: string): number {
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1] ?? Number.NaN);
}

export async function run({ tmpDir, log }: BenchContext): Promise<BenchResult[]> {
  const model = largeReportModel(ROWS);
  const modelFile = path.join(tmpDir, 'model.json');
  const htmlFile = path.join(tmpDir, 'report.html');
  const ours = path.join(tmpDir, 'ours.pdf');
  const theirs = path.join(tmpDir, 'chromium.pdf');
  writeFileSync(modelFile, JSON.stringify(model));
  writeFileSync(htmlFile, reportHtml(model));

  log(`building and signing ${ROWS} rows with Demo Ledger`);
  const child = path.join(import.meta.dirname, 'report-child.ts');
  const built = await runMeasured(process.execPath, ['--import', 'tsx', child, modelFile, ours]);
  if (built.code !== 0) throw new Error(`the report build failed: ${built.stderr}`);
  const inner = JSON.parse(built.stdout.trim().split('\n').at(-1) ?? '{}') as {
    ms: number;
    maxRssMb: number;
  };
  const ourPeak = Math.max(built.peakPssMb, inner.maxRssMb);
  const ourPages = pageCount(ours);
  log(
    `ours: ${Math.round(built.wallMs)} ms wall (${Math.round(inner.ms)} ms build + sign), ${Math.round(ourPeak)} MB peak, ${ourPages} pages`,
  );

  log('printing the same report with Chromium --print-to-pdf');
  const printed = await runMeasured(chromiumPath(), [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-pdf-header-footer',
    `--print-to-pdf=${theirs}`,
    `file://${htmlFile}`,
  ]);
  if (!existsSync(theirs)) throw new Error(`Chromium did not print: ${printed.stderr.slice(-500)}`);
  const theirPages = pageCount(theirs);
  log(
    `chromium: ${Math.round(printed.wallMs)} ms wall, ${Math.round(printed.peakPssMb)} MB peak, ${theirPages} pages`,
  );

  return [
    ratioResult({
      name: `report ${ROWS} rows: build + sign time (process) vs Chromium print-to-pdf`,
      value: built.wallMs,
      unit: 'ms',
      baseline: printed.wallMs,
      higherIsBetter: false,
      minRatio: 1,
    }),
    boundResult({
      name: `report ${ROWS} rows: peak memory of build + sign (baseline: Chromium's process tree)`,
      value: ourPeak,
      unit: 'MB',
      baseline: printed.peakPssMb,
      max: 500,
    }),
    boundResult({
      name: `report ${ROWS} rows: pages (baseline: Chromium's print)`,
      value: ourPages,
      unit: 'pages',
      baseline: theirPages,
      min: 200,
    }),
  ];
}
