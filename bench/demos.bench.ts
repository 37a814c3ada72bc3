import { performance } from 'node:perf_hooks';
import { parseJiraJson } from '../core/demo/agenda-import';
import type { CoverageInput } from '../core/demo/coverage';
import { computeCoverage } from '../core/demo/coverage';
import type { BenchContext, BenchResult } from './harness';
import { boundResult, median, ratioResult } from './harness';

/**
 * Demo runner figures: coverage is recomputed on every change during a demo, so for a large
 * workspace it must fit in a frame; an agenda import should cost a small multiple of parsing
 * its JSON at all.
 */

const VERDICTS = ['satisfied', 'not-satisfied', 'not-applicable', 'exception'] as const;

function largeWorkspace(): CoverageInput {
  const sprints = Array.from({ length: 52 }, (_, index) => ({
    id: `s${index}`,
    name: `Sprint ${index + 1}`,
    startDate: new Date(Date.UTC(2025, 0, 1 + index * 14)).toISOString().slice(0, 10),
  }));
  const demos = sprints.map((sprint, index) => ({
    id: `d${index}`,
    sprintId: sprint.id,
    date: sprint.startDate,
  }));
  const controls = Array.from({ length: 1000 }, (_, index) => `nist-sp-800-53-rev5#c-${index}`);
  const items = Array.from({ length: 2600 }, (_, index) => ({
    id: `i${index}`,
    demoId: `d${index % demos.length}`,
    controls: [0, 1, 2, 3].map((offset) => controls[(index * 7 + offset * 131) % 1000] ?? ''),
  }));
  const verdicts = items.flatMap((item, index) =>
    item.controls.map((control, offset) => ({
      demoId: item.demoId,
      itemId: item.id,
      control,
      verdict: VERDICTS[(index + offset) % 4] ?? 'satisfied',
      expires: '2026-06-30',
    })),
  );
  // A file per item, linked to two of its controls; every tenth carries no date of its own.
  const evidence = items.map((item, index) => {
    const day = demos[index % demos.length]?.date ?? '2025-01-01';
    return {
      controls: item.controls.slice(0, 2),
      period: index % 10 === 0 ? null : { from: day, to: day, by: 'tool' as const },
    };
  });
  return {
    today: '2026-11-26',
    windowDays: 90,
    scope: controls,
    // Scoped out in the Statement of Applicability, some of them linked and judged.
    outOfScope: controls.filter((_, index) => index % 20 === 0),
    sprints,
    demos,
    items,
    verdicts,
    evidence,
  };
}

function timeMs(work: () => unknown, runs: number): number {
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

export async function run(context: BenchContext): Promise<BenchResult[]> {
  const input = largeWorkspace();
  context.log(
    `coverage input: ${input.sprints.length} sprints, ${input.items.length} items, ${input.verdicts.length} verdicts, ${input.evidence.length} evidence`,
  );
  // Baseline: one pass grouping every verdict by control, the least any coverage view must do.
  const grouping = timeMs(() => {
    const groups = new Map<string, number>();
    for (const verdict of input.verdicts)
      groups.set(verdict.control, (groups.get(verdict.control) ?? 0) + 1);
    return [...groups.keys()].sort();
  }, 15);
  const coverage = timeMs(() => computeCoverage(input), 15);

  const issues = Array.from({ length: 500 }, (_, index) => ({
    key: `PAY-${index + 1}`,
    self: `https://jira.example.org/rest/api/2/issue/${index + 1}`,
    fields: {
      summary: `Story ${index + 1}: ${'x'.repeat(60)}`,
      description: 'y'.repeat(2000),
      assignee: { displayName: 'Kim Ito' },
      customfield_10000: Array.from({ length: 20 }, (_, n) => ({ id: n, value: 'z'.repeat(40) })),
    },
  }));
  const text = JSON.stringify({ startAt: 0, maxResults: 500, total: 500, issues });
  context.log(
    `Jira export: ${issues.length} issues, ${(text.length / 1024 / 1024).toFixed(1)} MiB`,
  );
  const jsonParse = timeMs(() => JSON.parse(text), 15);
  const agendaImport = timeMs(() => parseJiraJson(text), 15);

  return [
    boundResult({
      name: 'coverage of a year of sprints (1000 controls, 50 scoped out, 10400 verdicts)',
      value: coverage,
      unit: 'ms',
      baseline: grouping,
      max: 16,
    }),
    ratioResult({
      name: 'Jira agenda import (500 issues) vs JSON.parse of the same file',
      value: agendaImport,
      unit: 'ms',
      baseline: jsonParse,
      higherIsBetter: false,
      minRatio: 0.2,
    }),
  ];
}
