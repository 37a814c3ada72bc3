import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TEST_PERSON } from '../../test/e2e/pages/people';
import { putRows } from '../../test/e2e/support/idb';
import { OBSERVE_LONG_TASKS, takeLongTasks, timeArea } from '../ledger.bench';
import { generateLedger } from './generate';
import { fillLedger, openBenchApp } from './page';

/**
 * `tsx bench/ledger/profile.ts [years] [area…]`: opens each area on a ledger of `years`
 * team-years (records only; with PROFILE_LOG=1 their audit log too, as the benchmark) under Chrome's sampling profiler (CDP) and prints, per
 * area, its ready time, its long tasks and the functions that held the main thread longest
 * (self time, and time under the app's own modules). The profiles are saved for DevTools.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function summarise(profile: Profile, top = 15): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    const name = (n: ProfileNode) =>
      `${n.callFrame.functionName || '(anonymous)'} ${path.basename(n.callFrame.url)}:${n.callFrame.lineNumber}`;
    if (['(idle)', '(program)', '(garbage collector)'].includes(node.callFrame.functionName)) {
      self.set(node.callFrame.functionName, (self.get(node.callFrame.functionName) ?? 0) + ms);
      return;
    }
    self.set(name(node), (self.get(name(node)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (!frame) break;
      const key = name(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
    }
  });
  const rank = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `${v.toFixed(0).padStart(6)} ms  ${k}`);
  return ['self:', ...rank(self), 'inclusive:', ...rank(inclusive)];
}

async function main(): Promise<void> {
  const years = Number(process.argv[2] ?? '10');
  const areas = process.argv.slice(3);
  const tmpDir = await mkdtemp(path.join(tmpdir(), 'demo-ledger-profile-'));
  const host = await openBenchApp(
    path.join(tmpDir, 'profile'),
    path.join(tmpDir, 'downloads'),
    OBSERVE_LONG_TASKS,
  );
  try {
    const { page } = host;
    if (process.env.PROFILE_LOG === '1') {
      await fillLedger(page, years, path.join(tmpDir, 'log.jsonl'));
    } else {
      const batches = generateLedger(years, {
        start: { seq: 0, hash: '0'.repeat(64) },
        actor: TEST_PERSON.name,
        log: false,
      });
      for (let step = batches.next(); !step.done; step = batches.next())
        await putRows(page, step.value.table, step.value.rows);
    }
    await page.reload();
    await page.getByRole('navigation', { name: 'Areas' }).waitFor({ timeout: 120_000 });
    await page.locator('main h1').first().waitFor({ timeout: 120_000 });
    await page.waitForTimeout(2000);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    for (const [visit, area] of areas.entries()) {
      await takeLongTasks(page);
      await cdp.send('Profiler.start');
      const ms = await timeArea(page, area);
      await page.waitForTimeout(1000);
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
      const tasks = await takeLongTasks(page);
      const file = path.join(tmpdir(), `profile-${years}y-${visit + 1}-${area}.cpuprofile`);
      await writeFile(file, JSON.stringify(profile));
      console.log(
        `## ${area}: ready ${ms.toFixed(0)} ms; long tasks ${tasks.map((t) => t.toFixed(0)).join(', ') || 'none'} (${file})`,
      );
      console.log(summarise(profile).join('\n'));
    }
  } finally {
    await host.close();
    await rm(tmpDir, { recursive: true, force: true });
  }
}

await main();
