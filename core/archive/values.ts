import type { CanonicalValue } from '../audit/canonical';
import { sha256Hex, SHA256_HEX } from '../util/hash';

/**
 * Stored records as JSON lines. IndexedDB holds more than JSON can say (dates, bytes, Blobs,
 * undefined, NaN, Maps ...), so such values become tagged objects `{"$": "<tag>", ...}`; a real
 * object that has a `$` key is escaped as `{"$": "object", "value": {...}}`, which keeps the
 * encoding unambiguous. Blob contents never go into the JSON: they are separate archive entries,
 * referenced by path, size, type and SHA-256.
 */
export type Encoded = null | boolean | number | string | Encoded[] | { [key: string]: Encoded };

export interface BlobRef {
  path: string;
  size: number;
  type: string;
  sha256: string;
  /** Present when the stored value was a File. */
  file?: { name: string; lastModified: number };
}

const MAX_DEPTH = 64;

export class ValueEncodingError extends Error {
  override readonly name = 'ValueEncodingError';
}

function fail(path: string, message: string): never {
  throw new ValueEncodingError(path === '' ? message : `${path}: ${message}`);
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Every Blob inside `value`, in the order `encodeValue` meets them. */
export function collectBlobs(value: unknown, found: Blob[] = [], depth = 0): Blob[] {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return found;
  if (value instanceof Blob) {
    if (!found.includes(value)) found.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value as unknown[]) collectBlobs(item, found, depth + 1);
  } else if (value instanceof Map) {
    for (const [key, item] of value) {
      collectBlobs(key, found, depth + 1);
      collectBlobs(item, found, depth + 1);
    }
  } else if (value instanceof Set) {
    for (const item of value) collectBlobs(item, found, depth + 1);
  } else if (isPlainObject(value)) {
    for (const item of Object.values(value)) collectBlobs(item, found, depth + 1);
  }
  return found;
}

/** Encodes a stored value; `refOf` gives the archive reference of each Blob already written. */
export function encodeValue(
  value: unknown,
  refOf: (blob: Blob) => BlobRef,
  path = '',
  depth = 0,
): Encoded {
  if (depth > MAX_DEPTH) fail(path, 'value is nested too deeply to back up');
  switch (typeof value) {
    case 'undefined':
      return { $: 'undefined' };
    case 'boolean':
    case 'string':
      return value;
    case 'number':
      if (Object.is(value, -0)) return { $: 'number', value: '-0' };
      return Number.isFinite(value) ? value : { $: 'number', value: String(value) };
    case 'bigint':
      return { $: 'bigint', value: value.toString() };
    case 'object':
      if (value === null) return null;
      return encodeObject(value, refOf, path, depth);
    default:
      return fail(path, `cannot back up a value of type ${typeof value}`);
  }
}

function encodeObject(
  value: object,
  refOf: (blob: Blob) => BlobRef,
  path: string,
  depth: number,
): Encoded {
  const inner = (item: unknown, at: string): Encoded => encodeValue(item, refOf, at, depth + 1);
  if (Array.isArray(value)) {
    return Array.from(value as unknown[], (item, index) => inner(item, `${path}[${index}]`));
  }
  if (value instanceof Date) {
    const time = value.getTime();
    return { $: 'date', value: Number.isNaN(time) ? null : time };
  }
  if (value instanceof Uint8Array) return { $: 'bytes', base64: toBase64(value) };
  if (value instanceof ArrayBuffer)
    return { $: 'arraybuffer', base64: toBase64(new Uint8Array(value)) };
  if (value instanceof Blob) {
    const ref = refOf(value);
    const { file, ...rest } = ref;
    return file ? { $: 'file', ...rest, ...file } : { $: 'blob', ...rest };
  }
  if (value instanceof Map) {
    return {
      $: 'map',
      entries: Array.from(value, ([key, item], index) => [
        inner(key, `${path}<key ${index}>`),
        inner(item, `${path}<value ${index}>`),
      ]),
    };
  }
  if (value instanceof Set) {
    return {
      $: 'set',
      values: Array.from(value, (item, index) => inner(item, `${path}{${index}}`)),
    };
  }
  if (!isPlainObject(value)) {
    return fail(path, `cannot back up a ${value.constructor?.name ?? 'non-plain'} object`);
  }
  const out: { [key: string]: Encoded } = {};
  for (const [key, item] of Object.entries(value))
    out[key] = inner(item, path ? `${path}.${key}` : key);
  return '$' in out ? { $: 'object', value: out } : out;
}

