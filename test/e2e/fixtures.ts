import { mkdirSync, readlinkSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { test as base, expect } from '@playwright/test';
import type { ChromiumHost } from '../../main/hosts/chromium';
import { launchChromiumHost } from '../../main/hosts/chromium';
import { E2E_NOW } from '../support/clock';
import type { PersonDetails } from './pages/people';
import { FirstRun, TEST_PERSON } from './pages/people';

export const RENDERER_DIR = path.resolve('out/renderer');
export const SCREENSHOT_DIR = path.resolve('reports/screenshots');
/** The app's locale and zone in every end-to-end test. */
export const APP_LOCALE = 'en-GB';
export const APP_TIME_ZONE = 'Europe/London';

/** The app's clock now: E2E_NOW plus the time this test has run (see `openApp`). */
export async function appNow(page: Page): Promise<Date> {
  return new Date(await page.evaluate(() => Date.now()));
}

export interface AppHandle {
  host: ChromiumHost;
  page: Page;
  profileDir: string;
  downloadsDir: string;
  /** URLs the app asked the system browser to open. */
  openedExternally: string[];
  /** Console errors and uncaught exceptions; the fixture fails the test if any remain. */
  errors: string[];
  /** Closes the host and starts it again on the same profile, as after quitting the app. */
  restart(): Promise<void>;
  /** Kills the browser process outright (SIGKILL), as a crash or a power cut would. */
  kill(): Promise<void>;
  /** Closes the app, deletes its profile folder and starts it again: a brand-new profile. */
  wipeProfile(): Promise<void>;
  screenshot(name: string): Promise<string>;
}

interface Options {
  /** The OS colour scheme the app sees; it follows it until the user picks a theme. */
  systemTheme: 'light' | 'dark';
  /**
   * Who answers the first run's "Who are you?" when it appears (on a new profile, after a wipe);
   * null leaves it on screen for the test.
   */
  person: PersonDetails | null;
  /** How the first run starts after "Who are you?": empty, or null to leave it for the test. */
  start: 'empty' | null;
}

/**
 * Starts the app in its own Chromium host on a profile folder of this test (`profile`, or
 * `profile-<name>` for a second one) and waits until the app says it is ready. `close` shuts it
 * down and fails the test if the page logged an error (CSP violations included).
 */
export async function openApp(
  testInfo: TestInfo,
  options: {
    name?: string;
    systemTheme?: Options['systemTheme'];
    person?: Options['person'];
    start?: Options['start'];
  } = {},
): Promise<AppHandle & { close(): Promise<void> }> {
  const suffix = options.name ? `-${options.name}` : '';
  const profileDir = testInfo.outputPath(`profile${suffix}`);
  const downloadsDir = testInfo.outputPath(`downloads${suffix}`);
  const openedExternally: string[] = [];
  const errors: string[] = [];
  // The page's clock starts at E2E_NOW and, across restarts, goes on from where it was.
  const firstLaunch = Date.now();
  const launch = async (): Promise<ChromiumHost> => {
    const host = await launchChromiumHost({
      clock: new Date(E2E_NOW.getTime() + (Date.now() - firstLaunch)),
      profileDir,
      downloadsDir,
      rendererDir: RENDERER_DIR,
      headless: true,
      colorScheme: options.systemTheme ?? 'light',
      locale: APP_LOCALE,
      timezoneId: APP_TIME_ZONE,
      openExternal: async (url) => {
        openedExternally.push(url);
      },
    });
    host.page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    host.page.on('pageerror', (error) => errors.push(error.message));
    // File choosers are intercepted from the start. A test's own waitForEvent('filechooser')
    // turns interception on in a message that races a single key press (F in presenter mode):
    // lost, the press opens a native dialog that never reports and the test waits forever.
    host.page.on('filechooser', () => undefined);
    await host.page.locator('html[data-ready="true"]').waitFor();
    const person = options.person === undefined ? TEST_PERSON : options.person;
    const firstRun = new FirstRun(host.page);
    if (person !== null && (await firstRun.isShown()))
      await firstRun.answer(person, options.start === undefined ? 'empty' : options.start);
    return host;
  };
  let killed = false;
  const handle: AppHandle & { close(): Promise<void> } = {
    host: await launch(),
    get page() {
      return this.host.page;
    },
    profileDir,
    downloadsDir,
    openedExternally,
    errors,
    async restart() {
      if (!killed) await this.host.close();
      killed = false;
      this.host = await launch();
    },
    async wipeProfile() {
      if (!killed) await this.host.close();
      killed = false;
      rmSync(profileDir, { recursive: true, force: true });
      this.host = await launch();
    },
    async kill() {
      // Chromium names its own process in the profile lock: `<host>-<pid>`.
      const lock = readlinkSync(path.join(profileDir, 'SingletonLock'));
      const pid = Number(lock.slice(lock.lastIndexOf('-') + 1));
      process.kill(pid, 'SIGKILL');
      killed = true;
      await this.host.context.waitForEvent('close').catch(() => undefined);
    },
    async screenshot(name) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const file = path.join(SCREENSHOT_DIR, `${name}.png`);
      await expectFitsWindow(this.host.page, name);
      await this.host.page.screenshot({ path: file, fullPage: true });
      await testInfo.attach(name, { path: file, contentType: 'image/png' });
      return file;
    },
    async close() {
      if (!killed) await this.host.close();
      killed = true;
      expect(errors, `the page${suffix} logged errors`).toEqual([]);
    },
  };
  return handle;
}

