import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { BenchContext, BenchResult } from './harness';
import { boundResult, ratioResult } from './harness';
import { TEAM_YEAR } from './ledger/generate';
import { RENDERER_DIR, fillLedger, openBenchApp, rendererMemory } from './ledger/page';

/**
 * Ten years of a team: the app on ledgers of 1, 10 and 50 team-years (BENCH_TEAM_YEARS to
 * choose), generated through the app's data model (bench/ledger/generate.ts) and written into
 * the Chromium host's IndexedDB as a restore would. Measured in the page: start to ready, each
 * area ready after a click in the sidebar, long tasks (PerformanceObserver 'longtask') while
 * moving through every area and while verifying the audit log, and the renderer's peak memory
 * (PSS of its processes) for each of those (the benchmark's own fill is not counted). Each area's figures are its own: ready after the click (its heading
 * and first page drawn, nothing loading) and the long tasks from the click (which also tears
 * down the area before) until a second after it was ready. Audit verification is compared with `sha256sum` over the same bytes
 * (the log's entries as canonical JSON lines), and every figure's growth from the smallest to
 * the largest ledger with the growth of the data.
 */

export const AREAS = [
  'Demos',
  'Evidence',
  'Controls',
  'Issues',
  'Post-mortems',
  'Telemetry',
  'Reports',
  'Settings',
  'Sprints',
];
const LONG_TASK_MS = 200;
/** How long the page is left after an area is ready before its long tasks are counted. */
const SETTLE_MS = 1000;

interface SizeFigures {
  years: number;
  entries: number;
  startMs: number;
  /** A second start on the same profile, after the first has settled. */
  restartMs: number;
  areaMs: Record<string, number>;
  /** Long tasks from the click into each area (leaving the one before) until it settled. */
  areaLongTasks: Record<string, number[]>;
  verifyMs: number;
  verifyLongTasks: number[];
  sumMs: number;
  logMiB: number;
  /** Peak while starting and moving through every area. */
  areasPeakMb: number;
  /** Peak while verifying the audit log. */
  verifyPeakMb: number;
}

/** Records every long task's duration in `window.__longTasks` from the first script on. */
export const OBSERVE_LONG_TASKS = `
  // tsx keeps function names with an __name helper the page does not have.
  window.__name = (target) => target;
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
`;

export async function takeLongTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const holder = window as unknown as { __longTasks: number[] };
    return holder.__longTasks.splice(0);
  });
}

/** Clicks an area in the sidebar and times, in the page, until its page has loaded. */
export async function timeArea(page: Page, label: string): Promise<number> {
  return page.evaluate(async (area) => {
    const link = Array.from(document.querySelectorAll('nav[aria-label="Areas"] a')).find((a) =>
      (a.textContent ?? '').trim().startsWith(area),
    ) as HTMLAnchorElement | undefined;
    if (!link) throw new Error(`no area called ${area}`);
    const before = document.querySelector('main h1');
    const start = performance.now();
    link.click();
    const ready = () => {
      const main = document.querySelector('main');
      const heading = main?.querySelector('h1');
      if (!main || !heading || heading === before) return false;
      if ((main.textContent ?? '').includes('Loading')) return false;
      // A list area is ready when its first page is drawn: its count, or that it is empty.
      const firstPage: Record<string, string> = {
        Evidence: '[role="status"], .empty',
        Demos: '[role="status"], .empty',
        Sprints: '[role="status"], .empty',
        Issues: 'table[aria-label="Security issues"], .empty',
      };
      const wanted = firstPage[area];
      return wanted === undefined || main.querySelector(wanted) !== null;
    };
    await new Promise<void>((resolve) => {
      const tick = () => (ready() ? resolve() : requestAnimationFrame(tick));
      tick();
    });
    return performance.now() - start;
  }, label);
}

async function timeVerification(page: Page): Promise<{ ms: number; verdict: string }> {
  return page.evaluate(async () => {
    const button = Array.from(document.querySelectorAll('button')).find(
      (b) => b.textContent === 'Verify the audit log',
    );
    if (!button) throw new Error('no verify button');
    const start = performance.now();
    button.click();
    const verdict = await new Promise<string>((resolve) => {
      const tick = () => {
        const found = document.querySelector('.verdict');
        if (found) resolve(found.textContent ?? '');
        else setTimeout(tick, 20);
      };
      tick();
    });
    return { ms: performance.now() - start, verdict };
  });
}

