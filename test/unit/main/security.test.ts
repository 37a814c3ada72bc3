import { mkdtempSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';

const electron = vi.hoisted(() => ({
  BrowserWindow: vi.fn(function (this: { options: unknown }, options: unknown) {
    this.options = options;
  }),
  app: { enableSandbox: vi.fn(), on: vi.fn() },
  protocol: { registerSchemesAsPrivileged: vi.fn() },
  shell: { openExternal: vi.fn(async () => undefined) },
}));
vi.mock('electron', () => electron);

const security = await import('../../../main/security');

type Listener = (...args: unknown[]) => void;

function fakeWebContents() {
  const listeners = new Map<string, Listener>();
  let windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  return {
    listeners,
    on: vi.fn((event: string, listener: Listener) => listeners.set(event, listener)),
    setWindowOpenHandler: vi.fn((handler: (details: { url: string }) => { action: string }) => {
      windowOpenHandler = handler;
    }),
    openWindow: (url: string) => windowOpenHandler?.({ url }),
  };
}

function fakeEvent() {
  return { preventDefault: vi.fn() };
}

beforeEach(() => {
  vi.clearAllMocks();
});

describe('the window', () => {
  it('isolates the renderer: context isolation, sandbox, no Node, web security, no webview', () => {
    const window = security.createAppWindow('/app/preload.cjs', {
      width: 800,
      title: 'Demo Ledger',
    }) as unknown as {
      options: { width: number; webPreferences: Record<string, unknown> };
    };
    expect(electron.BrowserWindow).toHaveBeenCalledTimes(1);
    expect(window.options.width).toBe(800);
    expect(window.options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
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
      disableBlinkFeatures: 'Auxclick',
    });
  });
});

describe('app:// protocol', () => {
  it('registers app:// as a standard, secure origin before the app is ready', () => {
    security.registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
      },
    ]);
  });

  it('serves the built renderer with the CSP and refuses traversal, other hosts and non-GET', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'renderer-'));
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(path.join(path.dirname(root), 'secret.txt'), 'secret');
    let handler: ((request: Request) => Promise<Response>) | null = null;
    const session = {
      protocol: {
        handle: vi.fn(
          (_scheme: string, fn: (request: Request) => Promise<Response>) => (handler = fn),
        ),
      },
    };
    security.serveAppContent(session as never, root);
    expect(session.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    // Request objects refuse custom schemes, so the handler is driven with the URL it parses.
    const requestFor = (url: string, method = 'GET') => ({ url, method }) as unknown as Request;
    const ok = await handler!(requestFor('app://demo-ledger/index.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(ok.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await ok.text()).toContain('<title>app</title>');
    expect((await handler!(requestFor('app://demo-ledger/..%2fsecret.txt'))).status).toBe(404);
    expect((await handler!(requestFor('app://demo-ledger/%2e%2e/secret.txt'))).status).toBe(404);
    expect((await handler!(requestFor('app://elsewhere/index.html'))).status).toBe(404);
    expect((await handler!(requestFor('app://demo-ledger/index.html', 'POST'))).status).toBe(404);
  });
});

