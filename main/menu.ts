import type { BrowserWindow, MenuItemConstructorOptions } from 'electron';
import { Menu, app } from 'electron';
import { sendEvent } from './hosts/electron';
import { openExternalSafely } from './security';

const PROJECT_URL = 'https://github.com/demo-ledger/demo-ledger';

/** The native menu: the platform's usual roles plus entries that run renderer commands. */
export function buildMenu(getWindow: () => BrowserWindow | null, isDev: boolean): Menu {
  const run = (commandId: string) => () => {
    const window = getWindow();
    if (window) sendEvent(window, 'menu:command', { commandId });
  };
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New Sprint…', accelerator: 'CmdOrCtrl+N', click: run('sprint.new') },
        { type: 'separator' },
        { label: 'Settings', accelerator: 'CmdOrCtrl+,', click: run('go.settings') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { label: 'Command Palette…', accelerator: 'CmdOrCtrl+K', click: run('app.palette') },
        { type: 'separator' },
        ...(isDev
          ? [
              { role: 'reload' as const },
              { role: 'toggleDevTools' as const },
              { type: 'separator' as const },
            ]
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Keyboard Shortcuts', accelerator: 'F1', click: run('app.shortcuts') },
        { label: 'Project Website', click: () => void openExternalSafely(PROJECT_URL) },
        ...(isMac ? [] : [{ label: `About ${app.getName()}`, click: () => app.showAboutPanel() }]),
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
