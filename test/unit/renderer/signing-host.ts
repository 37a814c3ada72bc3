import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Api } from '../../../core/ipc/api';
import { createApi } from '../../../core/ipc/api';
import type { Person } from '../../../core/model';
import { createHandlers, dispatch } from '../../../main/handlers';
import { unavailableSecretStorage } from '../../../main/platform';
import { SigningService } from '../../../main/services/signing';

/** Cheap scrypt for tests; the product uses DEFAULT_KDF. */
const TEST_KDF = { N: 2 ** 12, r: 8, p: 1 };
export const PASSPHRASE = 'correct horse battery';

export interface SigningHost {
  api: Api;
  /** Creates a signing identity for the person; returns its fingerprint. */
  identityOf(person: Person): Promise<string>;
}

let shared: SigningHost | null = null;

/**
 * The real handler table (main's keyring, sign-offs, trust) as a host API, on a data folder of
 * its own: renderer commands sign in "main" as they do in the app. One per test file.
 */
export function signingHost(): SigningHost {
  shared ??= createSigningHost();
  return shared;
}

/** Installs `signingHost()` as `window.api` (tests with a DOM). */
export function installSigningHost(): SigningHost {
  const host = signingHost();
  window.api = host.api;
  return host;
}

function createSigningHost(): SigningHost {
  const dataPath = mkdtempSync(path.join(tmpdir(), 'renderer-host-'));
  const handlers = createHandlers({
    platform: {
      host: 'chromium',
      appName: 'Demo Ledger',
      appVersion: 'test',
      dataPath,
      secrets: unavailableSecretStorage,
      chooseSavePath: async ({ suggestedName }) => path.join(dataPath, 'saved', suggestedName),
      chooseFolder: async () => null,
      openExternal: async () => undefined,
    },
    signing: new SigningService(dataPath, unavailableSecretStorage, TEST_KDF),
  });
  const api = createApi(
    (channel, input) => dispatch(handlers, channel, input),
    () => () => undefined,
  );
  return {
    api,
    async identityOf(person) {
      const created = await api.identityCreate({
        owner: { personId: person.id, name: person.name },
        name: person.name,
        organisation: person.organisation,
        passphrase: PASSPHRASE,
      });
      return created.certificate.fingerprint;
    },
  };
}
