import * as pkijs from 'pkijs';
import { equalBytes, sha256, toArrayBuffer, toHex } from './der';
import { OID } from './oids';

/** Reading certificates: names, fingerprints, and whether a chain leads to a trusted one. */

export interface CertificateSummary {
  subject: string;
  commonName: string;
  organisation: string;
  email: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the DER certificate, hex. */
  fingerprint: string;
  selfSigned: boolean;
}

const NAME_LABELS: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '1.2.840.113549.1.9.1': 'E',
};

function stringValue(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function nameParts(name: pkijs.RelativeDistinguishedNames): { type: string; value: string }[] {
  return name.typesAndValues.map((item) => ({
    type: item.type,
    value: stringValue((item.value.valueBlock as { value?: unknown }).value),
  }));
}

export function formatName(name: pkijs.RelativeDistinguishedNames): string {
  return nameParts(name)
    .map((part) => `${NAME_LABELS[part.type] ?? part.type}=${part.value}`)
    .join(', ');
}

function firstOf(name: pkijs.RelativeDistinguishedNames, type: string): string {
  return nameParts(name).find((part) => part.type === type)?.value ?? '';
}

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  try {
    return pkijs.Certificate.fromBER(toArrayBuffer(der));
  } catch {
    throw new Error('not a valid X.509 certificate');
  }
}

export function certificateDer(certificate: pkijs.Certificate): Uint8Array {
  return new Uint8Array(certificate.toSchema().toBER(false));
}

export async function summariseCertificate(
  certificate: pkijs.Certificate,
): Promise<CertificateSummary> {
  const der = certificateDer(certificate);
  return {
    subject: formatName(certificate.subject),
    commonName: firstOf(certificate.subject, OID.commonName),
    organisation: firstOf(certificate.subject, OID.organisation),
    email: firstOf(certificate.subject, OID.email),
    issuer: formatName(certificate.issuer),
    serialNumber: toHex(new Uint8Array(certificate.serialNumber.valueBlock.valueHexView)),
    notBefore: certificate.notBefore.value.toISOString(),
    notAfter: certificate.notAfter.value.toISOString(),
    fingerprint: toHex(await sha256(der)),
    selfSigned: formatName(certificate.subject) === formatName(certificate.issuer),
  };
}

/**
 * Why a certificate is trusted: the trusted certificate the path ends at (the anchor), and
 * whether that is the signer's own certificate or an issuer (a CA) above it. Where the anchor
 * came from (your identity, your trust list, `--trust`) is for the caller to say
 * (core/trust/explain.ts): the verifier only knows the certificates it was given.
 */
export interface TrustReason {
  via: 'certificate' | 'issuer';
  anchor: { fingerprint: string; subject: string };
}

export interface TrustVerdict {
  trusted: boolean;
  /** Why not, in a sentence; empty when trusted. */
  problem: string;
  /** Subjects from the signer up to the trust anchor, when trusted. */
  path: string[];
  /** Why it is trusted; null when it is not. */
  reason: TrustReason | null;
}

/** A trust verdict that trusts nothing, for why. */
export function untrusted(problem: string): TrustVerdict {
  return { trusted: false, problem, path: [], reason: null };
}

async function anchorOf(certificate: pkijs.Certificate): Promise<TrustReason['anchor']> {
  return {
    fingerprint: toHex(await sha256(certificateDer(certificate))),
    subject: formatName(certificate.subject),
  };
}

/**
 * Does `certificate` lead, through `intermediates`, to one of `trusted` at `when`? A trusted
 * certificate that is the signer's own (a colleague's self-signed identity) counts directly.
 */
export async function checkTrust(
  certificate: pkijs.Certificate,
  intermediates: readonly pkijs.Certificate[],
  trusted: readonly pkijs.Certificate[],
  when: Date,
): Promise<TrustVerdict> {
  if (trusted.length === 0) return untrusted('no trusted certificates are configured');
  const der = certificateDer(certificate);
  if (trusted.some((anchor) => equalBytes(certificateDer(anchor), der))) {
    const inPeriod = certificate.notBefore.value <= when && when <= certificate.notAfter.value;
    return inPeriod
      ? {
          trusted: true,
          problem: '',
          path: [formatName(certificate.subject)],
          reason: { via: 'certificate', anchor: await anchorOf(certificate) },
        }
      : untrusted('the certificate was not valid at the signing time');
  }
  try {
    const engine = new pkijs.CertificateChainValidationEngine({
      trustedCerts: [...trusted],
      certs: [certificate, ...intermediates.filter((item) => item !== certificate)],
      checkDate: when,
    });
    const result = await engine.verify();
    const path = result.certificatePath ?? [];
    const anchor = path.at(-1);
    if (result.result && anchor !== undefined) {
      return {
        trusted: true,
        problem: '',
        path: path.map((item) => formatName(item.subject)),
        reason: {
          via: equalBytes(certificateDer(anchor), der) ? 'certificate' : 'issuer',
          anchor: await anchorOf(anchor),
        },
      };
    }
    return untrusted(result.resultMessage || 'no path to a trusted certificate');
  } catch (error) {
    return untrusted(error instanceof Error ? error.message : 'chain validation failed');
  }
}
