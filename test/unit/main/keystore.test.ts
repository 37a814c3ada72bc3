import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import { toArrayBuffer } from '../../../core/signing/der';
import { MAX_PKCS12_ITERATIONS, readPkcs12 } from '../../../core/signing/keys';
import { createHandlers, dispatch } from '../../../main/handlers';
import type { Platform, SecretStorage } from '../../../main/platform';
import { unavailableSecretStorage } from '../../../main/platform';
import type { IdentityInfo } from '../../../core/ipc/contract';
import { Keyring, UNLOCK_IDLE_MS } from '../../../main/services/keyring';
import { Keystore } from '../../../main/services/keystore';
import { SigningService } from '../../../main/services/signing';
import { buildExample, exampleModel } from '../../tools/reports';
import { makePki, readBytes } from '../../tools/pki';

/** Cheap scrypt for tests; the product uses DEFAULT_KDF (128 MiB per guess). */
const TEST_KDF = { N: 2 ** 12, r: 8, p: 1 };

const DANA = { personId: 'person-dana', name: 'Dana Whitfield' };
const SAM = { personId: 'person-sam', name: 'Sam Okafor' };

function folder(): string {
  return mkdtempSync(path.join(tmpdir(), 'demo-ledger-keystore-'));
}

/** Stands in for Electron's safeStorage: reversible, but the file never holds the plain text. */
const fakeKeychain: SecretStorage = {
  isAvailable: () => true,
  unavailableReason: () => null,
  encrypt: (text) => new TextEncoder().encode(`sealed:${[...text].reverse().join('')}`),
  decrypt: (bytes) =>
    [...new TextDecoder().decode(bytes).replace(/^sealed:/, '')].reverse().join(''),
};

function platformAt(dataPath: string, secrets: SecretStorage = unavailableSecretStorage): Platform {
  return {
    host: 'chromium',
    appName: 'Demo Ledger',
    appVersion: 'test',
    dataPath,
    secrets,
    chooseSavePath: async ({ suggestedName }) => path.join(dataPath, 'saved', suggestedName),
    chooseFolder: async () => null,
    openExternal: async () => undefined,
  };
}

