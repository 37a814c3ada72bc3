import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type {
  CredentialsStanding,
  LockerSettings,
  LockerSettingsInput,
  LockerState,
} from '../../../core/locker/app';
import { LockerSettings as LockerSettingsSchema } from '../../../core/locker/app';
import { formatName, parseCertificate } from '../../../core/signing/certificates';
import { certificatesFromFile } from '../../../core/signing/der';
import type { SecretStorage } from '../../platform';
import type { LockerConnection } from '../locker/client';
import { writeFileAtomic } from '../files';

/**
 * The team locker as this computer knows it: the connection (endpoint, bucket, region and a CA
 * file, kept in the data folder), and the credentials. Credentials are kept in the operating
 * system's keychain (Electron's safeStorage) when the person asks and the keychain can keep a
 * secret; otherwise, and always on the Chromium host, in this process's memory only, so they are
 * asked for once per session. They never go back to the renderer.
 */

export class LockerSettingsError extends Error {
  override readonly name = 'LockerSettingsError';
}

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

const StoredCredentials = z.object({
  accessKeyId: z.string().min(1).max(256),
  secretAccessKey: z.string().min(1).max(1024),
});

/** Reads a file that may not exist: null when it does not. */
async function readOptional(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The subjects of the PEM (or DER) certificates in a CA file; refuses anything else. */
export function caSubjects(data: Uint8Array): string[] {
  let certificates: Uint8Array[];
  try {
    certificates = certificatesFromFile(data);
  } catch {
    certificates = [];
  }
  if (certificates.length === 0)
    throw new LockerSettingsError('The CA file holds no certificate (PEM or DER expected).');
  if (certificates.length > 50)
    throw new LockerSettingsError('The CA file holds more than 50 certificates.');
  return certificates.map((der) => {
    try {
      return formatName(parseCertificate(der).subject).slice(0, 500);
    } catch {
      throw new LockerSettingsError('The CA file holds a certificate that cannot be read.');
    }
  });
}

export class LockerSettingsStore {
  private readonly folder: string;
  private session: Credentials | null = null;

  constructor(
    dataPath: string,
    private readonly secrets: SecretStorage,
  ) {
    this.folder = path.join(dataPath, 'team-locker');
  }

  private get settingsFile(): string {
    return path.join(this.folder, 'settings.json');
  }

  private get caFile(): string {
    return path.join(this.folder, 'ca.pem');
  }

  private get credentialsFile(): string {
    return path.join(this.folder, 'credentials.bin');
  }

  async settings(): Promise<LockerSettings | null> {
    const bytes = await readOptional(this.settingsFile);
    if (bytes === null) return null;
    const parsed = LockerSettingsSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    if (!parsed.success)
      throw new LockerSettingsError(`The team locker settings (${this.settingsFile}) are damaged.`);
    return parsed.data;
  }

  /**
   * Saves the connection. `ca`: a new CA file, null to use the system's CAs, or `keep` for the
   * one already kept.
   */
  async save(
    input: LockerSettingsInput,
    ca: { name: string; data: Uint8Array } | null | 'keep',
  ): Promise<LockerSettings> {
    const before = await this.settings();
    let kept: LockerSettings['ca'] = null;
    if (ca === 'keep') kept = before?.ca ?? null;
    else if (ca !== null) {
      kept = { name: ca.name, subjects: caSubjects(ca.data) };
      await writeFileAtomic(this.caFile, ca.data, { private: true });
    }
    if (kept === null) await rm(this.caFile, { force: true });
    const settings: LockerSettings = { ...input, ca: kept };
    await writeFileAtomic(
      this.settingsFile,
      new TextEncoder().encode(`${JSON.stringify(settings, null, 2)}\n`),
      { private: true },
    );
    return settings;
  }

  async setCredentials(credentials: Credentials & { remember: boolean }): Promise<void> {
    const { accessKeyId, secretAccessKey } = credentials;
    if (credentials.remember) {
      const problem = this.secrets.unavailableReason();
      if (problem !== null)
        throw new LockerSettingsError(`The credentials cannot be remembered here: ${problem}`);
      await writeFileAtomic(
        this.credentialsFile,
        this.secrets.encrypt(JSON.stringify({ accessKeyId, secretAccessKey })),
        { private: true },
      );
    } else {
      await rm(this.credentialsFile, { force: true });
    }
    this.session = { accessKeyId, secretAccessKey };
  }

  async forgetCredentials(): Promise<void> {
    this.session = null;
    await rm(this.credentialsFile, { force: true });
  }

  private async remembered(): Promise<Credentials | null> {
    if (!this.secrets.isAvailable()) return null;
    const bytes = await readOptional(this.credentialsFile);
    if (bytes === null) return null;
    try {
      return StoredCredentials.parse(JSON.parse(this.secrets.decrypt(new Uint8Array(bytes))));
    } catch {
      return null;
    }
  }

  private async credentials(): Promise<{
    credentials: Credentials;
    kept: 'session' | 'keychain';
  } | null> {
    const remembered = await this.remembered();
    if (remembered) return { credentials: remembered, kept: 'keychain' };
    if (this.session) return { credentials: this.session, kept: 'session' };
    return null;
  }

  async standing(): Promise<CredentialsStanding> {
    const found = await this.credentials();
    return {
      kept: found?.kept ?? 'none',
      accessKeyId: found?.credentials.accessKeyId ?? null,
      rememberProblem: this.secrets.unavailableReason(),
    };
  }

  async state(): Promise<LockerState> {
    return { settings: await this.settings(), credentials: await this.standing() };
  }

  /** The connection to open, or why there is none yet (a sentence for the person). */
  async connection(): Promise<
    { connection: LockerConnection } | { missing: string; settingsMissing: boolean }
  > {
    const settings = await this.settings();
    if (settings === null)
      return {
        missing: 'The team locker is not set up (Settings → Team locker).',
        settingsMissing: true,
      };
    const found = await this.credentials();
    if (found === null)
      return {
        missing: 'The team locker credentials have not been given in this session.',
        settingsMissing: false,
      };
    return {
      connection: {
        ...(settings.endpoint === '' ? {} : { endpoint: settings.endpoint }),
        region: settings.region,
        bucket: settings.bucket,
        credentials: found.credentials,
        ...(settings.ca ? { caFile: this.caFile } : {}),
        requestTimeoutMs: 30_000,
      },
    };
  }
}
