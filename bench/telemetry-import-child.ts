// Child process of telemetry-import.bench.ts: streams one file through the importer (or, with
// --count-only, just counts its newlines the same way) and reports time and peak memory as JSON.
import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { TelemetryImporter } from '../core/telemetry/importer';

const [file, mode] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: telemetry-import-child FILE [--count-only]');
const started = performance.now();
let lines = 0;
if (mode === '--count-only') {
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    const bytes = chunk as Uint8Array;
    for (let index = bytes.indexOf(10); index >= 0; index = bytes.indexOf(10, index + 1))
      lines += 1;
  }
} else {
  const importer = new TelemetryImporter({ kind: 'access-log', format: 'text' });
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    importer.push(chunk as Uint8Array);
  }
  const result = importer.finish();
  lines = result.lines;
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  JSON.stringify({ lines, seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024 }),
);
