import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toArrayBuffer } from './der';
import { OID } from './oids';

/**
 * Signing keys and identities: key generation, self-signed certificates, PKCS#8 import and
 * PKCS#12 (.p12/.pfx) reading. Pure WebCrypto + pkijs, so the CLI and the main process share it.
 */

export type KeyAlgorithm = 'ecdsa-p256' | 'rsa-3072';

const CURVES: Readonly<Record<string, string>> = {
  '1.2.840.10045.3.1.7': 'P-256',
  '1.3.132.0.34': 'P-384',
  '1.3.132.0.35': 'P-521',
};

export interface IdentitySubject {
  name: string;
  organisation?: string;
  email?: string;
}

export interface IdentityMaterial {
  /** PKCS#8 DER of the private key. Keep it in the main process only. */
  privateKey: Uint8Array;
  certificate: Uint8Array;
  chain: Uint8Array[];
}

function keyParams(algorithm: KeyAlgorithm): EcKeyGenParams | RsaHashedKeyGenParams {
  return algorithm === 'ecdsa-p256'
    ? { name: 'ECDSA', namedCurve: 'P-256' }
    : {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: 3072,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      };
}

function utf8Attribute(type: string, value: string): pkijs.AttributeTypeAndValue {
  return new pkijs.AttributeTypeAndValue({
    type,
    value: type === OID.email ? new asn1js.IA5String({ value }) : new asn1js.Utf8String({ value }),
  });
}

/** Generates a key pair and a self-signed X.509 certificate for document signing. */
export async function createSelfSignedIdentity(
  subject: IdentitySubject,
  algorithm: KeyAlgorithm,
  now = new Date(),
  validityDays = 3 * 365,
): Promise<IdentityMaterial> {
  const keys = await crypto.subtle.generateKey(keyParams(algorithm), true, ['sign', 'verify']);
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  const serial = crypto.getRandomValues(new Uint8Array(16));
  serial[0] = (serial[0] ?? 0) & 0x7f;
  certificate.serialNumber = new asn1js.Integer({ valueHex: toArrayBuffer(serial) });
  const names = [
    utf8Attribute(OID.commonName, subject.name),
    ...(subject.organisation ? [utf8Attribute(OID.organisation, subject.organisation)] : []),
    ...(subject.email ? [utf8Attribute(OID.email, subject.email)] : []),
  ];
  certificate.subject.typesAndValues.push(...names);
  certificate.issuer.typesAndValues.push(...names);
  certificate.notBefore.value = new Date(now.getTime() - 5 * 60_000);
  certificate.notAfter.value = new Date(now.getTime() + validityDays * 86_400_000);
  await certificate.subjectPublicKeyInfo.importKey(keys.publicKey);
  const keyIdentifier = new Uint8Array(
    await crypto.subtle.digest(
      'SHA-1',
      certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock
        .valueHexView as Uint8Array<ArrayBuffer>,
    ),
  );
  certificate.extensions = [
    new pkijs.Extension({
      extnID: '2.5.29.19',
      critical: true,
      extnValue: new pkijs.BasicConstraints({ cA: false }).toSchema().toBER(false),
    }),
    // digitalSignature + nonRepudiation (contentCommitment)
    new pkijs.Extension({
      extnID: '2.5.29.15',
      critical: true,
      extnValue: new asn1js.BitString({
        valueHex: toArrayBuffer(new Uint8Array([0xc0])),
        unusedBits: 6,
      }).toBER(false),
    }),
    // id-kp-documentSigning (RFC 9336) and emailProtection
    new pkijs.Extension({
      extnID: '2.5.29.37',
      critical: false,
      extnValue: new pkijs.ExtKeyUsage({ keyPurposes: ['1.3.6.1.5.5.7.3.36', '1.3.6.1.5.5.7.3.4'] })
        .toSchema()
        .toBER(false),
    }),
    new pkijs.Extension({
      extnID: '2.5.29.14',
      critical: false,
      extnValue: new asn1js.OctetString({ valueHex: toArrayBuffer(keyIdentifier) }).toBER(false),
    }),
  ];
  await certificate.sign(keys.privateKey, 'SHA-256');
  return {
    privateKey: new Uint8Array(await crypto.subtle.exportKey('pkcs8', keys.privateKey)),
    certificate: new Uint8Array(certificate.toSchema().toBER(false)),
    chain: [],
  };
}

