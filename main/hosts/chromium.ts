import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { EventName } from '../../core/ipc/channels';
import { EVENTS } from '../../core/ipc/channels';
import type { EventPayload } from '../../core/ipc/contract';
import { eventContract } from '../../core/ipc/contract';
import type { Clock } from '../clock';
import { flowingClock, systemClock } from '../clock';
import type { Emit } from '../handlers';
import { createHandlers, dispatch } from '../handlers';
import type { Platform } from '../platform';
import { unavailableSecretStorage } from '../platform';
import { readAppContent } from '../services/app-content';
import { makePrivateFolder, uniqueName } from '../services/files';

/**
 * The Chromium host: the same renderer and handler table as the Electron app, in Debian's
 * Chromium driven by Playwright. The renderer is served by `context.route` on a secure origin
 * (no listening port); the handler table is bridged with `exposeBinding`. Used by the e2e
 * tests and by `npm start` where no Electron binary can be had.
 */

export const HOST_ORIGIN = 'https://app.localhost';
export const HOST_ENTRY_URL = `${HOST_ORIGIN}/index.html`;
/** The binding the renderer finds on `window`; see renderer/src/app/api.ts. */
export const INVOKE_BINDING = '__demoLedgerInvoke';
export const HOST_EVENT = 'demo-ledger:host-event';

const CHROMIUM_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
  '--password-store=basic',
];

export interface ChromiumHostOptions {
  /** Persistent profile folder: IndexedDB lives here. */
  profileDir: string;
  /** Built renderer (out/renderer). */
  rendererDir: string;
  /** Where saved files go; this host has no native save dialog. */
  downloadsDir: string;
  headless?: boolean;
  executablePath?: string;
  appName?: string;
  appVersion?: string;
  colorScheme?: 'light' | 'dark' | 'no-preference';
  /**
   * BCP 47 locale for dates, numbers and the browser's own controls (a date field's day/month
   * order); the system's when absent.
   */
  locale?: string;
  timezoneId?: string;
  /**
   * Starts the pages' clock at this instant (tests): Date and the page's timers become
   * Playwright's clock, which flows on at the real pace from there. Main signs and stamps on the
   * same clock, started at the same moment, so a signature's time agrees with the page's records.
   */
  clock?: Date;
  /** Replaces the system browser hand-off (tests record the calls instead). */
  openExternal?: (url: string) => Promise<void>;
  log?: (message: string, error?: unknown) => void;
}

export interface ChromiumHost {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly platform: Platform;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): Promise<void>;
  close(): Promise<void>;
}

export function defaultChromiumPath(): string {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  // The Debian wrapper script adds start-up noise; the binary behind it is quieter.
  if (existsSync('/usr/lib/chromium/chromium')) return '/usr/lib/chromium/chromium';
  return '/usr/bin/chromium';
}

/**
 * The browser's environment for `locale`. Playwright's locale option reaches the page's `Intl`
 * only; a date field's order follows the browser's own locale, which Chromium on Linux takes
 * from `LANGUAGE`/`LANG` (it ignores `--lang` there) and then only when that locale's resources
 * are installed (Debian: `chromium-l10n`; without them every locale falls back to en-US).
 */
export function browserEnvironment(
  locale: string | undefined,
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  if (locale === undefined) return base;
  return { ...base, LANGUAGE: locale.replace(/-/g, '_') };
}

export class ChromiumHostError extends Error {
  override readonly name = 'ChromiumHostError';
}

export function createChromiumPlatform(options: ChromiumHostOptions, clock: Clock): Platform {
  const openExternal = options.openExternal ?? openWithSystem;
  return {
    host: 'chromium',
    clock,
    appName: options.appName ?? 'Demo Ledger',
    appVersion: options.appVersion ?? '0.0.0',
    dataPath: options.profileDir,
    secrets: unavailableSecretStorage,
    async chooseSavePath({ suggestedName }) {
      await mkdir(options.downloadsDir, { recursive: true });
      const existing = new Set(await readdir(options.downloadsDir));
      return path.join(options.downloadsDir, uniqueName(existing, suggestedName));
    },
    async chooseFolder() {
      await mkdir(options.downloadsDir, { recursive: true });
      return options.downloadsDir;
    },
    openExternal,
  };
}

