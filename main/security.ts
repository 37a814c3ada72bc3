import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { BrowserWindow, app, protocol, shell } from 'electron';
import { readAppContent } from './services/app-content';
import { parseExternalUrl } from './services/external-links';

/**
 * Electron's security checklist, applied in one place. Each exported piece is applied once by
 * `main/index.ts` and covered by `test/unit/main/security.test.ts` against a mocked `electron`.
 * https://www.electronjs.org/docs/latest/tutorial/security
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'demo-ledger';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Fuses flipped in the packaged binary (checklist item 19). electron-builder applies them from
 * `electronFuses` in electron-builder.yml; a unit test keeps the two identical.
 */
export const FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
} as const;

/**
 * Items 2–4, 6, 12: the one window, whose renderer gets no Node and runs sandboxed. The web
 * preferences are written out literally so static checkers (Electronegativity) can see them.
 */
export function createAppWindow(
  preloadPath: string,
  options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>,
): BrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // Middle-click would otherwise open links in a new window, around setWindowOpenHandler.
      disableBlinkFeatures: 'Auxclick',
    },
  });
}

/** Must run before `app.whenReady()`: makes `app://` a standard, secure origin (item 18). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Serves the built renderer from `root` on `app://demo-ledger/` with the strict CSP (item 7). */
export function serveAppContent(session: Session, root: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST || request.method !== 'GET') {
      return new Response('Not found', { status: 404 });
    }
    const content = await readAppContent(root, url.pathname);
    return new Response(new Uint8Array(content.body), {
      status: content.status,
      headers: content.headers,
    });
  });
}

/** Item 5: every permission request and check is denied; the app needs none. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

let devServerOrigin: string | null = null;

/** In `electron-vite dev` only: the renderer comes from the local dev server. */
export function trustDevServer(url: string): void {
  const parsed = new URL(url);
  if (parsed.hostname !== 'localhost' && parsed.hostname !== '127.0.0.1') {
    throw new Error(`Refusing to trust a dev server that is not on this machine: ${url}`);
  }
  devServerOrigin = parsed.origin;
}

export function isAppUrl(candidate: string): boolean {
  try {
    const url = new URL(candidate);
    if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) return true;
    return devServerOrigin !== null && url.origin === devServerOrigin;
  } catch {
    return false;
  }
}

/** Item 16: http(s) links go to the system browser after parsing; nothing else leaves. */
export async function openExternalSafely(candidate: string): Promise<boolean> {
  const url = parseExternalUrl(candidate);
  if (url === null) return false;
  await shell.openExternal(url.toString());
  return true;
}

/** Items 12–15: no webviews, no navigation away from the app, no new windows. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  const blockForeign = (event: Electron.Event, url: string): void => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalSafely(url);
    return { action: 'deny' };
  });
}

/** Applied once at start-up, before any window exists. */
export function applyAppSecurity(): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}

/** IPC senders must be the main frame of one of our windows showing our own origin (item 17). */
export function isTrustedSender(
  frame: { url: string; parent: unknown } | null | undefined,
  trusted: (frame: unknown) => boolean,
): boolean {
  if (frame === null || frame === undefined) return false;
  return frame.parent === null && isAppUrl(frame.url) && trusted(frame);
}
