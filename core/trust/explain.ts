import type { TrustReason } from '../signing/certificates';

/**
 * Why a signature is trusted, in the words of whoever holds the trusted certificates: the app
 * knows which are the user's own identities and which they added to their trust list; the
 * command line knows which file each `--trust` came from. The verifier reports only the anchor
 * a path ends at (core/signing/certificates.ts); this names where that anchor came from, so the
 * app and `verify` explain the same answer the same way.
 */

export type AnchorSource =
  /** An identity of the person at the keyboard. */
  | 'yours'
  /** An identity kept on this computer for someone else. */
  | 'this-computer'
  /** A certificate the user added to the app's trust list. */
  | 'trust-list'
  /** A certificate given to `verify --trust FILE`. */
  | 'given';

/** Where each trusted certificate came from, by SHA-256 fingerprint, with its name or file. */
export type TrustAnchors = ReadonlyMap<string, { source: AnchorSource; name: string }>;

const WORDS: Readonly<Record<AnchorSource, { certificate: string; issuer: string }>> = {
  yours: { certificate: 'your own certificate', issuer: 'issued by your own certificate' },
  'this-computer': {
    certificate: 'a signing identity kept on this computer',
    issuer: 'issued by a signing identity kept on this computer',
  },
  'trust-list': { certificate: 'a certificate you added', issuer: 'issued by a CA you added' },
  given: {
    certificate: 'a certificate passed with --trust',
    issuer: 'issued by a CA passed with --trust',
  },
};

/** "your own certificate", "a certificate you added (Sam Patel)", "issued by a CA you added (Acme CA)"... */
export function trustReasonText(reason: TrustReason | null, anchors: TrustAnchors): string {
  if (reason === null) return '';
  const known = anchors.get(reason.anchor.fingerprint);
  if (known === undefined)
    return reason.via === 'certificate'
      ? `a trusted certificate (${reason.anchor.subject})`
      : `issued by a trusted CA (${reason.anchor.subject})`;
  const words = WORDS[known.source][reason.via];
  return known.source === 'yours' && reason.via === 'certificate'
    ? words
    : `${words} (${known.name})`;
}

/** What `verify` says when a signature is not trusted: how to get the app's answer. */
export const UNTRUSTED_HINT =
  "pass --trust FILE with the signer's certificate or its CA (export it from Settings → Signing identities)";
