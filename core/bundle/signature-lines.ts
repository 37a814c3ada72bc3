import { untrusted } from '../signing/certificates';
import type { SignatureStanding } from '../trust/rule';
import { plain } from '../util/plain-text';
import type { BundleVerdict, SignatureVerdict } from './verify';

/**
 * Each signature of a verified bundle (the exporter's, then each review's) as `verify` reports
 * it, and as the trust rule (core/trust/rule.ts) judges it: the CLI's verifier and the team
 * locker decide by the same lines.
 */
export interface SignatureLine {
  role: string;
  review: number | null;
  signer: string;
  fingerprint: string | null;
  signedAt: string | null;
  /** Intact and by the certificate the manifest names. */
  valid: boolean;
  trusted: boolean;
  trust: SignatureVerdict['trust'];
  problems: string[];
}

export function signaturesOf(verdict: BundleVerdict): SignatureLine[] {
  const line = (
    role: string,
    review: number | null,
    signature: SignatureVerdict | null,
  ): SignatureLine => ({
    role,
    review,
    signer: signature?.signer?.commonName || signature?.signer?.subject || '',
    fingerprint: signature?.signer?.fingerprint ?? null,
    signedAt: signature?.signedAt ?? null,
    valid: signature !== null && signature.valid && signature.signerMatches,
    trusted: signature?.trust.trusted ?? false,
    trust: signature?.trust ?? untrusted('not signed'),
    problems: signature?.problems ?? ['not signed'],
  });
  return [
    line('Exported', null, verdict.signature),
    ...verdict.reviews.map((review) =>
      line(`Review ${review.number}`, review.number, review.signature),
    ),
  ];
}

/** What the trust rule weighs: every signature, and a review that is there but unsigned. */
export function standingsOf(signatures: readonly SignatureLine[]): SignatureStanding[] {
  return signatures
    .filter((signature) => signature.problems[0] !== 'not signed' || signature.review === null)
    .map((signature) => ({
      label: `${signature.role} (${plain(signature.signer) || 'unknown signer'})`,
      valid: signature.valid,
      trusted: signature.trusted,
      problem: signature.valid ? signature.trust.problem : (signature.problems[0] ?? ''),
    }));
}
