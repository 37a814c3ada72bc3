import * as pkijs from 'pkijs';
import { z } from 'zod';
import { formatName } from './certificates';
import { toArrayBuffer, toHex } from './der';
import { OID } from './oids';

/**
 * Whether a signer's certificate stands: was it valid when it signed, is it still, and has its
 * issuer revoked it. Revocation is known only from a certificate revocation list (CRL) of the
 * issuer that the checker was given (Settings → Signing identities → Revocation lists, `verify --crl`); without one it
 * is reported as not checked, never as fine. The signing time is the timestamp's when a verified
 * RFC 3161 timestamp carries it, else only what the signer claims.
 */

export const CertificateStanding = z.object({
  /** The time the signature is judged at, and where it comes from. */
  signedAt: z.string().nullable(),
  timeSource: z.enum(['timestamp', 'claimed', 'unknown']),
  atSigning: z.enum(['valid', 'expired', 'not-yet-valid', 'unknown']),
  today: z.enum(['valid', 'expired', 'not-yet-valid']),
  notAfter: z.string(),
  revocation: z.object({
    status: z.enum(['not-revoked', 'revoked', 'not-checked']),
    revokedAt: z.string().nullable(),
    /** The list consulted: its issuer and date; or why none was. */
    detail: z.string(),
  }),
  /** The signature stands: valid at signing, and not revoked before it (as far as known). */
  acceptable: z.boolean(),
  /** In a sentence, for people. */
  summary: z.string(),
});
export type CertificateStanding = z.infer<typeof CertificateStanding>;

export interface StandingInput {
  signer: pkijs.Certificate;
  /** Certificates that may have issued the signer or a CRL (the signature's, trusted ones). */
  issuers: readonly pkijs.Certificate[];
  /** A verified timestamp's time, else the claimed signing time, else null. */
  signedAt: Date | null;
  timestamped: boolean;
  crls: readonly Uint8Array[];
  now: Date;
}

function period(certificate: pkijs.Certificate, at: Date): 'valid' | 'expired' | 'not-yet-valid' {
  if (at < certificate.notBefore.value) return 'not-yet-valid';
  if (at > certificate.notAfter.value) return 'expired';
  return 'valid';
}

const day = (date: Date): string => date.toISOString().slice(0, 10);

/** The CRL of the signer's issuer among `crls`, verified with that issuer's key, if any. */
async function issuerCrl(
  signer: pkijs.Certificate,
  issuers: readonly pkijs.Certificate[],
  crls: readonly Uint8Array[],
): Promise<
  { crl: pkijs.CertificateRevocationList; unverified: number } | { crl: null; unverified: number }
> {
  let unverified = 0;
  for (const der of crls) {
    let crl: pkijs.CertificateRevocationList;
    try {
      crl = pkijs.CertificateRevocationList.fromBER(toArrayBuffer(der));
    } catch {
      continue;
    }
    if (!crl.issuer.isEqual(signer.issuer)) continue;
    const issuer = issuers.find((candidate) => candidate.subject.isEqual(crl.issuer));
    const verified =
      issuer !== undefined && (await crl.verify({ issuerCertificate: issuer }).catch(() => false));
    if (verified) return { crl, unverified };
    unverified += 1;
  }
  return { crl: null, unverified };
}

function revocationOf(
  crl: pkijs.CertificateRevocationList,
  signer: pkijs.Certificate,
): Date | null {
  const serial = toHex(new Uint8Array(signer.serialNumber.valueBlock.valueHexView));
  const entry = (crl.revokedCertificates ?? []).find(
    (revoked) => toHex(new Uint8Array(revoked.userCertificate.valueBlock.valueHexView)) === serial,
  );
  return entry ? entry.revocationDate.value : null;
}

export async function certificateStanding(input: StandingInput): Promise<CertificateStanding> {
  const { signer, signedAt, now } = input;
  const timeSource = signedAt === null ? 'unknown' : input.timestamped ? 'timestamp' : 'claimed';
  const atSigning = signedAt === null ? 'unknown' : period(signer, signedAt);
  const today = period(signer, now);
  const notAfter = signer.notAfter.value;
  const selfSigned = signer.subject.isEqual(signer.issuer);
  const found = selfSigned
    ? { crl: null, unverified: 0 }
    : await issuerCrl(signer, input.issuers, input.crls);
  let revokedAt: Date | null = null;
  let detail: string;
  if (selfSigned) detail = 'a self-signed certificate has no issuer to revoke it';
  else if (found.crl === null) {
    detail =
      found.unverified > 0
        ? `no revocation list of ${formatName(signer.issuer)} could be verified with its certificate`
        : `no revocation list of ${formatName(signer.issuer)} was given`;
  } else {
    revokedAt = revocationOf(found.crl, signer);
    const next = found.crl.nextUpdate?.value;
    detail = `the revocation list of ${formatName(found.crl.issuer)} of ${day(found.crl.thisUpdate.value)}${next && next < now ? ` (out of date: the next was due ${day(next)})` : ''}`;
  }
  const status =
    found.crl === null ? 'not-checked' : revokedAt === null ? 'not-revoked' : 'revoked';
  // Revoked after a proven signing time, the signature stands; with only a claimed time, the
  // signer could have backdated it, so it does not.
  const revokedBefore =
    revokedAt !== null && !(input.timestamped && signedAt !== null && signedAt < revokedAt);
  const acceptable = atSigning === 'valid' && !revokedBefore;
  const sentences: string[] = [];
  const when =
    signedAt === null
      ? ''
      : ` (${signedAt.toISOString()}, ${timeSource === 'timestamp' ? 'from its timestamp' : 'as the signer claims'})`;
  if (atSigning === 'valid') sentences.push(`The certificate was valid when it signed${when}`);
  else if (atSigning === 'expired')
    sentences.push(`The certificate had expired (${day(notAfter)}) when it signed${when}`);
  else if (atSigning === 'not-yet-valid')
    sentences.push(`The certificate was not yet valid when it signed${when}`);
  else sentences.push('The signature does not say when it was made');
  if (today === 'expired' && atSigning === 'valid')
    sentences.push(`it has since expired (${day(notAfter)})`);
  if (revokedAt !== null)
    sentences.push(
      `it was REVOKED on ${revokedAt.toISOString()}${revokedBefore ? '' : ', after it signed'} (${detail})`,
    );
  else if (status === 'not-revoked') sentences.push(`it is not revoked in ${detail}`);
  else sentences.push(`revocation not checked: ${detail}`);
  return {
    signedAt: signedAt?.toISOString() ?? null,
    timeSource,
    atSigning,
    today,
    notAfter: notAfter.toISOString(),
    revocation: { status, revokedAt: revokedAt?.toISOString() ?? null, detail },
    acceptable,
    summary: `${sentences.join('; ')}.`,
  };
}

/** The certificates a CMS signature carries (the signer's and its chain). */
export function signatureCertificates(signature: Uint8Array): pkijs.Certificate[] {
  try {
    const info = pkijs.ContentInfo.fromBER(toArrayBuffer(signature));
    if (info.contentType !== OID.signedData) return [];
    const signed = new pkijs.SignedData({ schema: info.content });
    return (signed.certificates ?? []).filter(
      (item): item is pkijs.Certificate => item instanceof pkijs.Certificate,
    );
  } catch {
    return [];
  }
}
