import type { HostKind } from '../core/ipc/contract';
import type { Clock } from './clock';

/**
 * What differs between the Electron host and the Chromium host. The handler table depends
 * only on this interface, so every handler runs, and is tested, the same way under both.
 */
export interface Platform {
  readonly host: HostKind;
  readonly appName: string;
  readonly appVersion: string;
  /** Where the app's own data lives (profile, settings, keys). */
  readonly dataPath: string;
  /** Asks where to save; resolves to the chosen path, or null when the user cancels. */
  chooseSavePath(options: { suggestedName: string; description?: string }): Promise<string | null>;
  chooseFolder(options: { title?: string }): Promise<string | null>;
  /** Opens a URL that has already been checked to be http(s). */
  openExternal(url: string): Promise<void>;
  readonly secrets: SecretStorage;
  /**
   * The time main signs and stamps with; the machine's clock when absent. A test host gives the
   * clock its pages run on, so what main signs agrees with what the page records.
   */
  readonly clock?: Clock;
}

/** OS-backed encryption for small secrets (Electron's safeStorage); absent on the Chromium host. */
export interface SecretStorage {
  /** True exactly when `unavailableReason()` is null. */
  isAvailable(): boolean;
  /** Why secrets cannot be kept safely here (a sentence for the user), or null when they can. */
  unavailableReason(): string | null;
  encrypt(plainText: string): Uint8Array;
  decrypt(cipherText: Uint8Array): string;
}

export const unavailableSecretStorage: SecretStorage = {
  isAvailable: () => false,
  unavailableReason: () =>
    'This window has no operating-system keychain (the app runs in a browser, not in Electron).',
  encrypt: () => {
    throw new Error('This host has no OS secret storage.');
  },
  decrypt: () => {
    throw new Error('This host has no OS secret storage.');
  },
};
