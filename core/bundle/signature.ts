import type { SignatureCheck } from '../signing/detached';
import { checkDetached, signDetached } from '../signing/detached';
import type { Signer } from '../signing/signer';

/**
 * Detached CMS signatures over a bundle's manifest.json (core/signing/detached.ts), as
 * `openssl cms -verify -binary -content manifest.json` checks them. The manifest pins every
 * byte of the bundle, so this one signature covers all of it.
 */

/** Checks a signature against the content it covers; main and the CLI supply `trusted`. */
export type SignatureChecker = (
  content: Uint8Array,
  signature: Uint8Array,
) => Promise<SignatureCheck>;

/** `timestamp` adds an RFC 3161 token over the signature value (core/signing/timestamp.ts). */
export function signManifest(
  manifest: Uint8Array,
  signer: Signer,
  signingTime: Date,
  timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  return signDetached(manifest, signer, signingTime, timestamp);
}

export function checkManifestSignature(
  manifest: Uint8Array,
  signature: Uint8Array,
  trusted: readonly Uint8Array[],
): Promise<SignatureCheck> {
  return checkDetached(manifest, signature, trusted);
}

/** A checker over a fixed list of trusted certificates (DER). */
export function trustingChecker(trusted: readonly Uint8Array[]): SignatureChecker {
  return (content, signature) => checkManifestSignature(content, signature, trusted);
}
