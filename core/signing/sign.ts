import { buildDetachedCms } from './cms';
import { sha256, toHex } from './der';
import type { SubFilter } from './incremental';
import { addSignaturePlaceholder } from './incremental';
import type { Signer } from './signer';
import type { TimestampTransport } from './timestamp';
import { signatureTimestamper } from './timestamp';

/** Signs a PDF: PAdES-B-B by default (or B-T with a timestamp authority), as an incremental update. */

export interface SignPdfOptions {
  /** `ETSI.CAdES.detached` (PAdES, the default) or `adbe.pkcs7.detached` for older readers. */
  subFilter?: SubFilter;
  /** Bytes reserved for the signature; signing fails loudly when the CMS does not fit. */
  reserveBytes?: number;
  signingTime?: Date;
  name?: string;
  reason?: string;
  location?: string;
  contactInfo?: string;
  /** Adds an RFC 3161 signature timestamp obtained through this transport. */
  timestamp?: TimestampTransport;
}

export const DEFAULT_RESERVE_BYTES = 24_000;
export const MAX_RESERVE_BYTES = 512 * 1024;

export class SignatureSpaceError extends Error {
  override readonly name = 'SignatureSpaceError';
  constructor(
    readonly needed: number,
    readonly reserved: number,
  ) {
    super(
      `The signature needs ${needed} bytes but only ${reserved} were reserved; sign again with a larger reserve (at least ${needed + 1024}).`,
    );
  }
}

export async function signPdf(
  pdf: Uint8Array,
  signer: Signer,
  options: SignPdfOptions = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const reserveBytes = options.reserveBytes ?? DEFAULT_RESERVE_BYTES;
  if (!Number.isInteger(reserveBytes) || reserveBytes < 2048 || reserveBytes > MAX_RESERVE_BYTES) {
    throw new Error(`The signature reserve must be between 2048 and ${MAX_RESERVE_BYTES} bytes.`);
  }
  const subFilter = options.subFilter ?? 'ETSI.CAdES.detached';
  const signingTime = options.signingTime ?? new Date();
  const prepared = await addSignaturePlaceholder(pdf, {
    subFilter,
    reserveBytes,
    signingTime,
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(options.reason === undefined ? {} : { reason: options.reason }),
    ...(options.location === undefined ? {} : { location: options.location }),
    ...(options.contactInfo === undefined ? {} : { contactInfo: options.contactInfo }),
  });
  const { bytes, byteRange } = prepared;
  const digest = await sha256([
    bytes.subarray(byteRange[0], byteRange[0] + byteRange[1]),
    bytes.subarray(byteRange[2], byteRange[2] + byteRange[3]),
  ]);
  const cms = await buildDetachedCms(digest, signer, {
    cades: subFilter === 'ETSI.CAdES.detached',
    signingTime,
    ...(options.timestamp === undefined
      ? {}
      : { timestamp: signatureTimestamper(options.timestamp) }),
  });
  if (cms.length > reserveBytes) throw new SignatureSpaceError(cms.length, reserveBytes);
  const hex = toHex(cms);
  for (let index = 0; index < hex.length; index += 1) {
    bytes[prepared.contentsOffset + index] = hex.charCodeAt(index);
  }
  return bytes;
}
