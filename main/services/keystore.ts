import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { CertificateSummary } from '../../core/signing/certificates';
import { parseCertificate, summariseCertificate } from '../../core/signing/certificates';
import { derToPem, pemBlocks } from '../../core/signing/der';
import type { IdentityMaterial, IdentitySubject, KeyAlgorithm } from '../../core/signing/keys';
import { createSelfSignedIdentity, importSigningKey, readPkcs12 } from '../../core/signing/keys';
import type { Signer } from '../../core/signing/signer';
import { webCryptoSigner } from '../../core/signing/signer';
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import type { SecretStorage } from '../platform';
import { writeFileAtomic } from './files';

/**
 * The auditor's signing identity, kept by the main process only. The private key is encrypted
 * at rest with AES-256-GCM under a key derived from the passphrase with scrypt (memory-hard);
 * the passphrase can be remembered through the OS keychain (Electron's safeStorage). Nothing
 * here ever returns the private key: callers get a Signer.
 */

export interface KdfParams {
  /** scrypt cost (N), block size (r), parallelism (p). */
  N: number;
  r: number;
  p: number;
}

/** 2^17 × 8 × 128 bytes = 128 MiB of memory per guess, about half a second here. */
export const DEFAULT_KDF: KdfParams = { N: 2 ** 17, r: 8, p: 1 };

const StoredIdentity = z.object({
  version: z.literal(1),
  keyType: z.enum(['ecdsa', 'rsa']),
  certificate: z.string(),
  chain: z.array(z.string()).max(20),
  createdAt: z.string(),
  source: z.enum(['generated', 'pkcs12']),
  kdf: z.object({
    name: z.literal('scrypt'),
    N: z.number().int(),
    r: z.number().int(),
    p: z.number().int(),
    salt: z.string(),
  }),
  cipher: z.object({ name: z.literal('aes-256-gcm'), iv: z.string(), tag: z.string() }),
  encryptedKey: z.string(),
});
type StoredIdentity = z.infer<typeof StoredIdentity>;

export interface IdentityStatus {
  certificate: CertificateSummary;
  certificatePem: string;
  keyType: 'ecdsa' | 'rsa';
  source: 'generated' | 'pkcs12';
  createdAt: string;
  /** The passphrase is remembered in the OS keychain. */
  remembered: boolean;
}

