import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { app, dialog, ipcMain, safeStorage } from 'electron';
import { CHANNELS, EVENTS } from '../../core/ipc/channels';
import type { EventPayload } from '../../core/ipc/contract';
import { eventContract } from '../../core/ipc/contract';
import type { EventName } from '../../core/ipc/channels';
import { systemClock } from '../clock';
import type { Handlers } from '../handlers';
import { dispatch } from '../handlers';
import type { Platform, SecretStorage } from '../platform';
import { isTrustedSender, openExternalSafely } from '../security';

/**
 * Why safeStorage cannot keep a secret here. On Linux without a keyring (no Secret Service, no
 * KWallet) Electron falls back to `basic_text`: "encryption" with a key that is the same on every
 * computer, which protects nothing, so that is refused like having no keychain at all.
 */
export function safeStorageProblem(): string | null {
  if (!safeStorage.isEncryptionAvailable())
    return 'This computer offers no keychain that can encrypt the passphrase.';
  if (process.platform !== 'linux') return null;
  const backend = safeStorage.getSelectedStorageBackend();
  if (backend === 'basic_text')
    return 'No keyring (GNOME Keyring, KWallet or another Secret Service) is running, so the passphrase could only be encrypted with a key that is the same on every computer. Start a keyring and restart Demo Ledger to remember it; until then you are asked for it when signing.';
  if (backend === 'unknown')
    return 'Demo Ledger could not tell which keyring would protect the passphrase, so it does not remember it.';
  return null;
}

const electronSecrets: SecretStorage = {
  isAvailable: () => safeStorageProblem() === null,
  unavailableReason: safeStorageProblem,
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
    clock: systemClock,
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
