import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ControlLibrary } from '../core/catalog/library';
import { Catalog } from '../core/catalog/model';
import { buildSearchIndex, searchControls } from '../core/catalog/search';
import { importOscalCatalog } from '../core/oscal/catalog-import';
import { sharedFixture } from '../test/fixtures';
import type { BenchContext, BenchResult } from './harness';
import { boundResult, median, ratioResult } from './harness';

const FRAMEWORKS = path.resolve(import.meta.dirname, '../templates/frameworks');
const SHIPPED = [
  'nist-sp-800-53-rev5',
  'owasp-asvs',
  'iso-27001-2022',
  'soc2-tsc',
  'devops-baseline',
];

/** What people type: ids in several spellings, titles, fragments of statements, as typed. */
const QUERIES = [
  'ac-2',
  'AC-2(1)',
  'V5.1.1',
  'A.8.8',
  'CC6.1',
  'DSB-07',
  'a',
  'ac',
  'acc',
  'acco',
  'account',
  'account man',
  'account management',
  'unsuccessful logon',
  'unsuccessful logon attem',
  'least privilege',
  'sql injection',
  'password',
  'passwords are checked',
  'encryption at rest',
  'only expected ports',
  'audit record review',
  'session token',
  'the',
  'cryptographic key length',
  'vulnerability scanning',
  'configuration settings',
  'incident handling',
  'supply chain',
  'multi-factor authentication',
];

function time<T>(work: () => T): [T, number] {
  const start = performance.now();
  const value = work();
  return [value, performance.now() - start];
}

/**
 * Catalog import time and search latency over all shipped catalogs together. Baselines, measured
 * in the same run: JSON.parse of the same bytes (import), and a plain substring scan over the
 * same titles and statements (search).
 */
export async function run({ log }: BenchContext): Promise<BenchResult[]> {
  const texts = SHIPPED.map((id) => readFileSync(path.join(FRAMEWORKS, `${id}.json`), 'utf8'));
  const oscal = readFileSync(sharedFixture('oscal/NIST_SP-800-53_rev5_catalog.json'), 'utf8');
  const parseTimes: number[] = [];
  const loadTimes: number[] = [];
  const oscalTimes: number[] = [];
  const oscalParseTimes: number[] = [];
  let library: ControlLibrary | undefined;
  for (let round = 0; round < 5; round += 1) {
    parseTimes.push(time(() => texts.map((text) => JSON.parse(text) as unknown))[1]);
    const [built, took] = time(() => {
      const lib = new ControlLibrary(texts.map((text) => Catalog.parse(JSON.parse(text))));
      return { lib, index: buildSearchIndex(lib) };
    });
    library = built.lib;
    loadTimes.push(took);
    oscalParseTimes.push(time(() => JSON.parse(oscal) as unknown)[1]);
    oscalTimes.push(time(() => importOscalCatalog(oscal))[1]);
  }
  if (!library) throw new Error('no library');
  const index = buildSearchIndex(library);
  log(`${index.size} controls indexed from ${SHIPPED.length} catalogs`);

  const haystacks = SHIPPED.flatMap((id) =>
    library.controlsOf(id).map((control) => {
      const summary = library.describe(`${id}#${control.id}`);
      return `${summary?.label ?? ''} ${summary?.title ?? ''} ${summary?.statement ?? ''}`.toLowerCase();
    }),
  );
  for (const query of QUERIES) searchControls(index, query); // warm up the JIT
  const searchTimes: number[] = [];
  const scanTimes: number[] = [];
  for (let round = 0; round < 10; round += 1) {
    for (const query of QUERIES) {
      searchTimes.push(time(() => searchControls(index, query, { limit: 50 }))[1]);
      const words = query.toLowerCase().split(/\s+/);
      scanTimes.push(
        time(() =>
          haystacks.filter((text) => words.every((word) => text.includes(word))).slice(0, 50),
        )[1],
      );
    }
  }
  const p95 = [...searchTimes].sort((a, b) => a - b)[Math.floor(searchTimes.length * 0.95)] ?? 0;
  return [
    boundResult({
      name: 'search latency, median over all shipped catalogs',
      value: median(searchTimes),
      unit: 'ms',
      baseline: median(scanTimes),
      max: 16,
    }),
    boundResult({
      name: 'search latency, 95th percentile',
      value: p95,
      unit: 'ms',
      baseline: median(scanTimes),
      max: 50,
    }),
    ratioResult({
      name: 'shipped catalogs load (validate + index) vs JSON.parse',
      value: median(loadTimes),
      unit: 'ms',
      baseline: median(parseTimes),
      higherIsBetter: false,
      minRatio: 0.02,
    }),
    boundResult({
      name: 'shipped catalogs load (validate + index)',
      value: median(loadTimes),
      unit: 'ms',
      baseline: median(parseTimes),
      max: 1500,
    }),
    ratioResult({
      name: 'OSCAL 800-53 import (schema + convert) vs JSON.parse',
      value: median(oscalTimes),
      unit: 'ms',
      baseline: median(oscalParseTimes),
      higherIsBetter: false,
      minRatio: 0.05,
    }),
  ];
}
