import type { SignOffCheck } from '../../../../core/demo/sign-off';
import type { TrustAnchors } from '../../../../core/trust/explain';
import { trustReasonText } from '../../../../core/trust/explain';
import type { DemoSignature } from '../../../../core/model';
import { fromBase64 } from '../../../../core/util/bytes';
import { getApi } from '../../app/api';
import { describeError } from '../../app/notifications';

/**
 * A stored signature checked by main (against the trust list, the identities on this computer
 * and the revocation lists), or why it could not be checked.
 */
export async function checkSignature(row: DemoSignature): Promise<SignOffCheck | string> {
  try {
    return await getApi().signoffVerify({
      statement: row.statement,
      signature: fromBase64(row.signature),
    });
  } catch (error) {
    return `not checked: ${describeError(error)}`;
  }
}

/**
 * What a check says, in a sentence; `good` when valid and trusted. Why it is trusted is said
 * in the words of `anchors` (the app's own identities and trust list; none in a report, whose
 * reader is not the person who made it).
 */
export function describeCheck(
  check: SignOffCheck | string | undefined,
  anchors: TrustAnchors = new Map(),
): {
  text: string;
  good: boolean;
} {
  if (check === undefined) return { text: 'Checking…', good: true };
  if (typeof check === 'string') return { text: check, good: false };
  if (!check.valid)
    return {
      text: `INVALID: ${check.problems.join('; ') || 'the signature does not verify'}`,
      good: false,
    };
  // A chain's path adds what the anchor alone does not say: the certificates in between.
  const path = check.trust.reason?.via === 'issuer' ? ` (${check.trust.path.join(' → ')})` : '';
  const trust = check.trust.trusted
    ? `certificate trusted: ${trustReasonText(check.trust.reason, anchors)}${path}`
    : `certificate not trusted: ${check.trust.problem}`;
  return {
    text: `Valid; ${trust}. ${check.standing?.summary ?? ''}`.trim(),
    good: check.trust.trusted,
  };
}
