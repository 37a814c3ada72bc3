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

export interface TrustVerdict {
  trusted: boolean;
  /** Why not, in a sentence; empty when trusted. */
  problem: string;
  /** Subjects from the signer up to the trust anchor, when trusted. */
  path: string[];
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
  if (trusted.length === 0)
    return { trusted: false, problem: 'no trusted certificates are configured', path: [] };
  const der = certificateDer(certificate);
  if (trusted.some((anchor) => equalBytes(certificateDer(anchor), der))) {
    const inPeriod = certificate.notBefore.value <= when && when <= certificate.notAfter.value;
    return inPeriod
      ? { trusted: true, problem: '', path: [formatName(certificate.subject)] }
      : { trusted: false, problem: 'the certificate was not valid at the signing time', path: [] };
  }
  try {
    const engine = new pkijs.CertificateChainValidationEngine({
      trustedCerts: [...trusted],
      certs: [certificate, ...intermediates.filter((item) => item !== certificate)],
      checkDate: when,
    });
    const result = await engine.verify();
    if (result.result) {
      return {
        trusted: true,
        problem: '',
        path: (result.certificatePath ?? []).map((item) => formatName(item.subject)),
      };
    }
    return {
      trusted: false,
      problem: result.resultMessage || 'no path to a trusted certificate',
      path: [],
    };
  } catch (error) {
    return {
      trusted: false,
      problem: error instanceof Error ? error.message : 'chain validation failed',
      path: [],
    };
  }
}
