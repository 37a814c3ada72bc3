import * as asn1js from 'asn1js';
/** Small byte helpers shared by the signing code (no Node Buffer: core runs in browsers too). */
import { fromBase64, toBase64 } from '../util/bytes';

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || /[^0-9a-fA-F]/.test(hex)) throw new Error('not a hex string');
  const out = new Uint8Array(hex.length / 2);
  for (let index = 0; index < out.length; index += 1) {
    out[index] = Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  }
  return out;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const total = parts.reduce((sum, part) => sum + part.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/** A fresh ArrayBuffer holding exactly these bytes (pkijs and WebCrypto want ArrayBuffers). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

export async function sha256(data: Uint8Array | readonly Uint8Array[]): Promise<Uint8Array> {
  const input = data instanceof Uint8Array ? data : concatBytes(data);
  return new Uint8Array(await crypto.subtle.digest('SHA-256', input as Uint8Array<ArrayBuffer>));
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  let difference = 0;
  for (let index = 0; index < a.byteLength; index += 1)
    difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  return difference === 0;
}

function derInteger(unsigned: Uint8Array): Uint8Array {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) start += 1;
  const body = unsigned.slice(start);
  const padded = (body[0] ?? 0) & 0x80 ? concatBytes([new Uint8Array([0]), body]) : body;
  return concatBytes([new Uint8Array([0x02, ...derLength(padded.length)]), padded]);
}

function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return [0x80 | bytes.length, ...bytes];
}

/** WebCrypto's ECDSA signature (r‖s) → the DER `ECDSA-Sig-Value` CMS carries. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  if (raw.length % 2 !== 0) throw new Error('an ECDSA signature has an even number of bytes');
  const half = raw.length / 2;
  const body = concatBytes([derInteger(raw.slice(0, half)), derInteger(raw.slice(half))]);
  return concatBytes([new Uint8Array([0x30, ...derLength(body.length)]), body]);
}

/** PEM ↔ DER for certificates. */
export function derToPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const base64 = toBase64(der).replace(/.{64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${base64.trimEnd()}\n-----END ${label}-----\n`;
}

/**
 * The blocks `-----BEGIN label-----` … `-----END label-----` of a PEM text, decoded, in order.
 * Found with indexOf: a file of a million unmatched BEGIN lines costs one pass (a lazy regex
 * searched the rest of the text for an END from each of them).
 */
export function pemBlocks(text: string, label = 'CERTIFICATE'): Uint8Array[] {
  const begin = `-----BEGIN ${label}-----`;
  const end = `-----END ${label}-----`;
  const blocks: Uint8Array[] = [];
  for (let start = text.indexOf(begin); start !== -1;) {
    const close = text.indexOf(end, start + begin.length);
    // No later BEGIN can be closed either.
    if (close === -1) break;
    blocks.push(fromBase64(text.slice(start + begin.length, close)));
    start = text.indexOf(begin, close + end.length);
  }
  return blocks;
}

/** A certificate file's contents as DER certificates: PEM (one or more) or a single DER. */
export function certificatesFromFile(bytes: Uint8Array): Uint8Array[] {
  const text = new TextDecoder('latin1').decode(bytes.slice(0, Math.min(bytes.length, 1 << 20)));
  if (text.includes('-----BEGIN CERTIFICATE-----')) return pemBlocks(text);
  if (bytes[0] === 0x30) return [bytes];
  throw new Error('not a certificate: expected PEM (-----BEGIN CERTIFICATE-----) or DER');
}

/**
 * One DER value read from untrusted bytes, or null when they are not exactly one readable value.
 * asn1js throws on some damaged values (a time string with a non-digit) instead of reporting an
 * error, so every such read goes through here.
 */
export function readOneDer(bytes: Uint8Array): asn1js.AsnType | null {
  try {
    const parsed = asn1js.fromBER(toArrayBuffer(bytes));
    return parsed.offset === bytes.length && parsed.result.error === '' ? parsed.result : null;
  } catch {
    return null;
  }
}
