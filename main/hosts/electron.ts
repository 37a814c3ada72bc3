import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { app, dialog, ipcMain, safeStorage } from 'electron';
import { CHANNELS, EVENTS } from '../../core/ipc/channels';
import type { EventPayload } from '../../core/ipc/contract';
import { eventContract } from '../../core/ipc/contract';
import type { EventName } from '../../core/ipc/channels';
import type { Handlers } from '../handlers';
import { dispatch } from '../handlers';
import type { Platform, SecretStorage } from '../platform';
import { isTrustedSender, openExternalSafely } from '../security';

const electronSecrets: SecretStorage = {
  isAvailable: () => safeStorage.isEncryptionAvailable(),
  encrypt: (plainText) => new Uint8Array(safeStorage.encryptString(plainText)),
  decrypt: (cipherText) => safeStorage.decryptString(Buffer.from(cipherText)),
};

export function createElectronPlatform(getWindow: () => BrowserWindow | null): Platform {
  return {
    host: 'electron',
    appName: app.getName(),
    appVersion: app.getVersion(),
    dataPath: app.getPath('userData'),
    secrets: electronSecrets,
    async chooseSavePath({ suggestedName, description }) {
      const window = getWindow();
      const extension = suggestedName.includes('.') ? suggestedName.split('.').pop() : undefined;
      const options: Electron.SaveDialogOptions = {
        defaultPath: suggestedName,
        filters:
          extension === undefined
            ? []
            : [{ name: description ?? extension.toUpperCase(), extensions: [extension] }],
      };
      const result = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || result.filePath === undefined ? null : result.filePath;
    },
    async chooseFolder({ title }) {
      const window = getWindow();
      const options: Electron.OpenDialogOptions = {
        properties: ['openDirectory', 'createDirectory'],
        ...(title === undefined ? {} : { title }),
      };
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async openExternal(url) {
      await openExternalSafely(url);
    },
  };
}

/**
 * Registers every channel of the contract with `ipcMain.handle`. A request is answered only when
 * it comes from the main frame of one of our windows showing the app's origin.
 */
export function registerIpc(
  handlers: Handlers,
  isOurWindow: (contents: Electron.WebContents) => boolean,
): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, input: unknown) => {
      const trusted = isTrustedSender(event.senderFrame, () => isOurWindow(event.sender));
      if (!trusted) {
        return {
          ok: false,
          error: { code: 'forbidden', message: 'This frame may not call the app.' },
        };
      }
      return dispatch(handlers, channel, input, (message, error) => console.error(message, error));
    });
  }
}

export function sendEvent<E extends EventName>(
  window: BrowserWindow,
  event: E,
  payload: EventPayload<E>,
): void {
  if (!EVENTS.includes(event)) return;
  window.webContents.send(event, eventContract[event].parse(payload));
}