async function measure(years: number, tmpDir: string, log: (m: string) => void) {
  const profileDir = path.join(tmpDir, `profile-${years}`);
  const downloadsDir = path.join(tmpDir, `downloads-${years}`);
  let host = await openBenchApp(profileDir, downloadsDir, OBSERVE_LONG_TASKS);
  const memory = rendererMemory(profileDir);
  try {
    let started = performance.now();
    const logFile = path.join(tmpDir, `log-${years}.jsonl`);
    const filled = await fillLedger(host.page, years, logFile);
    // The fill is the benchmark's own work (rows handed in from outside, held by the page that
    // wrote them), not the app's: its peak is logged, and the app is closed and started again
    // on the filled profile, as a person's next day starts, before anything is measured.
    log(
      `${years} team-years: ${filled.head.seq} entries generated and written in ${((performance.now() - started) / 1000).toFixed(1)} s (renderer peak ${memory.take().toFixed(0)} MiB while filling)`,
    );
    await host.close();
    host = await openBenchApp(profileDir, downloadsDir, OBSERVE_LONG_TASKS);
    const { page } = host;
    await page.waitForTimeout(SETTLE_MS);
    memory.take();
    // Start to ready on the filled profile.
    started = performance.now();
    await page.reload();
    await page.getByRole('navigation', { name: 'Areas' }).waitFor({ timeout: 120_000 });
    await page.locator('main h1').first().waitFor({ timeout: 120_000 });
    const startMs = performance.now() - started;
    await page.waitForTimeout(SETTLE_MS);
    started = performance.now();
    await page.reload();
    await page.getByRole('navigation', { name: 'Areas' }).waitFor({ timeout: 120_000 });
    await page.locator('main h1').first().waitFor({ timeout: 120_000 });
    const restartMs = performance.now() - started;
    await page.waitForTimeout(SETTLE_MS);
    await takeLongTasks(page);
    const areaMs: Record<string, number> = {};
    const areaLongTasks: Record<string, number[]> = {};
    for (const area of AREAS) {
      areaMs[area] = await timeArea(page, area);
      // Work an area defers past its first page (charts drawn in turn) counts as the area's.
      await page.waitForTimeout(SETTLE_MS);
      areaLongTasks[area] = await takeLongTasks(page);
    }
    await timeArea(page, 'Settings');
    await takeLongTasks(page);
    const areasPeakMb = memory.take();
    const verification = await timeVerification(page);
    if (!verification.verdict.startsWith('Intact'))
      throw new Error(`the generated ledger did not verify: ${verification.verdict}`);
    const verifyLongTasks = await takeLongTasks(page);
    const sumStart = performance.now();
    const sum = spawnSync('sha256sum', [logFile], { encoding: 'utf8' });
    const sumMs = performance.now() - sumStart;
    if (sum.status !== 0) throw new Error(`sha256sum failed: ${sum.stderr}`);
    return {
      years,
      entries: filled.head.seq,
      startMs,
      restartMs,
      areaMs,
      areaLongTasks,
      verifyMs: verification.ms,
      verifyLongTasks,
      sumMs,
      logMiB: filled.logMiB,
      areasPeakMb,
      verifyPeakMb: memory.take(),
    } satisfies SizeFigures;
  } finally {
    memory.stop();
    await host.close();
  }
}

/** The longest of an area's long tasks (the observer reports only those over 50 ms), else 0. */
function longestTask(tasks: readonly number[]): number {
  return Math.round(Math.max(0, ...tasks));
}

function slowestArea(figures: SizeFigures): [string, number] {
  return Object.entries(figures.areaMs).reduce<[string, number]>(
    (slowest, entry) => (entry[1] > slowest[1] ? entry : slowest),
    ['', 0],
  );
}

