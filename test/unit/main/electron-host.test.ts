import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../core/ipc/channels';

const electron = vi.hoisted(() => ({
  app: {
    getName: () => 'Demo Ledger',
    getVersion: () => '1.0.0',
    getPath: () => '/home/a/.config/Demo Ledger',
    enableSandbox: vi.fn(),
    on: vi.fn(),
  },
  ipcMain: { handle: vi.fn() },
  dialog: { showSaveDialog: vi.fn(), showOpenDialog: vi.fn() },
  safeStorage: {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString: (text: string) => Buffer.from(`enc:${text}`),
    decryptString: (data: Buffer) => data.toString().slice(4),
  },
  protocol: { registerSchemesAsPrivileged: vi.fn() },
  shell: { openExternal: vi.fn() },
}));
vi.mock('electron', () => electron);

const { createElectronPlatform, registerIpc } = await import('../../../main/hosts/electron');
const { createHandlers } = await import('../../../main/handlers');

type Handle = (event: unknown, input: unknown) => Promise<unknown>;

function handlerFor(channel: string): Handle {
  const call = electron.ipcMain.handle.mock.calls.find(([name]) => name === channel) as
    [string, Handle] | undefined;
  if (!call) throw new Error(`${channel} not registered`);
  return call[1];
}

const ourContents = { id: 7 };
const mainFrame = { url: 'app://demo-ledger/index.html', parent: null };

beforeEach(() => {
  vi.clearAllMocks();
  registerIpc(
    createHandlers({ platform: createElectronPlatform(() => null) }),
    (contents) => contents === ourContents,
  );
});

describe('the Electron host', () => {
  it('registers every channel of the contract with ipcMain.handle', () => {
    expect(
      (electron.ipcMain.handle.mock.calls as unknown as Array<[string]>)
        .map(([channel]) => channel)
        .sort(),
    ).toEqual([...CHANNELS].sort());
  });

  it('answers our window’s main frame', async () => {
    const reply = await handlerFor('app:getInfo')(
      { sender: ourContents, senderFrame: mainFrame },
      undefined,
    );
    expect(reply).toMatchObject({
      ok: true,
      value: { host: 'electron', version: '1.0.0', secretStorage: true },
    });
  });

  it('refuses subframes, foreign origins and other windows', async () => {
    const handle = handlerFor('app:getInfo');
    for (const event of [
      {
        sender: ourContents,
        senderFrame: { url: 'app://demo-ledger/index.html', parent: mainFrame },
      },
      { sender: ourContents, senderFrame: { url: 'https://evil.example/', parent: null } },
      { sender: { id: 8 }, senderFrame: mainFrame },
      { sender: ourContents, senderFrame: null },
    ]) {
      expect(await handle(event, undefined)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
  });

  it('validates input before anything runs', async () => {
    const reply = await handlerFor('shell:openExternal')(
      { sender: ourContents, senderFrame: mainFrame },
      { url: 42 },
    );
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', issues: [{ path: 'url' }] },
    });
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('asks where to save with a filter for the file type, and reports a cancel as null', async () => {
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    const reply = await handlerFor('file:save')(
      { sender: ourContents, senderFrame: mainFrame },
      { suggestedName: 'record.pdf', data: new Uint8Array([1]), description: 'PDF document' },
    );
    expect(reply).toEqual({ ok: true, value: { path: null } });
    expect(electron.dialog.showSaveDialog).toHaveBeenCalledWith({
      defaultPath: 'record.pdf',
      filters: [{ name: 'PDF document', extensions: ['pdf'] }],
    });
  });

  it('keeps secrets with the OS keychain', () => {
    const platform = createElectronPlatform(() => null);
    expect(platform.secrets.decrypt(platform.secrets.encrypt('passphrase'))).toBe('passphrase');
  });
});
