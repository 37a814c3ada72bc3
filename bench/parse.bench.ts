import { spawnSync } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { fileSource } from '../cli/file-source';
import { inspectSource } from '../core/evidence/inspect';
import { sharedFixture } from '../test/fixtures';
import type { BenchContext, BenchResult } from './harness';
import { boundResult, median } from './harness';

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

async function seconds(work: () => unknown, repeat = 5): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index < repeat; index += 1) {
    const started = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  return median(times);
}

export async function run({ log }: BenchContext): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const [relative, kind] of LARGEST) {
    const file = sharedFixture(relative);
    const size = (await stat(file)).size / MIB;
    const source = await fileSource(file);
    const ours = await seconds(async () => {
      const { outcome } = await inspectSource(source);
      if (!outcome.ok) throw new Error(`${relative}: ${outcome.error}`);
    });
    const baseline =
      kind === 'json'
        ? await seconds(async () => JSON.parse(await readFile(file, 'utf8')) as unknown)
        : await seconds(() => spawnSync('xmllint', ['--noout', file]));
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
  return results;
}
