import * as pkijs from 'pkijs';
import { formatName } from './certificates';
import { pemBlocks, sha256, toArrayBuffer, toHex } from './der';

/** Certificate revocation lists (RFC 5280 CRLs) as files: reading and describing them. */

export interface RevocationListSummary {
  issuer: string;
  thisUpdate: string;
  nextUpdate: string | null;
  revoked: number;
  /** SHA-256 of the DER list, hex. */
  fingerprint: string;
}

/** The lists in a file: PEM (`-----BEGIN X509 CRL-----`, one or more) or a single DER. */
export function revocationListsFromFile(bytes: Uint8Array): Uint8Array[] {
  const text = new TextDecoder('latin1').decode(bytes.slice(0, Math.min(bytes.length, 1 << 20)));
  const lists = text.includes('-----BEGIN X509 CRL-----')
    ? pemBlocks(text, 'X509 CRL')
    : bytes[0] === 0x30
      ? [bytes]
      : [];
  if (lists.length === 0)
    throw new Error('not a revocation list: expected PEM (-----BEGIN X509 CRL-----) or DER');
  for (const der of lists) parseRevocationList(der);
  return lists;
}

export function parseRevocationList(der: Uint8Array): pkijs.CertificateRevocationList {
  try {
    return pkijs.CertificateRevocationList.fromBER(toArrayBuffer(der));
  } catch {
    throw new Error('not a valid certificate revocation list');
  }
}

export async function summariseRevocationList(der: Uint8Array): Promise<RevocationListSummary> {
  const crl = parseRevocationList(der);
  return {
    issuer: formatName(crl.issuer),
    thisUpdate: crl.thisUpdate.value.toISOString(),
    nextUpdate: crl.nextUpdate?.value.toISOString() ?? null,
    revoked: crl.revokedCertificates?.length ?? 0,
    fingerprint: toHex(await sha256(der)),
  };
}
