import { UNTRUSTED_HINT } from './explain';

/**
 * The one rule for trusting a signed thing, used by every `verify` (signed PDF reports, audit
 * bundles, backups) and by the app: a file passes only if every signature is valid and chains
 * to a certificate the user trusts (`--trust FILE`, or the app's trusted-certificates list).
 * The operating system's TLS roots are never signing trust anchors: trust is only what the
 * caller passes in. `allowUntrusted` accepts valid signatures by untrusted certificates, and
 * every line then says so; a kind whose signature is optional (a backup) passes unsigned,
 * saying "unsigned", unless `requireSigned`.
 */

export interface TrustPolicy {
  /** Accept valid signatures whose certificate is not trusted (`--allow-untrusted`). */
  allowUntrusted: boolean;
  /** Fail files that carry no signature, even of a kind where one is optional (`--require-signed`). */
  requireSigned: boolean;
}

export const STRICT_POLICY: TrustPolicy = { allowUntrusted: false, requireSigned: false };

/** One signature as the rule sees it. */
export interface SignatureStanding {
  /** Who signed and in what role, for the sentence: "Signature 1 (Dana Whitfield)". */
  label: string;
  /** Intact, by the certificate it names, over what it claims to cover. */
  valid: boolean;
  /** Chains to a trusted certificate at the signing time. */
  trusted: boolean;
  /** Why not trusted (or not valid), in a sentence. */
  problem: string;
}

export type TrustVerdict =
  'trusted' | 'accepted-untrusted' | 'untrusted' | 'invalid' | 'unsigned' | 'unsigned-refused';

export interface TrustJudgement {
  ok: boolean;
  verdict: TrustVerdict;
  /** Sentences for what fails the file under the rule. */
  problems: string[];
  /** One line per signature, saying whether it is trusted or accepted without trust. */
  lines: string[];
}

export function judgeSignatures(
  signatures: readonly SignatureStanding[],
  policy: TrustPolicy,
  options: { signatureRequired: boolean },
): TrustJudgement {
  if (signatures.length === 0) {
    const required = options.signatureRequired || policy.requireSigned;
    return required
      ? {
          ok: false,
          verdict: 'unsigned-refused',
          problems: [
            policy.requireSigned && !options.signatureRequired
              ? 'The file is not signed (--require-signed).'
              : 'The file has no signature.',
          ],
          lines: ['unsigned'],
        }
      : { ok: true, verdict: 'unsigned', problems: [], lines: ['unsigned: no signature to check'] };
  }
  const problems: string[] = [];
  const lines = signatures.map((signature) => {
    if (!signature.valid) {
      problems.push(`${signature.label}: not valid (${signature.problem || 'does not verify'}).`);
      return `${signature.label}: INVALID`;
    }
    if (signature.trusted) return `${signature.label}: valid, trusted`;
    if (policy.allowUntrusted)
      return `${signature.label}: valid, NOT TRUSTED (${signature.problem}); accepted without trust (--allow-untrusted)`;
    problems.push(
      `${signature.label}: the certificate is not trusted (${signature.problem}); ${UNTRUSTED_HINT}, or --allow-untrusted.`,
    );
    return `${signature.label}: valid, NOT TRUSTED (${signature.problem})`;
  });
  const invalid = signatures.some((signature) => !signature.valid);
  const untrusted = signatures.some((signature) => signature.valid && !signature.trusted);
  const verdict: TrustVerdict = invalid
    ? 'invalid'
    : untrusted
      ? policy.allowUntrusted
        ? 'accepted-untrusted'
        : 'untrusted'
      : 'trusted';
  return { ok: problems.length === 0, verdict, problems, lines };
}