describe('keystore', () => {
  it('keeps the private key encrypted at rest and signs only with the right passphrase', async () => {
    const dir = folder();
    const keystore = new Keystore(dir, unavailableSecretStorage, TEST_KDF);
    const status = await keystore.create(
      { name: 'Dana Whitfield', organisation: 'Internal Audit', email: 'dana@example.com' },
      'ecdsa-p256',
      'long passphrase',
      false,
    );
    expect(status.certificate.subject).toBe(
      'CN=Dana Whitfield, O=Internal Audit, E=dana@example.com',
    );
    expect(status.keyType).toBe('ecdsa');
    expect(status.certificatePem).toMatch(/^-----BEGIN CERTIFICATE-----/);

    const stored = readFileSync(path.join(dir, 'identity.json'), 'utf8');
    expect(stored).not.toContain('PRIVATE KEY');
    expect(JSON.parse(stored)).toMatchObject({
      kdf: { name: 'scrypt' },
      cipher: { name: 'aes-256-gcm' },
    });

    const signer = await keystore.signer('long passphrase');
    expect(signer.keyType).toBe('ecdsa');
    expect((await signer.sign(new Uint8Array([1, 2, 3]))).length).toBeGreaterThan(60);
    await expect(keystore.signer('wrong passphrase')).rejects.toThrow('Wrong passphrase');
    await expect(keystore.signer()).rejects.toThrow('Enter the passphrase');
  });

  it('remembers the passphrase through the OS keychain only when asked, and forgets it', async () => {
    const dir = folder();
    const keystore = new Keystore(dir, fakeKeychain, TEST_KDF);
    await keystore.create({ name: 'Remembered' }, 'ecdsa-p256', 'remember me please', true);
    expect((await keystore.status())?.remembered).toBe(true);
    expect(readFileSync(path.join(dir, 'identity.passphrase'), 'utf8')).not.toContain(
      'remember me please',
    );
    await expect(keystore.signer()).resolves.toBeDefined();
    await keystore.forgetPassphrase();
    expect((await keystore.status())?.remembered).toBe(false);
    await expect(keystore.signer()).rejects.toThrow('Enter the passphrase');
  });

  it('refuses short passphrases and remembering where there is no keychain', async () => {
    const keystore = new Keystore(folder(), unavailableSecretStorage, TEST_KDF);
    await expect(keystore.create({ name: 'X' }, 'ecdsa-p256', 'short', false)).rejects.toThrow(
      'at least 8 characters',
    );
    await expect(
      keystore.create({ name: 'X' }, 'ecdsa-p256', 'long enough here', true),
    ).rejects.toThrow('cannot be remembered here: This window has no operating-system keychain');
    expect(await keystore.status()).toBeNull();
  });

  it('writes its files for the owner only (0600) in folders only the owner can open (0700)', async () => {
    const dataPath = folder();
    const signing = new SigningService(dataPath, fakeKeychain, TEST_KDF);
    await signing.keyring.create(
      DANA,
      { name: 'Private' },
      'ecdsa-p256',
      'remember me please',
      true,
    );
    await signing.trust.add(readBytes(makePki().caPem), 'Audit CA');
    const mode = (file: string): string => (statSync(file).mode & 0o777).toString(8);
    const signingFolder = path.join(dataPath, 'signing');
    const identities = path.join(signingFolder, 'identities');
    const [identity] = readdirSync(identities);
    expect(identity).toBeDefined();
    const own = path.join(identities, identity ?? '');
    for (const name of [signingFolder, identities, own]) expect(mode(name)).toBe('700');
    for (const file of [
      path.join(own, 'identity.json'),
      path.join(own, 'identity.passphrase'),
      path.join(own, 'owner.json'),
      path.join(signingFolder, 'trusted-certificates.json'),
    ])
      expect(mode(file)).toBe('600');
  }, 300_000);

  it('imports PKCS#12 identities issued by a CA (EC and RSA) with their chain', async () => {
    const pki = makePki();
    const keystore = new Keystore(folder(), unavailableSecretStorage, TEST_KDF);
    const ec = await keystore.importPkcs12(
      readBytes(pki.ecP12),
      pki.passphrase,
      'new passphrase',
      false,
    );
    expect(ec.certificate.commonName).toBe('Dana Whitfield');
    expect(ec.certificate.issuer).toContain('Demo Ledger Test Root CA');
    expect((await keystore.signer('new passphrase')).chain).toHaveLength(1);
    const rsa = await keystore.importPkcs12(
      readBytes(pki.rsaP12),
      pki.passphrase,
      'new passphrase',
      false,
    );
    expect(rsa.keyType).toBe('rsa');
    await expect(
      keystore.importPkcs12(readBytes(pki.rsaP12), 'wrong', 'new passphrase', false),
    ).rejects.toThrow('Wrong password');
  }, 300_000);
});

describe('PKCS#12 key-derivation iterations', () => {
  const pki = makePki();
  const message = /key-derivation iterations .* at most 1,000,000 are accepted/;

  it('refuses a file whose integrity check asks for more than the cap, before deriving', async () => {
    // PFX ::= SEQUENCE { version, authSafe, macData SEQUENCE { mac, macSalt, iterations } }
    const pfx = asn1js.fromBER(toArrayBuffer(readBytes(pki.selfSignedP12)))
      .result as asn1js.Sequence;
    const [version, authSafe, macData] = pfx.valueBlock.value as asn1js.Sequence[];
    const [mac, salt] = macData?.valueBlock.value ?? [];
    if (!version || !authSafe || !mac || !salt) throw new Error('openssl wrote no MAC');
    const withMacIterations = (iterations: number): Uint8Array =>
      new Uint8Array(
        new asn1js.Sequence({
          value: [
            version,
            authSafe,
            new asn1js.Sequence({ value: [mac, salt, new asn1js.Integer({ value: iterations })] }),
          ],
        }).toBER(false),
      );
    await expect(readPkcs12(withMacIterations(8_000_000), pki.passphrase)).rejects.toThrow(
      /8,000,000 key-derivation iterations for its integrity check/,
    );
    // Four bytes and more: asn1js reads such integers as 0, so pkijs alone would call this a
    // wrong password after deriving with no iterations.
    await expect(readPkcs12(withMacIterations(2 ** 31 - 1), pki.passphrase)).rejects.toThrow(
      message,
    );
  });

  it('refuses a file whose key encryption asks for more than the cap', async () => {
    const file = path.join(pki.dir, 'many-iterations.p12');
    execFileSync('openssl', [
      'pkcs12',
      '-export',
      '-inkey',
      path.join(pki.dir, 'self.key'),
      '-in',
      pki.selfSignedPem,
      '-out',
      file,
      '-passout',
      `pass:${pki.passphrase}`,
      '-iter',
      '1000001',
      '-nomaciter',
    ]);
    await expect(readPkcs12(readBytes(file), pki.passphrase)).rejects.toThrow(message);
    expect(MAX_PKCS12_ITERATIONS).toBe(1_000_000);
  }, 300_000);
});

