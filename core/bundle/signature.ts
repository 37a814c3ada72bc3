import type * as pkijs from 'pkijs';
import { parseCertificate } from '../signing/certificates';
import { buildDetachedCms } from '../signing/cms';
import { sha256 } from '../signing/der';
import type { Signer } from '../signing/signer';
import { checkCms } from '../signing/verify/cms-check';
import type { SignatureCheck } from './signature-check';
import { signatureFormProblems } from './signature-form';

/**
 * Detached CMS signatures over a bundle's manifest.json: CAdES-style signed attributes
 * (content-type, message-digest, signing-certificate-v2) plus the signing time, as
 * `openssl cms -verify -binary -content manifest.json` checks them. The manifest pins every
 * byte of the bundle, so this one signature covers all of it.
 */

/** Checks a signature against the content it covers; main and the CLI supply `trusted`. */
export type SignatureChecker = (
  content: Uint8Array,
  signature: Uint8Array,
) => Promise<SignatureCheck>;

/** `timestamp` adds an RFC 3161 token over the signature value (core/signing/timestamp.ts). */
export async function signManifest(
  manifest: Uint8Array,
  signer: Signer,
  signingTime: Date,
  timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  return buildDetachedCms(await sha256(manifest), signer, {
    cades: true,
    signingTime,
    signingTimeAttribute: true,
    ...(timestamp ? { timestamp } : {}),
  });
}

export async function checkManifestSignature(
  manifest: Uint8Array,
  signature: Uint8Array,
  trusted: readonly Uint8Array[],
): Promise<SignatureCheck> {
  const anchors: pkijs.Certificate[] = [];
  for (const der of trusted) {
    try {
      anchors.push(parseCertificate(der));
    } catch {
      // An unreadable trusted certificate trusts nobody; the others still count.
    }
  }
  const report = await checkCms(signature, [manifest], anchors, null);
  const form = report.signer === null ? [] : signatureFormProblems(signature);
  const problems = [...report.problems, ...form];
  if (report.signer !== null && report.certificateBound === null) {
    problems.push('the signature does not name its certificate (no signing-certificate-v2)');
  }
  return {
    valid:
      form.length === 0 &&
      report.signer !== null &&
      report.digestMatches &&
      report.signatureValid &&
      report.certificateBound === true,
    signer: report.signer,
    signedAt: report.claimedSigningTime,
    digestMatches: report.digestMatches,
    signatureValid: report.signatureValid,
    certificateBound: report.certificateBound,
    trust: report.trust,
    timestamp: report.timestamp,
    problems,
  };
}

/** A checker over a fixed list of trusted certificates (DER). */
export function trustingChecker(trusted: readonly Uint8Array[]): SignatureChecker {
  return (content, signature) => checkManifestSignature(content, signature, trusted);
}