/**
 * The window never scrolls as a whole, down or sideways: the shell fills it and its areas scroll
 * inside, downwards only. Sideways, the scrolling area itself must not overflow either (a long
 * name stretching a filter, a table wider than the page), at 1280×800 as at any window size.
 * Names what sticks out, so a failure says where to look.
 */
export async function expectFitsWindow(page: Page, name: string): Promise<void> {
  const fit = await page.evaluate(() => {
    const root = document.documentElement;
    const main = document.querySelector('main');
    const wider = (element: Element | null): number =>
      element ? element.scrollWidth - element.clientWidth : 0;
    const limit = main ? main.getBoundingClientRect().right : window.innerWidth;
    const sticking = Array.from(document.querySelectorAll('main *'))
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return (
          box.width > 0 && box.right > limit + 1 && element.closest('[data-scrolls-x]') === null
        );
      })
      .slice(0, 5)
      .map((element) => {
        const text = (element.textContent ?? '').trim().slice(0, 40);
        return `<${element.tagName.toLowerCase()} class="${element.getAttribute('class') ?? ''}">${text}`;
      });
    // A table wider than the panel holding it has columns cut off or scrolled out of sight.
    const cutTables = Array.from(document.querySelectorAll('main table')).filter((table) => {
      const holder = table.parentElement;
      return (
        holder !== null &&
        table.closest('[data-scrolls-x]') === null &&
        // A chart's data table for screen readers is clipped to nothing on screen.
        table.closest('.visually-hidden') === null &&
        table.getBoundingClientRect().width > holder.clientWidth + 1
      );
    });
    for (const table of cutTables.slice(0, 3))
      sticking.push(`table "${table.getAttribute('aria-label') ?? ''}" is wider than its panel`);
    return {
      down: root.scrollHeight - window.innerHeight,
      sideways: Math.max(root.scrollWidth - window.innerWidth, wider(main), cutTables.length),
      sticking,
    };
  });
  expect(fit.down, `the document of ${name} is taller than the window`).toBeLessThanOrEqual(0);
  expect(
    fit.sideways,
    `${name} scrolls sideways at ${page.viewportSize()?.width ?? '?'} px: ${fit.sticking.join(', ')}`,
  ).toBeLessThanOrEqual(0);
}

/** Every test gets its own app on a fresh profile (see `openApp`). */
export const test = base.extend<Options & { app: AppHandle }>({
  systemTheme: ['light', { option: true }],
  person: [TEST_PERSON, { option: true }],
  start: ['empty', { option: true }],
  app: async ({ systemTheme, person, start }, use, testInfo) => {
    const handle = await openApp(testInfo, { systemTheme, person, start });
    await use(handle);
    await handle.close();
  },
});

export { expect };
