import { mkdirSync, readlinkSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test as base, expect } from '@playwright/test';
import type { ChromiumHost } from '../../main/hosts/chromium';
import { launchChromiumHost } from '../../main/hosts/chromium';

export const RENDERER_DIR = path.resolve('out/renderer');
export const SCREENSHOT_DIR = path.resolve('reports/screenshots');

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
}

/**
 * Every test gets its own Chromium host with a fresh profile folder, waits until the app says it
 * is ready, and fails if the page logged an error (CSP violations included).
 */
export const test = base.extend<Options & { app: AppHandle }>({
  systemTheme: ['light', { option: true }],
  app: async ({ systemTheme }, use, testInfo) => {
    const profileDir = testInfo.outputPath('profile');
    const downloadsDir = testInfo.outputPath('downloads');
    const openedExternally: string[] = [];
    const errors: string[] = [];
    const launch = async (): Promise<ChromiumHost> => {
      const host = await launchChromiumHost({
        profileDir,
        downloadsDir,
        rendererDir: RENDERER_DIR,
        headless: true,
        colorScheme: systemTheme,
        locale: 'en-GB',
        timezoneId: 'Europe/London',
        openExternal: async (url) => {
          openedExternally.push(url);
        },
      });
      host.page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      host.page.on('pageerror', (error) => errors.push(error.message));
      await host.page.locator('html[data-ready="true"]').waitFor();
      return host;
    };
    let killed = false;
    const handle: AppHandle = {
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
        await this.host.page.screenshot({ path: file, fullPage: true });
        await testInfo.attach(name, { path: file, contentType: 'image/png' });
        return file;
      },
    };
    await use(handle);
    if (!killed) await handle.host.close();
    expect(errors, 'the page logged errors').toEqual([]);
  },
});

export { expect };
