import path from 'node:path';
import { BrowserWindow, Menu, app, session } from 'electron';
import { createHandlers } from './handlers';
import { createElectronPlatform, registerIpc, sendEvent } from './hosts/electron';
import { buildMenu } from './menu';
import {
  APP_ENTRY_URL,
  applyAppSecurity,
  createAppWindow,
  denyAllPermissions,
  registerAppScheme,
  serveAppContent,
  trustDevServer,
} from './security';

/** Electron main process: one window, hardened by `security.ts`, talking over the IPC contract. */

const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
let mainWindow: BrowserWindow | null = null;

registerAppScheme();
applyAppSecurity();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  const rendererRoot = path.join(import.meta.dirname, '../renderer');
  serveAppContent(session.defaultSession, rendererRoot);
  denyAllPermissions(session.defaultSession);
  if (devServerUrl !== undefined) trustDevServer(devServerUrl);

  const getWindow = (): BrowserWindow | null => mainWindow;
  const closed = new AbortController();
  app.once('before-quit', () => closed.abort());
  const handlers = createHandlers({
    platform: createElectronPlatform(getWindow),
    emit: (event, payload) => {
      const window = getWindow();
      if (window && !window.isDestroyed()) sendEvent(window, event, payload);
    },
    closed: closed.signal,
  });
  registerIpc(
    handlers,
    (contents) => mainWindow !== null && contents.id === mainWindow.webContents.id,
  );
  Menu.setApplicationMenu(buildMenu(getWindow, devServerUrl !== undefined));

  await createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
}

async function createWindow(): Promise<void> {
  mainWindow = createAppWindow(path.join(import.meta.dirname, '../preload/index.cjs'), {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Demo Ledger',
    backgroundColor: '#16181d',
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  await mainWindow.loadURL(devServerUrl ?? APP_ENTRY_URL);
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