describe('identity, trust and signing over IPC', () => {
  it('creates an identity, signs a report, trusts a colleague and verifies; the key never leaves main', async () => {
    const dataPath = folder();
    const platform = platformAt(dataPath);
    const handlers = createHandlers({
      platform,
      signing: new SigningService(dataPath, platform.secrets, TEST_KDF),
    });
    const created = await dispatch(handlers, 'identity:create', {
      owner: DANA,
      name: 'Dana Whitfield',
      passphrase: 'long passphrase',
    });
    if (!created.ok) throw new Error(created.error.message);
    const asText = JSON.stringify(created);
    expect(asText).not.toMatch(/PRIVATE KEY|encryptedKey|privateKey/);
    const identity = (created.value as IdentityInfo).certificate.fingerprint;

    const pdf = await buildExample(exampleModel('sprint-demo-record'));
    const uploaded = await dispatch(handlers, 'report:beginUpload', { size: pdf.byteLength });
    if (!uploaded.ok) throw new Error(uploaded.error.message);
    const { uploadId } = uploaded.value as { uploadId: string };
    expect(await dispatch(handlers, 'report:uploadChunk', { uploadId, data: pdf })).toMatchObject({
      ok: true,
      value: { received: pdf.byteLength },
    });
    const sign = { uploadId, identity, suggestedName: 'report.pdf' };
    const locked = await dispatch(handlers, 'report:signUpload', sign);
    expect(locked).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The upload is kept for the second try with the passphrase.
    const signed = await dispatch(handlers, 'report:signUpload', {
      ...sign,
      passphrase: 'long passphrase',
    });
    if (!signed.ok) throw new Error(signed.error.message);
    const result = signed.value as {
      path: string;
      size: number;
      sha256: string;
      verification: { verdict: string };
    };
    expect(result.path).toBe(path.join(dataPath, 'saved', 'report.pdf'));
    expect(result.verification.verdict).toBe('valid');
    const saved = new Uint8Array(readFileSync(result.path));
    expect(saved.byteLength).toBe(result.size);
    expect(createHash('sha256').update(saved).digest('hex')).toBe(result.sha256);
    // Signing consumed the upload.
    expect(await dispatch(handlers, 'report:signUpload', sign)).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });

    const again = await dispatch(handlers, 'report:beginUpload', { size: saved.byteLength });
    if (!again.ok) throw new Error(again.error.message);
    const second = (again.value as { uploadId: string }).uploadId;
    await dispatch(handlers, 'report:uploadChunk', { uploadId: second, data: saved });
    const verified = await dispatch(handlers, 'report:verifyUpload', { uploadId: second });
    expect(verified).toMatchObject({ ok: true, value: { verdict: 'valid' } });

    const pki = makePki();
    const added = await dispatch(handlers, 'trust:add', {
      data: readBytes(pki.caPem),
      label: 'Audit CA',
    });
    expect(added).toMatchObject({ ok: true, value: { added: 1 } });
    const list = await dispatch(handlers, 'trust:list', undefined);
    if (!list.ok) throw new Error(list.error.message);
    const [entry] = list.value as { fingerprint: string; label: string }[];
    expect(entry?.label).toBe('Audit CA');
    expect(
      await dispatch(handlers, 'trust:remove', { fingerprint: entry?.fingerprint }),
    ).toMatchObject({ ok: true, value: { removed: true } });

    const badUrl = await dispatch(handlers, 'report:signUpload', {
      ...sign,
      passphrase: 'long passphrase',
      tsaUrl: 'file:///etc/passwd',
    });
    expect(badUrl).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  }, 300_000);
});

