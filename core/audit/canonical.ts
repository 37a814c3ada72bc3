import { sha256Hex } from '../util/hash';

/** A value after canonicalisation: JSON-compatible, with binary content replaced by digests. */
export type CanonicalValue =
  null | boolean | number | string | CanonicalValue[] | { [key: string]: CanonicalValue };

const MAX_DEPTH = 64;

/**
 * Turns a stored record into plain JSON data. Dates become ISO strings; bytes become their
 * SHA-256 (so the log stays small yet pins the content); Blobs become their size and type
 * (their content is pinned by the SHA-256 key they are stored under). Anything else that JSON
 * cannot represent faithfully is refused rather than silently changed.
 */
export function toCanonicalValue(value: unknown, depth = 0): CanonicalValue {
  if (depth > MAX_DEPTH) throw new TypeError('value is nested too deeply to be recorded');
  if (value === null) return null;
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`cannot record the number ${value}`);
      return value;
    case 'object':
      return objectValue(value, depth);
    default:
      throw new TypeError(`cannot record a value of type ${typeof value}`);
  }
}

function objectValue(value: object, depth: number): CanonicalValue {
  if (Array.isArray(value)) {
    return value.map((item: unknown) =>
      item === undefined ? null : toCanonicalValue(item, depth + 1),
    );
  }
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return { $bytes: sha256Hex(value), size: value.byteLength };
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    throw new TypeError('binary values must be stored as Uint8Array');
  }
  if (typeof Blob !== 'undefined' && value instanceof Blob) {
    return { $blob: { size: value.size, type: value.type } };
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError('only plain objects can be recorded');
  }
  const out: { [key: string]: CanonicalValue } = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) out[key] = toCanonicalValue(item, depth + 1);
  }
  return out;
}

/**
 * Canonical JSON in the manner of RFC 8785: object keys sorted by UTF-16 code units, no
 * whitespace, numbers and strings as ECMAScript serialises them. Equal data gives equal text.
 */
export function canonicalJson(value: unknown): string {
  return serialise(toCanonicalValue(value));
}

function serialise(value: CanonicalValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(serialise).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${serialise(value[key] as CanonicalValue)}`).join(',')}}`;
}

export function canonicalHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
