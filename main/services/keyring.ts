import { randomUUID } from 'node:crypto';
import { readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { IdentitySubject, KeyAlgorithm } from '../../core/signing/keys';
import type { Signer } from '../../core/signing/signer';
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import type { SecretStorage } from '../platform';
import { makePrivateFolder, writeFileAtomic } from './files';
import type { IdentityStatus, KdfParams } from './keystore';
import { DEFAULT_KDF, Keystore, KeystoreError } from './keystore';

/**
 * The signing identities of the people who use this computer, each a `Keystore` of its own
 * (its key encrypted under its own passphrase) in `identities/<id>/`, with the person it belongs
 * to beside it. An identity made before people were kept lives in the signing folder itself and
 * belongs to nobody until someone proves it is theirs with its passphrase.
 *
 * An identity is unlocked from the moment its passphrase is entered until it is locked, the
 * person at the keyboard changes, or it has not been used for `UNLOCK_IDLE_MS`: unattended work
 * (automatic backups) signs only with an unlocked identity or a remembered passphrase.
 */

export const UNLOCK_IDLE_MS = 30 * 60_000;

export interface IdentityOwner {
  personId: string;
  name: string;
}

export interface IdentityInfo extends IdentityStatus {
  /** The person it belongs to; null for one made before people were kept. */
  owner: IdentityOwner | null;
  /** Its passphrase was entered in this session and it has been used since (see the class). */
  unlocked: boolean;
}

const StoredOwner = z.object({
  version: z.literal(1),
  personId: z.string().min(1).max(100),
  name: z.string().max(120),
});

const OWNER_FILE = 'owner.json';
const IDENTITY_FILES = ['identity.json', 'identity.passphrase'] as const;

interface Entry {
  keystore: Keystore;
  /** Null for the identity made before people were kept (in the signing folder itself). */
  folder: string | null;
  owner: IdentityOwner | null;
  status: IdentityStatus;
}

export class Keyring {
  private readonly folder: string;
  private readonly unlocked = new Map<string, { signer: Signer; until: number }>();

  constructor(
    private readonly directory: string,
    private readonly secrets: SecretStorage,
    private readonly kdf: KdfParams = DEFAULT_KDF,
    private readonly clock: Clock = systemClock,
  ) {
    this.folder = path.join(directory, 'identities');
  }

  async list(): Promise<IdentityInfo[]> {
    return (await this.entries()).map((entry) => this.info(entry));
  }

  async create(
    owner: IdentityOwner,
    subject: IdentitySubject,
    algorithm: KeyAlgorithm,
    passphrase: string,
    remember: boolean,
  ): Promise<IdentityInfo> {
    return this.add(owner, (keystore) => keystore.create(subject, algorithm, passphrase, remember));
  }

  async importPkcs12(
    owner: IdentityOwner,
    bytes: Uint8Array,
    password: string,
    passphrase: string,
    remember: boolean,
  ): Promise<IdentityInfo> {
    return this.add(owner, (keystore) =>
      keystore.importPkcs12(bytes, password, passphrase, remember),
    );
  }

  async remove(fingerprint: string): Promise<boolean> {
    const entry = await this.find(fingerprint).catch(() => null);
    if (entry === null) return false;
    this.unlocked.delete(fingerprint);
    await entry.keystore.remove();
    if (entry.folder !== null) await rm(entry.folder, { recursive: true, force: true });
    return true;
  }

  async forgetPassphrase(fingerprint: string): Promise<void> {
    await (await this.find(fingerprint)).keystore.forgetPassphrase();
  }

  /**
   * Makes an identity someone's: the passphrase proves they hold it. The identity made before
   * people were kept moves into the folder of identities as it does.
   */
  async claim(
    fingerprint: string,
    owner: IdentityOwner,
    passphrase: string,
  ): Promise<IdentityInfo> {
    const entry = await this.find(fingerprint);
    await this.signer(fingerprint, passphrase);
    let folder = entry.folder;
    if (folder === null) {
      folder = path.join(this.folder, randomUUID());
      await makePrivateFolder(this.folder);
      await makePrivateFolder(folder);
      await this.writeOwner(folder, owner);
      for (const name of IDENTITY_FILES) {
        await rename(path.join(this.directory, name), path.join(folder, name)).catch(
          (error: NodeJS.ErrnoException) => {
            if (error.code !== 'ENOENT') throw error;
          },
        );
      }
    } else await this.writeOwner(folder, owner);
    return this.info(await this.find(fingerprint));
  }

  /**
   * A Signer for one identity, unlocked with `passphrase` or the remembered one; the identity
   * counts as unlocked from then on (see the class).
   */
  async signer(fingerprint: string, passphrase?: string): Promise<Signer> {
    const entry = await this.find(fingerprint);
    const signer = await entry.keystore.signer(passphrase);
    this.unlocked.set(fingerprint, { signer, until: this.clock().getTime() + UNLOCK_IDLE_MS });
    return signer;
  }

  /** The signer unattended work may use: unlocked and recently used, or remembered; else null. */
  async unattendedSigner(fingerprint: string): Promise<Signer | null> {
    const held = this.unlocked.get(fingerprint);
    if (held !== undefined && held.until > this.clock().getTime()) {
      held.until = this.clock().getTime() + UNLOCK_IDLE_MS;
      return held.signer;
    }
    this.unlocked.delete(fingerprint);
    const entry = await this.find(fingerprint).catch(() => null);
    if (entry === null || !entry.status.remembered) return null;
    return entry.keystore.signer().catch(() => null);
  }

  /** Locks one identity, or all of them. */
  lock(fingerprint?: string): void {
    if (fingerprint === undefined) this.unlocked.clear();
    else this.unlocked.delete(fingerprint);
  }

  private async add(
    owner: IdentityOwner,
    store: (keystore: Keystore) => Promise<IdentityStatus>,
  ): Promise<IdentityInfo> {
    const existing = new Map(
      (await this.entries()).map((entry) => [entry.status.certificate.fingerprint, entry]),
    );
    const folder = path.join(this.folder, randomUUID());
    const keystore = new Keystore(folder, this.secrets, this.kdf, this.clock);
    try {
      await makePrivateFolder(this.folder);
      await this.writeOwner(folder, owner);
      const status = await store(keystore);
      const same = existing.get(status.certificate.fingerprint);
      if (same !== undefined) {
        throw new KeystoreError(
          'invalid',
          `This identity is already on this computer${same.owner ? ` (${same.owner.name}’s)` : ''}.`,
        );
      }
      return this.info({ keystore, folder, owner, status });
    } catch (error) {
      await rm(folder, { recursive: true, force: true });
      throw error;
    }
  }

  private info(entry: Entry): IdentityInfo {
    const held = this.unlocked.get(entry.status.certificate.fingerprint);
    return {
      ...entry.status,
      owner: entry.owner,
      unlocked: held !== undefined && held.until > this.clock().getTime(),
    };
  }

  private async find(fingerprint: string): Promise<Entry> {
    const entry = (await this.entries()).find(
      (candidate) => candidate.status.certificate.fingerprint === fingerprint,
    );
    if (entry === undefined)
      throw new KeystoreError('no-identity', 'That signing identity is not on this computer.');
    return entry;
  }

  private async entries(): Promise<Entry[]> {
    const entries: Entry[] = [];
    const legacy = new Keystore(this.directory, this.secrets, this.kdf, this.clock);
    const legacyStatus = await legacy.status();
    if (legacyStatus !== null)
      entries.push({ keystore: legacy, folder: null, owner: null, status: legacyStatus });
    let names: string[];
    try {
      names = (await readdir(this.folder, { withFileTypes: true }))
        .filter((item) => item.isDirectory())
        .map((item) => item.name)
        .sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return entries;
      throw error;
    }
    for (const name of names) {
      const folder = path.join(this.folder, name);
      const keystore = new Keystore(folder, this.secrets, this.kdf, this.clock);
      const status = await keystore.status();
      // A folder left by a creation that did not finish holds no identity.
      if (status === null) continue;
      entries.push({ keystore, folder, owner: await this.readOwner(folder), status });
    }
    return entries;
  }

  private async readOwner(folder: string): Promise<IdentityOwner | null> {
    try {
      const parsed = StoredOwner.safeParse(
        JSON.parse(await readFile(path.join(folder, OWNER_FILE), 'utf8')),
      );
      return parsed.success ? { personId: parsed.data.personId, name: parsed.data.name } : null;
    } catch {
      return null;
    }
  }

  private async writeOwner(folder: string, owner: IdentityOwner): Promise<void> {
    const stored = { version: 1 as const, personId: owner.personId, name: owner.name };
    await writeFileAtomic(
      path.join(folder, OWNER_FILE),
      new TextEncoder().encode(`${JSON.stringify(stored, null, 2)}\n`),
      { private: true },
    );
  }
}
