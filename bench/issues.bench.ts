import Papa from 'papaparse';
import { issueFromDraft } from '../core/issues/raise';
import { readSla } from '../core/issues/sla';
import { IssueDraft, defaultSlaPolicy } from '../core/model';
import type { SecurityIssue } from '../core/model';
import { exportJiraCsv, parseJiraCsv } from '../core/tracker/jira-csv';
import type { BenchContext, BenchResult } from './harness';
import { boundResult, median, ratioResult } from './harness';

/**
 * Security issues at scale: reading a 10,000-row Jira CSV (against papaparse alone on the same
 * text), and one tick of the live SLA clocks of a list of 1,000 open issues (against the bare
 * date parsing any clock needs), which must fit in a 16 ms frame.
 */
const COUNT = 10_000;
const LISTED = 1_000;
const policy = defaultSlaPolicy('Europe/London');

function issues(): SecurityIssue[] {
  const workspaceId = crypto.randomUUID();
  const start = Date.parse('2026-01-05T09:00:00Z');
  return Array.from({ length: COUNT }, (_, index) =>
    issueFromDraft(
      IssueDraft.parse({
        workspaceId,
        title: `Finding ${index}: "quoted", with commas, and =formula`,
        description: `Line one\nLine two of issue ${index}`,
        priority: (['P1', 'P2', 'P3', 'P4'] as const)[index % 4],
        owner: `Team ${index % 7}`,
        controlRefs: ['nist-sp-800-53-rev5#si-10'],
      }),
      {
        id: crypto.randomUUID(),
        number: index + 1,
        now: start + index * 3_600_000,
        actor: 'bench',
        policy,
      },
    ),
  );
}

function timeMs(work: () => void, runs = 5): number {
  work(); // warm-up: JIT and caches, not measured
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    work();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

export async function run(context: BenchContext): Promise<BenchResult[]> {
  const all = issues();

  // The clocks first, before the CSV work leaves garbage for the collector to sweep mid-sample.
  const now = Date.parse('2026-11-26T12:00:00Z');
  const listed = all.slice(0, LISTED);
  const clockTick = timeMs(() => {
    for (const issue of listed) readSla(issue, now, policy);
  }, 21);
  const bareClock = timeMs(() => {
    let sum = 0;
    for (const issue of listed) {
      const segment = issue.slaHistory.at(-1);
      if (segment) sum += Date.parse(segment.dueAt) - Date.parse(segment.startedAt) - now;
    }
    if (Number.isNaN(sum)) throw new Error('bad dates');
  }, 21);

  const csv = exportJiraCsv(all);
  context.log(`${COUNT} issues, CSV ${(csv.length / 1024 / 1024).toFixed(1)} MiB`);
  const parseOnly = timeMs(() => void Papa.parse<string[]>(csv, { skipEmptyLines: 'greedy' }));
  const importMs = timeMs(() => {
    const result = parseJiraCsv(csv, { timeZone: 'Europe/London' });
    if (result.issues.length !== COUNT) throw new Error(`read ${result.issues.length} rows`);
  });

  return [
    ratioResult({
      name: 'jira-csv-import-10k-rows',
      value: COUNT / (importMs / 1000),
      unit: 'rows/s',
      baseline: COUNT / (parseOnly / 1000),
      higherIsBetter: true,
      minRatio: 0.1,
    }),
    boundResult({
      name: 'sla-clock-tick-1k-issues',
      value: clockTick,
      unit: 'ms',
      baseline: bareClock,
      max: 16,
    }),
  ];
}
