import { createWriteStream, readFileSync, readdirSync, statSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { ChromiumHost } from '../../main/hosts/chromium';
import { launchChromiumHost } from '../../main/hosts/chromium';
import type { ChainHead } from '../../core/audit/chain';
import { canonicalJson } from '../../core/audit/canonical';
import { FirstRun, TEST_PERSON } from '../../test/e2e/pages/people';
import { putRows } from '../../test/e2e/support/idb';
import { childrenOf, pssMb } from '../process-peak';
import { generateLedger } from './generate';

/** The built renderer the Chromium host serves: `npm run build` first. */
export const RENDERER_DIR = path.resolve('out/renderer');

/**
 * The app in the Chromium host on a profile of its own, on the benchmarks' pinned clock, zone
 * and language, started and past its first run: what every ledger benchmark measures.
 * `initScript` runs in the page before the app's own scripts (observers of long tasks).
 */
export async function openBenchApp(
  profileDir: string,
  downloadsDir: string,
  initScript?: string,
): Promise<ChromiumHost> {
  const host = await launchChromiumHost({
    clock: new Date('2026-11-27T12:00:00Z'),
    profileDir,
    downloadsDir,
    rendererDir: RENDERER_DIR,
    headless: true,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    openExternal: async () => undefined,
  });
  const { page } = host;
  if (initScript !== undefined) await page.addInitScript(initScript);
  await page.locator('html[data-ready]').waitFor({ timeout: 120_000 });
  const firstRun = new FirstRun(page);
  if (await firstRun.isShown()) await firstRun.answer();
  return host;
}

async function storedHead(page: Page): Promise<ChainHead> {
  return page.evaluate(async () => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('demo-ledger');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(new Error(request.error?.message ?? 'open failed'));
    });
    const request = database.transaction('meta').objectStore('meta').get('auditHead');
    const row = await new Promise<{ value?: ChainHead } | undefined>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result as { value?: ChainHead } | undefined);
      request.onerror = () => reject(new Error(request.error?.message ?? 'read failed'));
    });
    database.close();
    return row?.value ?? { seq: 0, hash: '0'.repeat(64) };
  });
}

/**
 * Generates the ledger after the page's stored head and writes it into the page's database,
 * batch by batch (as a restore would: the entries are already made), and the log's entries as
 * canonical JSON lines to `logFile`: the bytes `sha256sum` is timed over.
 */
export async function fillLedger(page: Page, years: number, logFile: string) {
  const start = await storedHead(page);
  const out = createWriteStream(logFile);
  const batches = generateLedger(years, { start, actor: TEST_PERSON.name });
  let step = batches.next();
  while (!step.done) {
    const { table, rows } = step.value;
    if (table === 'auditLog') {
      const text = `${rows.map((entry) => canonicalJson(entry)).join('\n')}\n`;
      if (!out.write(text)) await once(out, 'drain');
    }
    await putRows(page, table, rows);
    step = batches.next();
  }
  const head = step.value;
  await putRows(page, 'meta', [{ key: 'auditHead', value: head }]);
  out.end();
  await once(out, 'finish');
  return { head, logMiB: statSync(logFile).size / (1024 * 1024) };
}

/** Chromium's renderer processes for a profile: children of its browser process. */
export function rendererPids(profileDir: string): number[] {
  const browser = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .find((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return cmdline.includes(`--user-data-dir=${profileDir}`) && !cmdline.includes('--type=');
      } catch {
        return false;
      }
    });
  if (browser === undefined) return [];
  const children = childrenOf();
  const found: number[] = [];
  const stack = [Number(browser)];
  while (stack.length > 0) {
    const pid = stack.pop() ?? 0;
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) found.push(pid);
    } catch {
      // Gone already.
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return found;
}

/**
 * Samples the renderer's memory (PSS of its processes, workers included) until stopped; `take`
 * gives the peak since the last take.
 */
export function rendererMemory(profileDir: string) {
  let peak = 0;
  const timer = setInterval(() => {
    const total = rendererPids(profileDir).reduce((sum, pid) => sum + pssMb(pid), 0);
    peak = Math.max(peak, total);
  }, 200);
  return {
    take(): number {
      const value = peak;
      peak = 0;
      return value;
    },
    stop: () => clearInterval(timer),
  };
}
