import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { fileSource } from '../cli/file-source';
import { inspectSource } from '../core/evidence/inspect';
import { sharedFixture } from '../test/fixtures';
import type { BenchContext, BenchResult } from './harness';
import { boundResult } from './harness';

/**
 * Parse throughput of the streaming parsers on the largest shared fixtures, each against a
 * baseline from the same run: Node's native JSON.parse for JSON, libxml2's `xmllint --noout`
 * for XML. The target is absolute: at least 10 MiB/s, so a 100 MiB report reads in ten seconds.
 */

const MIB = 1024 * 1024;
const LARGEST: readonly [string, 'json' | 'xml'][] = [
  ['grype/LARGE-grype-0.7-python3.6-image.json', 'json'],
  ['inspec/inspec-4.18-rhel7-stig-bad.json', 'json'],
  ['openscap/LARGE-oscap-1.3.7-ssg-debian-anssi-high-xccdf-results.xml', 'xml'],
  ['junit/eclipse-pde-test-report.xml', 'xml'],
  ['openscap/xccdf-results-openscap-rhel7.xml', 'xml'],
];

async function timed(work: () => unknown, repeat = 5): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index < repeat; index += 1) {
    const started = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  // The fastest run is the one least disturbed by other work on a shared machine.
  return Math.min(...times);
}

/** A JUnit report of `cases` test cases, written in a stream (every 50th fails). */
async function writeLargeJunit(file: string, cases: number): Promise<void> {
  const out = createWriteStream(file);
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  await write(
    '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n<testsuite name="generated">\n',
  );
  for (let index = 0; index < cases; index += 1) {
    await write(
      index % 50 === 0
        ? `<testcase classname="com.example.Generated${index % 997}" name="case${index}" time="0.001"><failure message="expected true">at Generated.java:${index}</failure></testcase>\n`
        : `<testcase classname="com.example.Generated${index % 997}" name="case${index}" time="0.001"/>\n`,
    );
  }
  await write('</testsuite>\n</testsuites>\n');
  out.end();
  await finished(out);
}

/** Parses a multi-hundred-megabyte report while sampling the process's resident memory. */
async function largeFileMemory(
  tmpDir: string,
  log: (message: string) => void,
): Promise<BenchResult[]> {
  const file = path.join(tmpDir, 'large-junit.xml');
  const cases = 2_500_000;
  await writeLargeJunit(file, cases);
  const size = (await stat(file)).size / MIB;
  const idle = process.memoryUsage().rss / MIB;
  let peak = idle;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss / MIB);
  }, 50);
  const started = process.hrtime.bigint();
  const { outcome } = await inspectSource(await fileSource(file));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(timer);
  if (!outcome.ok || outcome.summary.tests?.total !== cases)
    throw new Error('the large report was not read in full');
  const baseline = await timed(
    () => spawnSync('xmllint', ['--noout', '--huge', '--stream', file]),
    1,
  );
  log(
    `${size.toFixed(0)} MiB JUnit: ${(size / seconds).toFixed(1)} MiB/s, memory ${idle.toFixed(0)} → ${peak.toFixed(0)} MiB (xmllint --stream ${(size / baseline).toFixed(1)} MiB/s)`,
  );
  return [
    boundResult({
      name: `parse: generated ${size.toFixed(0)} MiB JUnit XML (${cases} tests)`,
      value: size / seconds,
      unit: 'MiB/s',
      baseline: size / baseline,
      min: 10,
    }),
    boundResult({
      name: `parse: peak memory above idle while reading the ${size.toFixed(0)} MiB JUnit XML`,
      value: peak - idle,
      unit: 'MiB',
      baseline: idle,
      max: 300,
    }),
  ];
}

export async function run({ log, tmpDir }: BenchContext): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const [relative, kind] of LARGEST) {
    const file = sharedFixture(relative);
    const size = (await stat(file)).size / MIB;
    const source = await fileSource(file);
    const ours = await timed(async () => {
      const { outcome } = await inspectSource(source);
      if (!outcome.ok) throw new Error(`${relative}: ${outcome.error}`);
    });
    const baseline =
      kind === 'json'
        ? await timed(async () => JSON.parse(await readFile(file, 'utf8')) as unknown)
        : await timed(() => spawnSync('xmllint', ['--noout', file]));
    log(
      `${relative}: ${(size / ours).toFixed(1)} MiB/s (${kind === 'json' ? 'JSON.parse' : 'xmllint'} ${(size / baseline).toFixed(1)} MiB/s)`,
    );
    results.push(
      boundResult({
        name: `parse: ${relative} (${size.toFixed(1)} MiB)`,
        value: size / ours,
        unit: 'MiB/s',
        baseline: size / baseline,
        min: 10,
      }),
    );
  }
  results.push(...(await largeFileMemory(tmpDir, log)));
  return results;
}
