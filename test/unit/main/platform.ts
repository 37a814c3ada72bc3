import { vi } from 'vitest';
import type { Platform } from '../../../main/platform';
import { unavailableSecretStorage } from '../../../main/platform';

/** A host platform for handler tests: no keychain unless given, dialogs answered with nothing. */
export function testPlatform(dataPath: string, overrides: Partial<Platform> = {}): Platform {
  return {
    host: 'chromium',
    appName: 'Demo Ledger',
    appVersion: '1.2.3',
    dataPath,
    secrets: unavailableSecretStorage,
    chooseSavePath: vi.fn(async () => null),
    chooseFolder: vi.fn(async () => null),
    openExternal: vi.fn(async () => undefined),
    ...overrides,
  };
}