export class KeystoreError extends Error {
  override readonly name = 'KeystoreError';
  constructor(
    readonly code: 'no-identity' | 'wrong-passphrase' | 'passphrase-required' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

function deriveKey(passphrase: string, salt: Buffer, params: KdfParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      passphrase.normalize('NFC'),
      salt,
      32,
      { ...params, maxmem: 128 * params.N * params.r * 2 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

export function checkPassphrase(passphrase: string): void {
  if (passphrase.length < 8)
    throw new KeystoreError('invalid', 'The passphrase must be at least 8 characters long.');
}

export class Keystore {
  private readonly file: string;
  private readonly rememberedFile: string;

  constructor(
    directory: string,
    private readonly secrets: SecretStorage,
    private readonly kdf: KdfParams = DEFAULT_KDF,
    private readonly clock: Clock = systemClock,
  ) {
    this.file = path.join(directory, 'identity.json');
    this.rememberedFile = path.join(directory, 'identity.passphrase');
  }

  async status(): Promise<IdentityStatus | null> {
    const stored = await this.read();
    if (stored === null) return null;
    const [der] = pemBlocks(stored.certificate);
    if (der === undefined)
      throw new KeystoreError('invalid', 'The stored identity has no certificate.');
    return {
      certificate: await summariseCertificate(parseCertificate(der)),
      certificatePem: stored.certificate,
      keyType: stored.keyType,
      source: stored.source,
      createdAt: stored.createdAt,
      remembered: await this.hasRemembered(),
    };
  }

  async create(
    subject: IdentitySubject,
    algorithm: KeyAlgorithm,
    passphrase: string,
    remember: boolean,
  ): Promise<IdentityStatus> {
    checkPassphrase(passphrase);
    const material = await createSelfSignedIdentity(subject, algorithm, this.clock());
    await this.store(material, 'generated', passphrase, remember);
    return this.requireStatus();
  }

  async importPkcs12(
    bytes: Uint8Array,
    password: string,
    passphrase: string,
    remember: boolean,
  ): Promise<IdentityStatus> {
    checkPassphrase(passphrase);
    const material = await readPkcs12(bytes, password);
    await this.store(material, 'pkcs12', passphrase, remember);
    return this.requireStatus();
  }

  async remove(): Promise<void> {
    await rm(this.file, { force: true });
    await rm(this.rememberedFile, { force: true });
  }

  async forgetPassphrase(): Promise<void> {
    await rm(this.rememberedFile, { force: true });
  }

  /** A Signer for the stored key, unlocked with `passphrase` or the remembered one. */
  async signer(passphrase?: string): Promise<Signer> {
    const stored = await this.read();
    if (stored === null)
      throw new KeystoreError(
        'no-identity',
        'There is no signing identity yet. Create or import one in Settings.',
      );
    const secret = passphrase ?? (await this.remembered());
    // eslint-disable-next-line security/detect-possible-timing-attacks -- a presence check, not a comparison of secrets
    if (secret === null)
      throw new KeystoreError(
        'passphrase-required',
        'Enter the passphrase of your signing identity.',
      );
    const key = await deriveKey(secret, Buffer.from(stored.kdf.salt, 'base64'), stored.kdf);
    let pkcs8: Buffer;
    try {
      const decipher = createDecipheriv(
        'aes-256-gcm',
        key,
        Buffer.from(stored.cipher.iv, 'base64'),
      );
      decipher.setAuthTag(Buffer.from(stored.cipher.tag, 'base64'));
      pkcs8 = Buffer.concat([
        decipher.update(Buffer.from(stored.encryptedKey, 'base64')),
        decipher.final(),
      ]);
    } catch {
      throw new KeystoreError('wrong-passphrase', 'Wrong passphrase for your signing identity.');
    }
    const privateKey = await importSigningKey(new Uint8Array(pkcs8));
    pkcs8.fill(0);
    const certificate = pemBlocks(stored.certificate)[0] ?? new Uint8Array();
    return webCryptoSigner(
      privateKey,
      certificate,
      stored.chain.flatMap((pem) => pemBlocks(pem)),
    );
  }

  private async store(
    material: IdentityMaterial,
    source: StoredIdentity['source'],
    passphrase: string,
    remember: boolean,
  ): Promise<void> {
    const unsafe = remember ? this.secrets.unavailableReason() : null;
    if (unsafe !== null)
      throw new KeystoreError('invalid', `The passphrase cannot be remembered here: ${unsafe}`);
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const key = await deriveKey(passphrase, salt, this.kdf);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const encrypted = Buffer.concat([cipher.update(material.privateKey), cipher.final()]);
    material.privateKey.fill(0);
    const keyType = keyTypeOf(material.certificate);
    const stored: StoredIdentity = {
      version: 1,
      keyType,
      certificate: derToPem(material.certificate),
      chain: material.chain.map((der) => derToPem(der)),
      createdAt: this.clock().toISOString(),
      source,
      kdf: { name: 'scrypt', ...this.kdf, salt: salt.toString('base64') },
      cipher: {
        name: 'aes-256-gcm',
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
      },
      encryptedKey: encrypted.toString('base64'),
    };
    await writeFileAtomic(
      this.file,
      new TextEncoder().encode(`${JSON.stringify(stored, null, 2)}\n`),
      { private: true },
    );
    await this.forgetPassphrase();
    if (remember)
      await writeFileAtomic(this.rememberedFile, this.secrets.encrypt(passphrase), {
        private: true,
      });
  }

  private async requireStatus(): Promise<IdentityStatus> {
    const status = await this.status();
    if (status === null)
      throw new KeystoreError('no-identity', 'The identity could not be stored.');
    return status;
  }

  private async read(): Promise<StoredIdentity | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const parsed = StoredIdentity.safeParse(JSON.parse(text));
    if (!parsed.success)
      throw new KeystoreError('invalid', `The stored identity (${this.file}) is damaged.`);
    return parsed.data;
  }

  private async hasRemembered(): Promise<boolean> {
    return (await this.remembered()) !== null;
  }

  private async remembered(): Promise<string | null> {
    if (!this.secrets.isAvailable()) return null;
    try {
      return this.secrets.decrypt(new Uint8Array(await readFile(this.rememberedFile)));
    } catch {
      return null;
    }
  }
}

function keyTypeOf(certificateDer: Uint8Array): 'ecdsa' | 'rsa' {
  const algorithm = parseCertificate(certificateDer).subjectPublicKeyInfo.algorithm.algorithmId;
  return algorithm === '1.2.840.10045.2.1' ? 'ecdsa' : 'rsa';
}
