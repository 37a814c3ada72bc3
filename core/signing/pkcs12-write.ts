import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { sha256, toArrayBuffer } from './der';
import type { IdentityMaterial } from './keys';
import { BAG_CERT, BAG_SHROUDED_KEY } from './keys';

/**
 * Writes an identity as a PKCS#12 (.p12) file in the form OpenSSL 3 writes by default: the key
 * in a PKCS#8 shrouded bag and the certificates in an encrypted safe, both PBES2 with
 * PBKDF2-HMAC-SHA-256 and AES-256-CBC, and a SHA-256 MAC over the whole. `openssl pkcs12`,
 * browsers, Windows and `readPkcs12` read it.
 */

/**
 * PBKDF2 and MAC iterations: fifty times OpenSSL 3's default (2,048), and about a second to
 * open the file (the MAC's PKCS#12 key derivation runs in JavaScript), which every pipeline
 * run that signs pays once.
 */
const ITERATIONS = 100_000;
const OID_FRIENDLY_NAME = '1.2.840.113549.1.9.20';
const OID_LOCAL_KEY_ID = '1.2.840.113549.1.9.21';

function bagAttributes(localKeyId: Uint8Array, friendlyName: string): pkijs.Attribute[] {
  return [
    new pkijs.Attribute({
      type: OID_FRIENDLY_NAME,
      values: [new asn1js.BmpString({ value: friendlyName })],
    }),
    new pkijs.Attribute({
      type: OID_LOCAL_KEY_ID,
      values: [new asn1js.OctetString({ valueHex: toArrayBuffer(localKeyId) })],
    }),
  ];
}

export async function writePkcs12(
  material: IdentityMaterial,
  password: string,
  options: { friendlyName: string; iterations?: number },
): Promise<Uint8Array> {
  const iterations = options.iterations ?? ITERATIONS;
  const passwordBuffer = toArrayBuffer(new TextEncoder().encode(password));
  const encryption = {
    password: passwordBuffer,
    // pkijs draws a fresh IV (and salt) for every encryption; the type asks for one anyway.
    contentEncryptionAlgorithm: { name: 'AES-CBC', length: 256, iv: new Uint8Array(16) },
    hmacHashAlgorithm: 'SHA-256',
    iterationCount: iterations,
  };
  const localKeyId = (await sha256(material.certificate)).slice(0, 20);

  const keyBag = new pkijs.PKCS8ShroudedKeyBag({
    parsedValue: pkijs.PrivateKeyInfo.fromBER(toArrayBuffer(material.privateKey)),
  });
  await keyBag.makeInternalValues(encryption);

  const certificateBags = [material.certificate, ...material.chain].map(
    (der, index) =>
      new pkijs.SafeBag({
        bagId: BAG_CERT,
        bagValue: new pkijs.CertBag({ parsedValue: pkijs.Certificate.fromBER(toArrayBuffer(der)) }),
        ...(index === 0 ? { bagAttributes: bagAttributes(localKeyId, options.friendlyName) } : {}),
      }),
  );

  const safe = new pkijs.AuthenticatedSafe({
    parsedValue: {
      safeContents: [
        {
          privacyMode: 0,
          value: new pkijs.SafeContents({
            safeBags: [
              new pkijs.SafeBag({
                bagId: BAG_SHROUDED_KEY,
                bagValue: keyBag,
                bagAttributes: bagAttributes(localKeyId, options.friendlyName),
              }),
            ],
          }),
        },
        { privacyMode: 1, value: new pkijs.SafeContents({ safeBags: certificateBags }) },
      ],
    },
  });
  await safe.makeInternalValues({ safeContents: [{}, encryption] });

  const pfx = new pkijs.PFX({ parsedValue: { integrityMode: 0, authenticatedSafe: safe } });
  await pfx.makeInternalValues({
    password: passwordBuffer,
    iterations,
    pbkdf2HashAlgorithm: 'SHA-256',
    hmacHashAlgorithm: 'SHA-256',
  });
  return new Uint8Array(pfx.toSchema().toBER(false));
}
