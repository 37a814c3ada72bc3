// `npm run telemetry:generate -- [--out DIR] [--seed N] [--access-lines N] [--minutes N]`
// Writes a reproducible set of telemetry files with an attack burst (see core/telemetry/generate.ts).
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import {
  AccessLogScenario,
  AuthLogScenario,
  DEFAULT_START,
  changeEventsCsv,
  loginEventLines,
  metricCsvLines,
} from '../core/telemetry/generate';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

async function writeLines(file: string, lines: Iterable<string>): Promise<void> {
  const stream = createWriteStream(file);
  let batch: string[] = [];
  for (const line of lines) {
    batch.push(line);
    if (batch.length >= 10_000) {
      if (!stream.write(`${batch.join('\n')}\n`)) await once(stream, 'drain');
      batch = [];
    }
  }
  if (batch.length > 0) stream.write(`${batch.join('\n')}\n`);
  stream.end();
  await once(stream, 'finish');
}

async function main(): Promise<void> {
  const out = path.resolve(option('--out', 'telemetry-sample'));
  const seed = Number(option('--seed', '1'));
  const accessLines = Number(option('--access-lines', '50000'));
  const minutes = Number(option('--minutes', '360'));
  const scenario = { seed, minutes, start: DEFAULT_START };
  await mkdir(out, { recursive: true });
  const access = new AccessLogScenario(accessLines, scenario);
  await writeLines(path.join(out, 'access.log'), access.generate());
  // Two hosts log to one auth.log, as a central syslog receives them; web-2 goes quiet half-way.
  const auth = new AuthLogScenario({
    ...scenario,
    seed: seed + 1,
    hosts: ['web-1', 'web-2'],
    quiet: { host: 'web-2', after: 0.5 },
  });
  await writeLines(path.join(out, 'auth.log'), auth.generate());
  await writeLines(
    path.join(out, 'logins.ndjson'),
    loginEventLines({ ...scenario, seed: seed + 2 }),
  );
  await writeLines(path.join(out, 'metrics.csv'), metricCsvLines({ ...scenario, seed: seed + 3 }));
  await writeFile(path.join(out, 'changes.csv'), changeEventsCsv(scenario));
  const truth = { access: access.truth, auth: auth.truth };
  await writeFile(path.join(out, 'truth.json'), `${JSON.stringify(truth, null, 2)}\n`);
  console.log(
    `Wrote access.log, auth.log, logins.ndjson, metrics.csv, changes.csv and truth.json to ${out}`,
  );
}

await main();
