import { ecdsaRawToDer, toArrayBuffer } from './der';

/**
 * Whatever holds the private key. The CMS builder asks it to sign the DER of the signed
 * attributes with SHA-256 and gets the signature value back in CMS form. The app's keystore
 * implements it with WebCrypto; an OS keystore or a hardware token can implement it later
 * without touching the PDF or CMS code.
 */
export interface Signer {
  /** The signing certificate, DER. */
  readonly certificate: Uint8Array;
  /** Further certificates to embed (issuing CAs), DER, nearest first. */
  readonly chain: readonly Uint8Array[];
  readonly keyType: 'ecdsa' | 'rsa';
  /** SHA-256 signature over `data`: DER ECDSA-Sig-Value for EC keys, PKCS#1 v1.5 for RSA. */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** A Signer over a WebCrypto private key (ECDSA or RSASSA-PKCS1-v1_5, SHA-256). */
export function webCryptoSigner(
  privateKey: CryptoKey,
  certificate: Uint8Array,
  chain: readonly Uint8Array[] = [],
): Signer {
  const name = privateKey.algorithm.name;
  if (name !== 'ECDSA' && name !== 'RSASSA-PKCS1-v1_5') {
    throw new Error(`Unsupported signing key algorithm ${name}.`);
  }
  const keyType = name === 'ECDSA' ? 'ecdsa' : 'rsa';
  return {
    certificate,
    chain,
    keyType,
    async sign(data) {
      const algorithm =
        keyType === 'ecdsa' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'RSASSA-PKCS1-v1_5' };
      const signature = new Uint8Array(
        await crypto.subtle.sign(algorithm, privateKey, toArrayBuffer(data)),
      );
      return keyType === 'ecdsa' ? ecdsaRawToDer(signature) : signature;
    },
  };
}