export async function run({ tmpDir, log }: BenchContext): Promise<BenchResult[]> {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html')))
    throw new Error('Build the app first (npm run build): the benchmark loads out/renderer.');
  const sizes = (process.env.BENCH_TEAM_YEARS ?? '1,10').split(',').map(Number);
  const all: SizeFigures[] = [];
  for (const years of sizes) {
    const figures = await measure(years, tmpDir, log);
    log(
      `${years} team-years: areas ${Object.entries(figures.areaMs)
        .map(([area, ms]) => `${area} ${ms.toFixed(0)}`)
        .join(
          ', ',
        )} ms; verify ${(figures.verifyMs / 1000).toFixed(1)} s; log ${figures.logMiB.toFixed(0)} MiB`,
    );
    all.push(figures);
  }
  const smallest = all[0];
  const results: BenchResult[] = [];
  for (const figures of all) {
    const label = `${figures.years} team-year${figures.years === 1 ? '' : 's'} (${figures.entries.toLocaleString('en')} entries)`;
    for (const area of AREAS) {
      const tasks = figures.areaLongTasks[area] ?? [];
      results.push(
        boundResult({
          name: `ledger ${label}: ${area} ready after a click, vs the same at ${smallest?.years} team-year`,
          value: figures.areaMs[area] ?? 0,
          unit: 'ms',
          baseline: smallest?.areaMs[area] ?? null,
          max: 300,
        }),
        boundResult({
          name: `ledger ${label}: longest task leaving the area before and opening ${area} (${tasks.filter((ms) => ms > LONG_TASK_MS).length} over ${LONG_TASK_MS} ms), vs the same at ${smallest?.years} team-year`,
          value: longestTask(tasks),
          unit: 'ms',
          // No long task at all on the smallest ledger is no baseline to divide by.
          baseline: smallest ? longestTask(smallest.areaLongTasks[area] ?? []) || null : null,
          max: LONG_TASK_MS,
        }),
      );
    }
    results.push(
      ratioResult({
        name: `ledger ${label}: audit verification on the worker, vs sha256sum over the log's ${figures.logMiB.toFixed(0)} MiB`,
        value: figures.verifyMs,
        unit: 'ms',
        baseline: figures.sumMs,
        higherIsBetter: false,
        // Canonical JSON and a pure-JS SHA-256 per entry, plus every record's state, against
        // one native SIMD pass over the bytes.
        minRatio: 0.01,
      }),
      boundResult({
        name: `ledger ${label}: long tasks over ${LONG_TASK_MS} ms while verifying (longest ${Math.max(0, ...figures.verifyLongTasks).toFixed(0)} ms)`,
        value: figures.verifyLongTasks.filter((ms) => ms > LONG_TASK_MS).length,
        unit: 'tasks',
        max: 0,
      }),
      boundResult({
        name: `ledger ${label}: renderer peak memory (PSS) from start through every area`,
        value: figures.areasPeakMb,
        unit: 'MiB',
        baseline: smallest?.areasPeakMb ?? null,
        max: 600,
      }),
      boundResult({
        name: `ledger ${label}: renderer peak memory (PSS) while verifying the audit log`,
        value: figures.verifyPeakMb,
        unit: 'MiB',
        baseline: smallest?.verifyPeakMb ?? null,
        max: 600,
      }),
      boundResult({
        name: `ledger ${label}: start to ready, first start after the fill (reload to the first area drawn)`,
        value: figures.startMs,
        unit: 'ms',
        baseline: smallest?.startMs ?? null,
        max: 2000,
      }),
      boundResult({
        name: `ledger ${label}: start to ready, a later start (reload to the first area drawn)`,
        value: figures.restartMs,
        unit: 'ms',
        baseline: smallest?.restartMs ?? null,
        max: 2000,
      }),
    );
  }
  const largest = all.at(-1);
  if (smallest && largest && largest !== smallest) {
    const dataGrowth = largest.entries / smallest.entries;
    const growth = (name: string, of: (f: SizeFigures) => number) =>
      boundResult({
        name: `ledger growth ${smallest.years}→${largest.years} team-years: ${name} (data grew ${dataGrowth.toFixed(1)}×; linear or better)`,
        value: of(largest) / of(smallest),
        unit: '×',
        baseline: dataGrowth,
        max: Math.round(dataGrowth * 10) / 10,
      });
    results.push(
      ...AREAS.map((area) => growth(`${area} ready`, (f) => f.areaMs[area] ?? 0)),
      growth('slowest area ready', (f) => slowestArea(f)[1]),
      growth('audit verification time', (f) => f.verifyMs),
      growth('renderer peak memory from start through every area', (f) => f.areasPeakMb),
      growth('renderer peak memory while verifying', (f) => f.verifyPeakMb),
      growth('start to ready, first start', (f) => f.startMs),
      growth('start to ready, a later start', (f) => f.restartMs),
    );
  }
  log(`team-year: ${JSON.stringify(TEAM_YEAR)}`);
  return results;
}