/** Turns an encoded value back into what was stored; `blobOf` supplies each Blob's content. */
export function decodeValue(
  encoded: Encoded,
  blobOf: (ref: BlobRef) => Blob,
  path = '',
  depth = 0,
): unknown {
  if (depth > MAX_DEPTH) fail(path, 'value is nested too deeply');
  if (encoded === null || typeof encoded !== 'object') return encoded;
  const inner = (item: Encoded, at: string): unknown => decodeValue(item, blobOf, at, depth + 1);
  if (Array.isArray(encoded)) return encoded.map((item, index) => inner(item, `${path}[${index}]`));
  if (!('$' in encoded)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(encoded))
      out[key] = inner(item, path ? `${path}.${key}` : key);
    return out;
  }
  const tag = encoded['$'];
  switch (tag) {
    case 'object': {
      const body = objectField(encoded, 'value', path);
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(body))
        out[key] = inner(item, path ? `${path}.${key}` : key);
      return out;
    }
    case 'undefined':
      return undefined;
    case 'number': {
      const text = stringField(encoded, 'value', path);
      const special: Record<string, number> = {
        NaN: NaN,
        Infinity: Infinity,
        '-Infinity': -Infinity,
        '-0': -0,
      };
      if (!(text in special)) fail(path, `unknown number "${text}"`);
      return special[text];
    }
    case 'bigint': {
      const text = stringField(encoded, 'value', path);
      if (!/^-?\d{1,4000}$/.test(text)) fail(path, 'invalid bigint');
      return BigInt(text);
    }
    case 'date': {
      const time = encoded['value'];
      if (time !== null && (typeof time !== 'number' || !Number.isFinite(time)))
        fail(path, 'invalid date');
      return new Date(time === null ? NaN : time);
    }
    case 'bytes':
      return fromBase64(stringField(encoded, 'base64', path), path);
    case 'arraybuffer':
      return fromBase64(stringField(encoded, 'base64', path), path).buffer;
    case 'blob':
    case 'file':
      return blobOf(blobRefOf(encoded, path));
    case 'map': {
      const entries = arrayField(encoded, 'entries', path);
      return new Map(
        entries.map((pair, index) => {
          if (!Array.isArray(pair) || pair.length !== 2)
            fail(path, `map entry ${index} is not a pair`);
          return [
            inner(pair[0] as Encoded, `${path}<key ${index}>`),
            inner(pair[1] as Encoded, `${path}<value ${index}>`),
          ];
        }),
      );
    }
    case 'set':
      return new Set(
        arrayField(encoded, 'values', path).map((item, index) => inner(item, `${path}{${index}}`)),
      );
    default:
      return fail(path, `unknown value tag ${JSON.stringify(tag)}`);
  }
}

/** The Blob reference an encoded blob or file value carries, checked. */
export function blobRefOf(encoded: { [key: string]: Encoded }, path: string): BlobRef {
  const size = encoded['size'];
  const sha256 = stringField(encoded, 'sha256', path);
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
    fail(path, 'invalid blob size');
  if (!SHA256_HEX.test(sha256)) fail(path, 'invalid blob SHA-256');
  const ref: BlobRef = {
    path: stringField(encoded, 'path', path),
    size,
    type: stringField(encoded, 'type', path),
    sha256,
  };
  if (encoded['$'] === 'file') {
    const lastModified = encoded['lastModified'];
    if (typeof lastModified !== 'number' || !Number.isFinite(lastModified))
      fail(path, 'invalid file time');
    ref.file = { name: stringField(encoded, 'name', path), lastModified };
  }
  return ref;
}

/** Every Blob reference inside an encoded value (to check it against the archive). */
export function blobRefsIn(encoded: Encoded, found: BlobRef[] = [], depth = 0): BlobRef[] {
  if (depth > MAX_DEPTH || encoded === null || typeof encoded !== 'object') return found;
  if (Array.isArray(encoded)) {
    for (const item of encoded) blobRefsIn(item, found, depth + 1);
    return found;
  }
  const tag = encoded['$'];
  if (tag === 'blob' || tag === 'file') {
    found.push(blobRefOf(encoded, ''));
    return found;
  }
  for (const [key, item] of Object.entries(encoded)) {
    if (key !== '$') blobRefsIn(item, found, depth + 1);
  }
  return found;
}

