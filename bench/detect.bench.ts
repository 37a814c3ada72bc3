import { readFile } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DETECT_BYTES, detectFormat } from '../core/evidence/detect';
import type { WorkMeter } from '../core/evidence/head-json';
import { sharedFixture } from '../test/fixtures';
import { WORST_JSON, WORST_TEXT, WORST_XML, fill } from '../test/support/hostile-heads';
import type { BenchContext, BenchResult } from './harness';
import { ratioResult } from './harness';

/**
 * Format detection on hostile heads (test/support/hostile-heads.ts: the shapes on which
 * backtracking regular expressions take minutes), each filled to the whole 256 KiB that
 * detection reads. Per kind (XML, JSON, text) two figures for the shape that took longest:
 * - its time against the same run's detection of a real 256 KiB head of that kind: a hostile
 *   head may cost at most five times an ordinary one (ratio >= 0.2);
 * - its growth in work (characters the scanners visit, counted by a WorkMeter) from its first
 *   64 KiB to the whole head, against four times the 64 KiB count: linear work gives a ratio of
 *   1, quadratic 0.25 (target >= 0.8). Work, not time: on a shared machine the time of one call
 *   varies by more than the growth this must tell apart.
 */

const KIB = 1024;
const ROUNDS = 41;

// A full collection before each round, so no call pays for collecting the strings of many before it.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function callMs(work: () => unknown): number {
  const started = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/**
 * Milliseconds per call of each piece of work: single calls in interleaved rounds, so load from
 * other work on a shared machine falls on all of them alike, and the fastest call of each wins
 * (with the garbage of earlier rounds collected first).
 */
function msPerCall(works: readonly (() => unknown)[], rounds = ROUNDS): number[] {
  for (const work of works) for (let warm = 0; warm < 3; warm += 1) work();
  const best = works.map(() => Infinity);
  for (let round = 0; round < rounds; round += 1) {
    collectGarbage();
    works.forEach((work, index) => {
      best[index] = Math.min(best[index] ?? Infinity, callMs(work));
    });
  }
  return best;
}

function stepsOf(bytes: Uint8Array): number {
  const meter: WorkMeter = { steps: 0 };
  detectFormat(bytes, meter);
  return meter.steps;
}

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

async function realHead(relative: string, repeatToFill = false): Promise<Uint8Array> {
  const bytes = new Uint8Array(await readFile(sharedFixture(relative)));
  if (!repeatToFill || bytes.length >= DETECT_BYTES) return bytes.subarray(0, DETECT_BYTES);
  const filled = new Uint8Array(DETECT_BYTES);
  for (let at = 0; at < DETECT_BYTES; at += bytes.length)
    filled.set(bytes.subarray(0, DETECT_BYTES - at), at);
  return filled;
}

interface Kind {
  kind: string;
  shapes: readonly string[];
  real: string;
  head: Promise<Uint8Array>;
}

export async function run({ log }: BenchContext): Promise<BenchResult[]> {
  const kinds: Kind[] = [
    {
      kind: 'XML',
      shapes: WORST_XML,
      real: 'the head of a 3.6 MB OpenSCAP XCCDF result',
      head: realHead('openscap/LARGE-oscap-1.3.7-ssg-debian-anssi-high-xccdf-results.xml'),
    },
    {
      kind: 'JSON',
      shapes: WORST_JSON,
      real: 'the head of a 3.8 MB Grype report',
      head: realHead('grype/LARGE-grype-0.7-python3.6-image.json'),
    },
    {
      kind: 'text',
      shapes: WORST_TEXT,
      real: 'a Lynis report.dat repeated to 256 KiB',
      head: realHead('lynis/lynis-3.0.8-debian12-quick-report.dat', true),
    },
  ];
  const results: BenchResult[] = [];
  for (const { kind, shapes, real, head } of kinds) {
    const realBytes = await head;
    if (realBytes.length !== DETECT_BYTES) throw new Error(`${real} is not 256 KiB`);
    // The slowest shape is picked on a quick measure, then timed with the real head and its own
    // first 64 KiB in interleaved rounds.
    const heads = shapes.map((shape) => ({ shape, bytes: encode(fill(shape)) }));
    for (const { shape, bytes } of heads)
      if (bytes.length !== DETECT_BYTES) throw new Error(`${JSON.stringify(shape)} is not 256 KiB`);
    const quick = msPerCall(
      heads.map((candidate) => () => detectFormat(candidate.bytes)),
      9,
    );
    const slowest = heads[quick.indexOf(Math.max(...quick))] ?? heads[0];
    if (!slowest) throw new Error(`no ${kind} shapes`);
    const [baseline = 0, hostileMs = 0] = msPerCall([
      () => detectFormat(realBytes),
      () => detectFormat(slowest.bytes),
    ]);
    const whole = stepsOf(slowest.bytes);
    const quarter = stepsOf(slowest.bytes.subarray(0, 64 * KIB));
    const name = `${JSON.stringify(slowest.shape)} repeated`;
    log(
      `${kind}: slowest of ${shapes.length} hostile heads is ${name}: ${hostileMs.toFixed(3)} ms and ${whole} steps for 256 KiB, ${quarter} steps for 64 KiB; ${real}: ${baseline.toFixed(3)} ms`,
    );
    results.push(
      ratioResult({
        name: `detect ${kind}: slowest hostile 256 KiB head (${name}) vs ${real}`,
        value: hostileMs,
        unit: 'ms',
        baseline,
        higherIsBetter: false,
        minRatio: 0.2,
      }),
      ratioResult({
        name: `detect ${kind}: work on ${name} for 256 KiB vs linear growth from 64 KiB (4 × its steps)`,
        value: whole,
        unit: 'steps',
        baseline: 4 * quarter,
        higherIsBetter: false,
        minRatio: 0.8,
      }),
    );
  }
  return results;
}
