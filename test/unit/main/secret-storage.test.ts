import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Backend = 'basic_text' | 'gnome_libsecret' | 'kwallet5' | 'unknown';

const electron = vi.hoisted(() => ({
  app: { getName: () => 'Demo Ledger', getVersion: () => '1.0.0', getPath: vi.fn(() => '') },
  ipcMain: { handle: vi.fn() },
  dialog: { showSaveDialog: vi.fn(), showOpenDialog: vi.fn() },
  safeStorage: {
    isEncryptionAvailable: vi.fn(() => true),
    getSelectedStorageBackend: vi.fn((): Backend => 'gnome_libsecret'),
    encryptString: (text: string) => Buffer.from(`enc:${text}`),
    decryptString: (data: Buffer) => data.toString().slice(4),
  },
  shell: { openExternal: vi.fn() },
}));
vi.mock('electron', () => electron);

const { createElectronPlatform } = await import('../../../main/hosts/electron');
const { createHandlers, dispatch } = await import('../../../main/handlers');
const { SigningService } = await import('../../../main/services/signing');

const TEST_KDF = { N: 2 ** 12, r: 8, p: 1 };
const DANA = { personId: 'person-dana', name: 'Dana Whitfield' };
const realPlatform = process.platform;

function linuxHost(backend: Backend) {
  Object.defineProperty(process, 'platform', { value: 'linux' });
  electron.safeStorage.getSelectedStorageBackend.mockReturnValue(backend);
  const dataPath = mkdtempSync(path.join(tmpdir(), 'demo-ledger-secrets-'));
  electron.app.getPath.mockReturnValue(dataPath);
  const platform = createElectronPlatform(() => null);
  const handlers = createHandlers({
    platform,
    signing: new SigningService(dataPath, platform.secrets, TEST_KDF),
  });
  return {
    dataPath,
    call: (channel: string, input?: unknown) => dispatch(handlers, channel, input),
  };
}

beforeEach(() => vi.clearAllMocks());
afterEach(() => Object.defineProperty(process, 'platform', { value: realPlatform }));

describe('remembering the passphrase under Electron', () => {
  it('is refused with the reason when Linux has no keyring and safeStorage falls back to basic_text', async () => {
    const { dataPath, call } = linuxHost('basic_text');
    const info = await call('app:getInfo');
    expect(info).toMatchObject({ ok: true, value: { secretStorage: false } });
    expect(
      (info as { value: { secretStorageProblem: string } }).value.secretStorageProblem,
    ).toMatch(/No keyring .* same on every computer/);
    const created = await call('identity:create', {
      owner: DANA,
      name: 'Dana Whitfield',
      passphrase: 'long passphrase',
      remember: true,
    });
    expect(created).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect((created as { error: { message: string } }).error.message).toMatch(
      /cannot be remembered here: No keyring/,
    );
    // Nothing of the refused identity is left: no key, no sealed passphrase, no owner.
    const identities = path.join(dataPath, 'signing', 'identities');
    expect(existsSync(identities) ? readdirSync(identities) : []).toEqual([]);
    // Without remembering, the identity is created as usual.
    expect(
      await call('identity:create', {
        owner: DANA,
        name: 'Dana Whitfield',
        passphrase: 'long passphrase',
      }),
    ).toMatchObject({ ok: true, value: { remembered: false } });
  });

  it('is refused when the backend cannot be told, and allowed with a real keyring', async () => {
    const unknown = linuxHost('unknown');
    expect(await unknown.call('app:getInfo')).toMatchObject({
      ok: true,
      value: { secretStorage: false },
    });
    const keyring = linuxHost('gnome_libsecret');
    expect(await keyring.call('app:getInfo')).toMatchObject({
      ok: true,
      value: { secretStorage: true, secretStorageProblem: null },
    });
    expect(
      await keyring.call('identity:create', {
        owner: DANA,
        name: 'Dana Whitfield',
        passphrase: 'long passphrase',
        remember: true,
      }),
    ).toMatchObject({ ok: true, value: { remembered: true } });
  });
});