/** Imports a PKCS#8 private key for signing, recognising EC curves and RSA. */
export async function importSigningKey(pkcs8: Uint8Array): Promise<CryptoKey> {
  let info: pkijs.PrivateKeyInfo;
  try {
    info = pkijs.PrivateKeyInfo.fromBER(toArrayBuffer(pkcs8));
  } catch {
    throw new Error('The private key is not a PKCS#8 structure.');
  }
  const algorithmId = info.privateKeyAlgorithm.algorithmId;
  if (algorithmId === OID.ecPublicKey) {
    const curveOid = (
      info.privateKeyAlgorithm.algorithmParams as asn1js.ObjectIdentifier | undefined
    )?.valueBlock.toString();
    const namedCurve = curveOid === undefined ? undefined : CURVES[curveOid];
    if (namedCurve === undefined)
      throw new Error('Only P-256, P-384 and P-521 EC keys can sign here.');
    return crypto.subtle.importKey(
      'pkcs8',
      toArrayBuffer(pkcs8),
      { name: 'ECDSA', namedCurve },
      false,
      ['sign'],
    );
  }
  if (algorithmId === OID.rsaEncryption) {
    return crypto.subtle.importKey(
      'pkcs8',
      toArrayBuffer(pkcs8),
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['sign'],
    );
  }
  throw new Error(`Keys of type ${algorithmId} cannot sign here (EC and RSA can).`);
}

export class Pkcs12Error extends Error {
  override readonly name = 'Pkcs12Error';
}

/**
 * The most key-derivation iterations a PKCS#12 file may ask for (its MAC, each encrypted part,
 * the key bag). Tools write 2,000 to 10,000 (OpenSSL 3: 2,048; Java: 10,000); a file asking for
 * billions would hold the main process for hours before its password could even be checked, so
 * anything above this is refused before any derivation runs.
 */
export const MAX_PKCS12_ITERATIONS = 1_000_000;

const ENCRYPTED_DATA = '1.2.840.113549.1.7.6';

/**
 * The largest INTEGER in a structure (an algorithm's parameters, the MAC data): its iteration
 * count. Read from the bytes: asn1js decodes integers of four bytes or more as 0, and pkijs then
 * derives with the wrong count rather than refusing.
 */
function largestInteger(node: asn1js.AsnType, depth = 0): number {
  if (depth > 16) return Infinity;
  if (node instanceof asn1js.Integer) {
    const bytes = node.valueBlock.valueHexView;
    // Negative, or beyond what any tool writes: no sensible count.
    if (bytes.length > 6 || ((bytes[0] ?? 0) & 0x80) !== 0) return Infinity;
    return bytes.reduce((value, byte) => value * 256 + byte, 0);
  }
  if (!(node instanceof asn1js.Constructed)) return 0;
  let largest = 0;
  for (const child of node.valueBlock.value)
    largest = Math.max(largest, largestInteger(child, depth + 1));
  return largest;
}

function checkIterations(count: number, where: string): void {
  if (count > MAX_PKCS12_ITERATIONS)
    throw new Pkcs12Error(
      `This PKCS#12 file asks for ${Number.isFinite(count) ? count.toLocaleString('en-GB') : 'an unbounded number of'} key-derivation iterations for ${where}; at most ${MAX_PKCS12_ITERATIONS.toLocaleString('en-GB')} are accepted. Export it again with the tool's default iteration count.`,
    );
}

function checkAlgorithmIterations(algorithm: pkijs.AlgorithmIdentifier, where: string): void {
  if (algorithm.algorithmParams !== undefined)
    checkIterations(largestInteger(algorithm.algorithmParams as asn1js.AsnType), where);
}

const BAG_KEY = '1.2.840.113549.1.12.10.1.1';
export const BAG_SHROUDED_KEY = '1.2.840.113549.1.12.10.1.2';
export const BAG_CERT = '1.2.840.113549.1.12.10.1.3';

/**
 * Reads a PKCS#12 file: its private key, the certificate that matches it, and the other
 * certificates as the chain. Supports the PBES2/AES encryption OpenSSL 3 and current Windows
 * use; files using the legacy RC2/3DES schemes are refused with a way out.
 */