/**
 * The canonical form (core/audit/canonical.ts) of the value an encoding stands for, computed
 * without materialising it: no Blob needs to exist, so archives verify anywhere, even in Node.
 * Must agree with `toCanonicalValue(decodeValue(encoded))`; the tests hold the two together.
 */
export function canonicalOfEncoded(encoded: Encoded, path = '', depth = 0): CanonicalValue {
  if (depth > MAX_DEPTH) fail(path, 'value is nested too deeply to be recorded');
  if (encoded === null || typeof encoded !== 'object') return encoded;
  const inner = (item: Encoded, at: string): CanonicalValue =>
    canonicalOfEncoded(item, at, depth + 1);
  if (Array.isArray(encoded)) {
    return encoded.map((item, index) =>
      isUndefinedTag(item) ? null : inner(item, `${path}[${index}]`),
    );
  }
  const tag = encoded['$'];
  if (tag === undefined || tag === 'object') {
    const body = tag === undefined ? encoded : objectField(encoded, 'value', path);
    const out: { [key: string]: CanonicalValue } = {};
    for (const [key, item] of Object.entries(body)) {
      if (!isUndefinedTag(item)) out[key] = inner(item, path ? `${path}.${key}` : key);
    }
    return out;
  }
  switch (tag) {
    case 'number': {
      if (stringField(encoded, 'value', path) === '-0') return -0;
      return fail(path, `cannot record the number ${stringField(encoded, 'value', path)}`);
    }
    case 'date': {
      const time = encoded['value'];
      if (typeof time !== 'number') return fail(path, 'cannot record an invalid date');
      return new Date(time).toISOString();
    }
    case 'bytes': {
      const bytes = fromBase64(stringField(encoded, 'base64', path), path);
      return { $bytes: sha256Hex(bytes), size: bytes.byteLength };
    }
    case 'blob':
    case 'file': {
      const ref = blobRefOf(encoded, path);
      return { $blob: { size: ref.size, type: ref.type } };
    }
    case 'arraybuffer':
      return fail(path, 'binary values must be stored as Uint8Array');
    case 'undefined':
      return fail(path, 'cannot record a value of type undefined');
    case 'bigint':
      return fail(path, 'cannot record a value of type bigint');
    default:
      return fail(path, 'only plain objects can be recorded');
  }
}

function isUndefinedTag(item: Encoded): boolean {
  return (
    typeof item === 'object' && item !== null && !Array.isArray(item) && item['$'] === 'undefined'
  );
}

/** The primary key stored at `keyPath` inside an encoded value (keys hold no Blobs). */
export function keyOfEncoded(encoded: Encoded, keyPath: string | readonly string[]): unknown {
  if (typeof keyPath !== 'string') return keyPath.map((part) => keyOfEncoded(encoded, part));
  let node: Encoded | undefined = encoded;
  for (const step of keyPath.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    const body: { [key: string]: Encoded } =
      node['$'] === 'object' ? objectField(node, 'value', keyPath) : node;
    if ('$' in body && node['$'] !== 'object') return undefined;
    node = body[step];
  }
  return node === undefined
    ? undefined
    : decodeValue(node, () => fail(keyPath, 'a key cannot be a Blob'));
}

function stringField(encoded: { [key: string]: Encoded }, field: string, path: string): string {
  const value = encoded[field];
  if (typeof value !== 'string') fail(path, `expected a string "${field}"`);
  return value;
}

function objectField(
  encoded: { [key: string]: Encoded },
  field: string,
  path: string,
): { [key: string]: Encoded } {
  const value = encoded[field];
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    fail(path, `expected an object "${field}"`);
  return value;
}

function arrayField(encoded: { [key: string]: Encoded }, field: string, path: string): Encoded[] {
  const value = encoded[field];
  if (!Array.isArray(value)) fail(path, `expected a list "${field}"`);
  return value;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let offset = 0; offset < bytes.length; offset += step) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + step));
  }
  return btoa(binary);
}

export function fromBase64(text: string, path = ''): Uint8Array {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return fail(path, 'invalid base64');
  }
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
