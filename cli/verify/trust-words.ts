import type { TrustReason } from '../../core/signing/certificates';
import { UNTRUSTED_HINT, trustReasonText } from '../../core/trust/explain';
import { plain } from '../../core/util/plain-text';
import type { VerifyOptions } from './verifier';

/**
 * How `verify` words one certificate's trust: trusted and why (which `--trust` file it chains
 * to), or not trusted and how to get the answer the app gives (pass the certificate the app
 * trusts with `--trust`), or accepted without trust under `--allow-untrusted`.
 */
export function trustWords(
  trust: { trusted: boolean; problem: string; reason: TrustReason | null },
  options: Pick<VerifyOptions, 'policy' | 'anchors'>,
): string {
  if (trust.trusted) {
    const why = trustReasonText(trust.reason, options.anchors);
    return why === '' ? 'trusted' : `trusted: ${plain(why)}`;
  }
  return options.policy.allowUntrusted
    ? `NOT TRUSTED, accepted without trust (--allow-untrusted): ${plain(trust.problem)}`
    : `NOT TRUSTED (${plain(trust.problem)}): ${UNTRUSTED_HINT}`;
}