export async function launchChromiumHost(options: ChromiumHostOptions): Promise<ChromiumHost> {
  const headless = options.headless ?? true;
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  if (
    !headless &&
    process.platform === 'linux' &&
    !process.env['DISPLAY'] &&
    !process.env['WAYLAND_DISPLAY']
  ) {
    throw new ChromiumHostError(
      'No display found. Run the app from a desktop session, or under a virtual display: xvfb-run -a npm start',
    );
  }
  const executablePath = options.executablePath ?? defaultChromiumPath();
  if (!existsSync(executablePath)) {
    throw new ChromiumHostError(
      `Chromium was not found at ${executablePath}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  if (!existsSync(path.join(options.rendererDir, 'index.html'))) {
    throw new ChromiumHostError(
      `The renderer is not built (${options.rendererDir}). Run: npm run build`,
    );
  }
  await makePrivateFolder(options.profileDir);

  // Main's clock starts now; the pages' clock is installed below at main's reading then.
  const clock = options.clock === undefined ? systemClock : flowingClock(options.clock);
  const platform = createChromiumPlatform(options, clock);
  // Events reach the page once it exists; the handlers stop their own work when the host closes.
  const closed = new AbortController();
  let send: Emit = () => undefined;
  const handlers = createHandlers({
    platform,
    log,
    emit: (event, payload) => send(event, payload),
    closed: closed.signal,
  });
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(options.profileDir, {
      executablePath,
      headless,
      env: browserEnvironment(options.locale),
      args: headless
        ? CHROMIUM_ARGS
        : [...CHROMIUM_ARGS, '--app=data:text/html,', '--window-size=1280,820'],
      viewport: headless ? { width: 1280, height: 820 } : null,
      colorScheme: options.colorScheme ?? 'no-preference',
      ...(options.locale === undefined ? {} : { locale: options.locale }),
      ...(options.timezoneId === undefined ? {} : { timezoneId: options.timezoneId }),
      acceptDownloads: true,
      serviceWorkers: 'block',
      ignoreDefaultArgs: ['--enable-automation'],
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.includes('ProcessSingleton') || message.includes('SingletonLock')) {
      throw new ChromiumHostError(
        `The profile ${options.profileDir} is already open in another Demo Ledger window.`,
      );
    }
    if (message.includes('Missing X server') || message.includes('$DISPLAY')) {
      throw new ChromiumHostError(
        'No display found. Run under a virtual display: xvfb-run -a npm start',
      );
    }
    throw error;
  }

  // Nothing leaves the machine: abort everything, then serve the app origin (later routes win).
  await context.route('**/*', (route) => route.abort('blockedbyclient'));
  await context.route(`${HOST_ORIGIN}/**`, async (route) => {
    const request = route.request();
    if (request.method() !== 'GET')
      return route.fulfill({ status: 405, body: 'Method not allowed' });
    const content = await readAppContent(options.rendererDir, new URL(request.url()).pathname);
    return route.fulfill({ status: content.status, headers: content.headers, body: content.body });
  });
  await context.exposeBinding(INVOKE_BINDING, async (source, channel: unknown, input: unknown) => {
    const frame = source.frame;
    if (frame !== source.page.mainFrame() || new URL(frame.url()).origin !== HOST_ORIGIN) {
      return {
        ok: false,
        error: { code: 'forbidden', message: 'This frame may not call the app.' },
      };
    }
    return dispatch(handlers, channel, input, log);
  });
  await grantDurableStorage(context, log);
  if (options.clock !== undefined) await context.clock.install({ time: clock() });

  const page = context.pages()[0] ?? (await context.newPage());
  const saveDownload = (target: Page): void => {
    target.on('download', (download) => {
      void platform
        .chooseSavePath({ suggestedName: download.suggestedFilename() })
        .then((file) => (file === null ? undefined : download.saveAs(file)))
        .catch((error: unknown) => log('saving a download failed', error));
    });
  };
  context.pages().forEach(saveDownload);
  context.on('page', saveDownload);
  const emit = async <E extends EventName>(event: E, payload: EventPayload<E>): Promise<void> => {
    if (!EVENTS.includes(event)) return;
    const detail = { event, payload: eventContract[event].parse(payload) };
    await page.evaluate(
      ([name, data]) => window.dispatchEvent(new CustomEvent(name, { detail: data })),
      [HOST_EVENT, detail] as const,
    );
  };
  // A page that is navigating or closing misses the event; the next one carries the news.
  send = (event, payload) => void emit(event, payload).catch(() => undefined);
  context.on('close', () => closed.abort());
  await page.goto(HOST_ENTRY_URL);

  return {
    context,
    page,
    platform,
    emit,
    close: async () => {
      closed.abort();
      await context.close();
    },
  };
}

/**
 * Without this grant `navigator.storage.persist()` is refused and the data could be evicted.
 * The grant lives as long as the CDP session that made it, so the session is kept open.
 */
async function grantDurableStorage(
  context: BrowserContext,
  log: (message: string, error?: unknown) => void,
): Promise<void> {
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const session = await context.newCDPSession(page);
    await session.send('Browser.grantPermissions', {
      origin: HOST_ORIGIN,
      permissions: ['durableStorage'],
    });
  } catch (error) {
    log('could not grant durable storage; data may be evicted under storage pressure', error);
  }
}

async function openWithSystem(url: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn('xdg-open', [url], { stdio: 'ignore', detached: true });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