describe('permissions', () => {
  it('denies every permission request, check and device request', () => {
    const handlers: Record<string, (...args: unknown[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: vi.fn(
        (fn: (...args: unknown[]) => unknown) => (handlers['request'] = fn),
      ),
      setPermissionCheckHandler: vi.fn(
        (fn: (...args: unknown[]) => unknown) => (handlers['check'] = fn),
      ),
      setDevicePermissionHandler: vi.fn(
        (fn: (...args: unknown[]) => unknown) => (handlers['device'] = fn),
      ),
    };
    security.denyAllPermissions(session as never);
    const callback = vi.fn();
    handlers['request']?.({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(handlers['check']?.({}, 'notifications')).toBe(false);
    expect(handlers['device']?.({})).toBe(false);
  });
});

describe('navigation, new windows and webviews', () => {
  it('blocks navigation and redirects away from the app origin', () => {
    const contents = fakeWebContents();
    security.hardenWebContents(contents as never);
    const away = fakeEvent();
    contents.listeners.get('will-navigate')?.(away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const file = fakeEvent();
    contents.listeners.get('will-redirect')?.(file, 'file:///etc/passwd');
    expect(file.preventDefault).toHaveBeenCalled();
    const inside = fakeEvent();
    contents.listeners.get('will-navigate')?.(inside, 'app://demo-ledger/index.html#/settings');
    expect(inside.preventDefault).not.toHaveBeenCalled();
  });

  it('never attaches a webview', () => {
    const contents = fakeWebContents();
    security.hardenWebContents(contents as never);
    const event = fakeEvent();
    contents.listeners.get('will-attach-webview')?.(event);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('denies every new window and hands only http(s) links to the system browser', async () => {
    const contents = fakeWebContents();
    security.hardenWebContents(contents as never);
    expect(contents.openWindow('https://nvd.nist.gov/vuln/detail/CVE-2021-44228')).toEqual({
      action: 'deny',
    });
    expect(contents.openWindow('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(contents.openWindow('javascript:alert(1)')).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(electron.shell.openExternal).toHaveBeenCalledTimes(1));
    expect(electron.shell.openExternal).toHaveBeenCalledWith(
      'https://nvd.nist.gov/vuln/detail/CVE-2021-44228',
    );
  });

  it('applies the hardening to every web contents and enables the sandbox app-wide', () => {
    security.applyAppSecurity();
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    const [event, listener] = electron.app.on.mock.calls[0] as unknown as [string, Listener];
    expect(event).toBe('web-contents-created');
    const contents = fakeWebContents();
    listener({}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    expect(contents.listeners.has('will-navigate')).toBe(true);
  });
});

describe('openExternal', () => {
  it('opens parsed http(s) URLs only', async () => {
    expect(await security.openExternalSafely('https://example.org/a?b=c')).toBe(true);
    expect(await security.openExternalSafely('smb://server/share')).toBe(false);
    expect(await security.openExternalSafely('https://user:pass@example.org/')).toBe(false);
    expect(await security.openExternalSafely('not a url')).toBe(false);
    expect(electron.shell.openExternal).toHaveBeenCalledTimes(1);
  });
});

describe('IPC senders', () => {
  it('trusts only the main frame of our window showing the app origin', () => {
    const ours = () => true;
    expect(
      security.isTrustedSender({ url: 'app://demo-ledger/index.html', parent: null }, ours),
    ).toBe(true);
    expect(
      security.isTrustedSender({ url: 'app://demo-ledger/index.html', parent: {} }, ours),
    ).toBe(false);
    expect(security.isTrustedSender({ url: 'https://evil.example/', parent: null }, ours)).toBe(
      false,
    );
    expect(
      security.isTrustedSender({ url: 'app://demo-ledger/index.html', parent: null }, () => false),
    ).toBe(false);
    expect(security.isTrustedSender(null, ours)).toBe(false);
  });

  it('trusts a dev server only on this machine', () => {
    expect(() => security.trustDevServer('http://192.168.1.5:5173')).toThrow(/not on this machine/);
    security.trustDevServer('http://localhost:5173');
    expect(security.isAppUrl('http://localhost:5173/')).toBe(true);
    expect(security.isAppUrl('http://localhost:5174/')).toBe(false);
  });
});

describe('fuses', () => {
  it('turns off RunAsNode, NODE_OPTIONS and --inspect, and matches electron-builder.yml', () => {
    expect(security.FUSES).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
    const config = parse(
      readFileSync(path.resolve(import.meta.dirname, '../../../electron-builder.yml'), 'utf8'),
    ) as { electronFuses: unknown };
    expect(config.electronFuses).toEqual(security.FUSES);
  });
});

describe('content served to the app', () => {
  it('refuses symlinks that leave the renderer folder', async () => {
    const { readAppContent } = await import('../../../main/services/app-content');
    const base = mkdtempSync(path.join(tmpdir(), 'content-'));
    const root = path.join(base, 'renderer');
    mkdirSync(root);
    writeFileSync(path.join(base, 'private.key'), 'key');
    symlinkSync(path.join(base, 'private.key'), path.join(root, 'link.js'));
    expect((await readAppContent(root, '/link.js')).status).toBe(404);
  });
});