export async function readPkcs12(bytes: Uint8Array, password: string): Promise<IdentityMaterial> {
  const passwordBytes = toArrayBuffer(new TextEncoder().encode(password));
  let pfx: pkijs.PFX;
  try {
    pfx = pkijs.PFX.fromBER(toArrayBuffer(bytes));
  } catch {
    throw new Pkcs12Error('This is not a PKCS#12 (.p12/.pfx) file.');
  }
  // PFX ::= SEQUENCE { version, authSafe, macData SEQUENCE { mac, macSalt, iterations } }.
  const raw = asn1js.fromBER(toArrayBuffer(bytes)).result;
  const mac = raw instanceof asn1js.Sequence ? raw.valueBlock.value[2] : undefined;
  if (mac !== undefined) checkIterations(largestInteger(mac), 'its integrity check');
  try {
    await pfx.parseInternalValues({ password: passwordBytes, checkIntegrity: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    throw new Pkcs12Error(
      message.includes('Integrity')
        ? 'Wrong password for this PKCS#12 file (its integrity check failed).'
        : `The PKCS#12 file could not be read: ${message}`,
    );
  }
  const safe = pfx.parsedValue?.authenticatedSafe;
  if (safe === undefined) throw new Pkcs12Error('The PKCS#12 file has no content.');
  // EncryptedData's only integers are its version and its algorithm's parameters.
  for (const content of safe.safeContents)
    if (content.contentType === ENCRYPTED_DATA)
      checkIterations(largestInteger(content.content as asn1js.AsnType), 'an encrypted part');
  try {
    await safe.parseInternalValues({
      safeContents: safe.safeContents.map(() => ({ password: passwordBytes })),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/unsupported|unknown|not supported|algorithm/i.test(message)) {
      throw new Pkcs12Error(
        'This PKCS#12 file uses legacy encryption (RC2/3DES). Export it again with AES, e.g. `openssl pkcs12 -export` (OpenSSL 3 defaults to AES-256).',
      );
    }
    throw new Pkcs12Error(`The PKCS#12 file could not be decrypted: ${message}`);
  }
  let privateKey: Uint8Array | null = null;
  const certificates: pkijs.Certificate[] = [];
  const contents = (safe.parsedValue as { safeContents: { value: pkijs.SafeContents }[] })
    .safeContents;
  for (const content of contents) {
    for (const bag of content.value.safeBags) {
      if (bag.bagId === BAG_SHROUDED_KEY) {
        // pkijs types this method as protected, yet it is the documented way to decrypt the bag.
        const shrouded = bag.bagValue as unknown as {
          encryptionAlgorithm: pkijs.AlgorithmIdentifier;
          parseInternalValues(parameters: { password: ArrayBuffer }): Promise<void>;
          parsedValue?: pkijs.PrivateKeyInfo;
        };
        checkAlgorithmIterations(shrouded.encryptionAlgorithm, 'its private key');
        try {
          await shrouded.parseInternalValues({ password: passwordBytes });
        } catch {
          throw new Pkcs12Error(
            'The private key in this PKCS#12 file uses an encryption scheme that is not supported (use AES).',
          );
        }
        if (shrouded.parsedValue)
          privateKey = new Uint8Array(shrouded.parsedValue.toSchema().toBER(false));
      } else if (bag.bagId === BAG_KEY) {
        privateKey = new Uint8Array((bag.bagValue as pkijs.PrivateKeyInfo).toSchema().toBER(false));
      } else if (bag.bagId === BAG_CERT) {
        const value: unknown = (bag.bagValue as pkijs.CertBag).parsedValue;
        if (value instanceof pkijs.Certificate) certificates.push(value);
      }
    }
  }
  if (privateKey === null) throw new Pkcs12Error('The PKCS#12 file holds no private key.');
  const leaf = await matchingCertificate(privateKey, certificates);
  if (leaf === null)
    throw new Pkcs12Error('No certificate in the PKCS#12 file matches its private key.');
  return {
    privateKey,
    certificate: new Uint8Array(leaf.toSchema().toBER(false)),
    chain: certificates
      .filter((item) => item !== leaf)
      .map((item) => new Uint8Array(item.toSchema().toBER(false))),
  };
}

/** The certificate whose public key belongs to `pkcs8`, found by signing a probe. */
async function matchingCertificate(
  pkcs8: Uint8Array,
  certificates: readonly pkijs.Certificate[],
): Promise<pkijs.Certificate | null> {
  const key = await importSigningKey(pkcs8);
  const probe = crypto.getRandomValues(new Uint8Array(32));
  const algorithm =
    key.algorithm.name === 'ECDSA'
      ? { name: 'ECDSA', hash: 'SHA-256' }
      : { name: 'RSASSA-PKCS1-v1_5' };
  const signature = await crypto.subtle.sign(algorithm, key, probe);
  for (const certificate of certificates) {
    try {
      const spki = toArrayBuffer(
        new Uint8Array(certificate.subjectPublicKeyInfo.toSchema().toBER(false)),
      );
      const importParams =
        key.algorithm.name === 'ECDSA'
          ? { name: 'ECDSA', namedCurve: (key.algorithm as EcKeyAlgorithm).namedCurve }
          : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
      const publicKey = await crypto.subtle.importKey('spki', spki, importParams, false, [
        'verify',
      ]);
      if (await crypto.subtle.verify(algorithm, publicKey, signature, probe)) return certificate;
    } catch {
      // A certificate for another key type: not the one.
    }
  }
  return null;
}
