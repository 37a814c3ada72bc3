import type * as pkijs from 'pkijs';
import { z } from 'zod';
import { parseCertificate } from './certificates';
import { buildDetachedCms } from './cms';
import { sha256 } from './der';
import { signatureFormProblems } from './signature-form';
import type { Signer } from './signer';
import { checkCms } from './verify/cms-check';
import { CertificateSummarySchema, SignatureReportSchema } from './verify/schema';

/**
 * Detached CMS signatures over a file of our own (an audit bundle's manifest.json, a demo
 * sign-off statement): CAdES-style signed attributes (content-type, message-digest,
 * signing-certificate-v2) plus the signing time, as `openssl cms -verify -binary -content FILE`
 * checks them, and optionally an RFC 3161 timestamp over the signature value.
 */

/** The result of checking one detached signature. */
export const SignatureCheck = z.object({
  /** The signature is intact and made by the certificate it names: digest, value, binding. */
  valid: z.boolean(),
  signer: CertificateSummarySchema.nullable(),
  /** When the signer says it signed (a signed attribute). */
  signedAt: z.string().nullable(),
  digestMatches: z.boolean(),
  signatureValid: z.boolean(),
  certificateBound: z.boolean().nullable(),
  /** Its RFC 3161 timestamp, when it carries one (`problems` says when that does not verify). */
  timestamp: SignatureReportSchema.shape.timestamp.default(null),
  trust: SignatureReportSchema.shape.trust,
  problems: z.array(z.string()),
});
export type SignatureCheck = z.infer<typeof SignatureCheck>;

export async function signDetached(
  content: Uint8Array,
  signer: Signer,
  signingTime: Date,
  timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  return buildDetachedCms(await sha256(content), signer, {
    cades: true,
    signingTime,
    signingTimeAttribute: true,
    ...(timestamp ? { timestamp } : {}),
  });
}

export async function checkDetached(
  content: Uint8Array,
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
  const report = await checkCms(signature, [content], anchors, null);
  const form = report.signer === null ? [] : signatureFormProblems(signature);
  const problems = [...report.problems, ...form];
  if (report.signer !== null && report.certificateBound === null) {
    problems.push('the signature does not name its certificate (no signing-certificate-v2)');
  }
  const timestampValid =
    report.timestamp === null ||
    (report.timestamp.imprintMatches && report.timestamp.signatureValid);
  return {
    valid:
      form.length === 0 &&
      report.signer !== null &&
      report.digestMatches &&
      report.signatureValid &&
      report.certificateBound === true &&
      timestampValid,
    signer: report.signer,
    signedAt: report.claimedSigningTime,
    digestMatches: report.digestMatches,
    signatureValid: report.signatureValid,
    certificateBound: report.certificateBound,
    timestamp: report.timestamp,
    trust: report.trust,
    problems,
  };
}