describe('keyring: the identities of the people on this computer', () => {
  it('keeps each person’s identities under their own passphrase, and refuses one twice', async () => {
    const keyring = new Keyring(folder(), unavailableSecretStorage, TEST_KDF);
    const dana = await keyring.create(
      DANA,
      { name: 'Dana Whitfield' },
      'ecdsa-p256',
      'dana passphrase',
      false,
    );
    const pki = makePki();
    const sam = await keyring.importPkcs12(
      SAM,
      readBytes(pki.rsaP12),
      pki.passphrase,
      'sam passphrase',
      false,
    );
    expect(
      (await keyring.list()).map((item) => [item.owner?.name, item.certificate.fingerprint]),
    ).toEqual(
      expect.arrayContaining([
        ['Dana Whitfield', dana.certificate.fingerprint],
        ['Sam Okafor', sam.certificate.fingerprint],
      ]),
    );
    await expect(keyring.signer(sam.certificate.fingerprint, 'dana passphrase')).rejects.toThrow(
      'Wrong passphrase',
    );
    const signer = await keyring.signer(sam.certificate.fingerprint, 'sam passphrase');
    expect(signer.keyType).toBe('rsa');
    await expect(
      keyring.importPkcs12(DANA, readBytes(pki.rsaP12), pki.passphrase, 'dana passphrase', false),
    ).rejects.toThrow('already on this computer (Sam Okafor’s)');
    expect(await keyring.list()).toHaveLength(2);
    expect(await keyring.remove(sam.certificate.fingerprint)).toBe(true);
    expect((await keyring.list()).map((item) => item.owner?.name)).toEqual(['Dana Whitfield']);
  }, 60_000);

  it('lets whoever holds its passphrase claim the identity made before people were kept', async () => {
    const dir = folder();
    const legacy = await new Keystore(dir, unavailableSecretStorage, TEST_KDF).create(
      { name: 'Dana Whitfield' },
      'ecdsa-p256',
      'old passphrase',
      false,
    );
    const keyring = new Keyring(dir, unavailableSecretStorage, TEST_KDF);
    const fingerprint = legacy.certificate.fingerprint;
    expect(await keyring.list()).toMatchObject([{ owner: null, certificate: { fingerprint } }]);
    await expect(keyring.claim(fingerprint, SAM, 'not the passphrase')).rejects.toThrow(
      'Wrong passphrase',
    );
    expect((await keyring.list())[0]?.owner).toBeNull();
    const claimed = await keyring.claim(fingerprint, DANA, 'old passphrase');
    expect(claimed.owner).toEqual(DANA);
    expect(existsSync(path.join(dir, 'identity.json'))).toBe(false);
    const again = new Keyring(dir, unavailableSecretStorage, TEST_KDF);
    expect(await again.list()).toMatchObject([{ owner: DANA, certificate: { fingerprint } }]);
    await expect(again.signer(fingerprint, 'old passphrase')).resolves.toBeDefined();
  });

  it('signs unattended only while an identity is unlocked and in use, or remembered', async () => {
    let now = 1_000_000;
    const keyring = new Keyring(folder(), fakeKeychain, TEST_KDF, () => new Date(now));
    const locked = await keyring.create(
      DANA,
      { name: 'Dana' },
      'ecdsa-p256',
      'dana passphrase',
      false,
    );
    const fingerprint = locked.certificate.fingerprint;
    expect(await keyring.unattendedSigner(fingerprint)).toBeNull();
    await keyring.signer(fingerprint, 'dana passphrase');
    expect((await keyring.list())[0]?.unlocked).toBe(true);
    now += UNLOCK_IDLE_MS - 1000;
    expect(await keyring.unattendedSigner(fingerprint)).not.toBeNull();
    // Each use keeps it unlocked for another stretch; unused for that long, it locks.
    now += UNLOCK_IDLE_MS - 1000;
    expect(await keyring.unattendedSigner(fingerprint)).not.toBeNull();
    now += UNLOCK_IDLE_MS + 1;
    expect(await keyring.unattendedSigner(fingerprint)).toBeNull();
    await keyring.signer(fingerprint, 'dana passphrase');
    keyring.lock();
    expect(await keyring.unattendedSigner(fingerprint)).toBeNull();

    const remembered = await keyring.create(
      SAM,
      { name: 'Sam' },
      'ecdsa-p256',
      'sam passphrase',
      true,
    );
    expect(await keyring.unattendedSigner(remembered.certificate.fingerprint)).not.toBeNull();
  });
});
