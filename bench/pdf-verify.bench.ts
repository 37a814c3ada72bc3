import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  fieldListingItself,
  fourGibibyteBomb,
  manyRevisionsEachSigned,
  millionDigitsAfter,
  selfReferencingBombTree,
} from '../test/support/hostile-pdfs';
import type { BenchContext, BenchResult } from './harness';
import { boundResult, ratioResult } from './harness';
import { runMeasured } from './process-peak';
import { largeReportModel } from './report-model';

/**
 * Verifying the largest legitimate signed report (20,000 rows, built and signed like the report
 * benchmark) in a process of its own, against poppler's `pdfsig` on the same file in the same
 * run; then each hostile input from the verifier's review, which must end in a verdict within
 * 10 s and 512 MB.
 */

const ROWS = 20_000;

interface ChildResult {
  ms: number;
  verdict: string;
  refused: string | null;
  maxRssMb: number;
}

async function verifyMeasured(
  file: string,
): Promise<{ wallMs: number; peakMb: number; inner: ChildResult }> {
  const child = path.join(import.meta.dirname, 'pdf-verify-child.ts');
  const run = await runMeasured(process.execPath, ['--import', 'tsx', child, file]);
  if (run.code !== 0) throw new Error(`verifying ${file} failed: ${run.stderr}`);
  const inner = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as ChildResult;
  return { wallMs: run.wallMs, peakMb: Math.max(run.peakPssMb, inner.maxRssMb), inner };
}

export async function run({ tmpDir, log }: BenchContext): Promise<BenchResult[]> {
  const modelFile = path.join(tmpDir, 'model.json');
  const report = path.join(tmpDir, 'report.pdf');
  writeFileSync(modelFile, JSON.stringify(largeReportModel(ROWS)));
  log(`building and signing a ${ROWS}-row report`);
  const built = await runMeasured(process.execPath, [
    '--import',
    'tsx',
    path.join(import.meta.dirname, 'report-child.ts'),
    modelFile,
    report,
  ]);
  if (built.code !== 0) throw new Error(`the report build failed: ${built.stderr}`);

  const ours = await verifyMeasured(report);
  if (ours.inner.verdict !== 'valid-untrusted')
    throw new Error(`the signed report did not verify: ${ours.inner.verdict}`);
  const theirs = await runMeasured('pdfsig', [report]);
  if (!theirs.stdout.includes('Signature is Valid.'))
    throw new Error(`pdfsig did not validate the report: ${theirs.stdout}`);
  log(
    `ours: ${Math.round(ours.wallMs)} ms (${Math.round(ours.inner.ms)} ms verifying), ${Math.round(ours.peakMb)} MB; pdfsig: ${Math.round(theirs.wallMs)} ms, ${Math.round(theirs.peakPssMb)} MB`,
  );
  const results: BenchResult[] = [
    ratioResult({
      name: `verify a signed ${ROWS}-row report: time (process) vs pdfsig`,
      value: ours.wallMs,
      unit: 'ms',
      baseline: theirs.wallMs,
      higherIsBetter: false,
      minRatio: 0.2,
    }),
    boundResult({
      name: `verify a signed ${ROWS}-row report: peak memory (baseline: pdfsig)`,
      value: ours.peakMb,
      unit: 'MB',
      baseline: theirs.peakPssMb,
      max: 512,
    }),
  ];

  const hostile: [string, Uint8Array][] = [
    ['self-referencing tree of 64 MiB bombs', selfReferencingBombTree()],
    ['one 4 GiB bomb', fourGibibyteBomb()],
    ['a field listing itself in /Kids', fieldListingItself()],
    ['4,000 revisions each named by a ByteRange', manyRevisionsEachSigned(4000)],
    ['a million digits after the signature', millionDigitsAfter(readFileSync(report))],
  ];
  for (const [name, bytes] of hostile) {
    const file = path.join(tmpDir, 'hostile.pdf');
    writeFileSync(file, bytes);
    const measured = await verifyMeasured(file);
    log(
      `${name}: ${measured.inner.verdict}${measured.inner.refused ? ` (${measured.inner.refused})` : ''} in ${Math.round(measured.wallMs)} ms, ${Math.round(measured.peakMb)} MB`,
    );
    results.push(
      boundResult({
        name: `hostile PDF, ${name}: time to a verdict (${measured.inner.verdict}) (baseline: the report's verify)`,
        value: measured.wallMs,
        unit: 'ms',
        baseline: ours.wallMs,
        max: 10_000,
      }),
      boundResult({
        name: `hostile PDF, ${name}: peak memory`,
        value: measured.peakMb,
        unit: 'MB',
        baseline: ours.peakMb,
        max: 512,
      }),
    );
  }
  return results;
}
