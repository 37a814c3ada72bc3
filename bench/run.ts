import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchModule, BenchResult } from './harness';

/**
 * `npm run bench [filter]`: runs every bench/*.bench.ts whose file name contains the filter and
 * writes all results to bench/results/latest.json.
 */
async function main(): Promise<void> {
  const filter = process.argv[2] ?? '';
  const benchDir = import.meta.dirname;
  const files = (await readdir(benchDir))
    .filter((file) => file.endsWith('.bench.ts') && file.includes(filter))
    .sort();
  if (files.length === 0) {
    console.error(`No benchmark matches "${filter}".`);
    process.exitCode = 2;
    return;
  }
  const results: BenchResult[] = [];
  for (const file of files) {
    const tmpDir = await mkdtemp(path.join(tmpdir(), 'demo-ledger-bench-'));
    console.log(`# ${file}`);
    try {
      const module = (await import(pathToFileURL(path.join(benchDir, file)).href)) as BenchModule;
      const produced = await module.run({ tmpDir, log: (message) => console.log(`  ${message}`) });
      for (const result of produced) {
        console.log(
          `  ${result.meets ? 'meets' : 'MISSES'}  ${result.name}: ${result.value} ${result.unit} (baseline ${result.baseline ?? '—'}, ratio ${result.ratio ?? '—'}, target ${result.target})`,
        );
      }
      results.push(...produced);
    } finally {
      await rm(tmpDir, { recursive: true, force: true });
    }
  }
  const outDir = path.join(benchDir, 'results');
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`${results.length} results written to bench/results/latest.json`);
}

await main();
