import { describe, expect, it } from 'vitest';
import { toCanonicalValue } from '../../../core/audit/canonical';
import type { BlobRef } from '../../../core/archive/values';
import {
  canonicalOfEncoded,
  collectBlobs,
  decodeValue,
  encodeValue,
  keyOfEncoded,
} from '../../../core/archive/values';

const blob = new Blob([new Uint8Array([1, 2, 3])], { type: 'application/xml' });
const file = new File(['<a/>'], 'scan.xml', { type: 'text/xml', lastModified: 1_700_000_000_000 });
const refs = new Map<Blob, BlobRef>([
  [blob, { path: 'blobs/000001', size: 3, type: 'application/xml', sha256: 'a'.repeat(64) }],
  [
    file,
    {
      path: 'blobs/000002',
      size: 4,
      type: 'text/xml',
      sha256: 'b'.repeat(64),
      file: { name: 'scan.xml', lastModified: 1_700_000_000_000 },
    },
  ],
]);
const refOf = (value: Blob): BlobRef => {
  const ref = refs.get(value);
  if (!ref) throw new Error('unknown blob');
  return ref;
};
const blobOf = (ref: BlobRef): Blob =>
  ref.file
    ? new File([ref.path === 'blobs/000002' ? '<a/>' : ''], ref.file.name, {
        type: ref.type,
        lastModified: ref.file.lastModified,
      })
    : new Blob([new Uint8Array([1, 2, 3])], { type: ref.type });

/** Round-trips through JSON text, as the archive does. */
function roundTrip(value: unknown): unknown {
  const encoded = JSON.parse(JSON.stringify(encodeValue(value, refOf))) as never;
  return decodeValue(encoded, blobOf);
}

describe('stored values as JSON lines', () => {
  it('keep every kind of value IndexedDB stores', () => {
    const value = {
      text: 'naïve — ✓',
      count: 3,
      negativeZero: -0,
      notANumber: NaN,
      infinite: -Infinity,
      big: 12345678901234567890n,
      nothing: null,
      missing: undefined,
      when: new Date('2026-11-26T12:00:00.000Z'),
      invalidDate: new Date(NaN),
      bytes: new Uint8Array([0, 255, 128]),
      buffer: new Uint8Array([9, 8]).buffer,
      list: [1, undefined, 'x'],
      map: new Map<unknown, unknown>([['k', { deep: true }]]),
      set: new Set([1, 2]),
      nested: { $: 'looks like a tag', $blob: 'also' },
      blob,
    };
    const back = roundTrip(value) as typeof value;
    expect(back.text).toBe(value.text);
    expect(Object.is(back.negativeZero, -0)).toBe(true);
    expect(back.notANumber).toBeNaN();
    expect(back.infinite).toBe(-Infinity);
    expect(back.big).toBe(value.big);
    expect('missing' in back && back.missing === undefined).toBe(true);
    expect(back.when).toEqual(value.when);
    expect(back.invalidDate.getTime()).toBeNaN();
    expect(back.bytes).toEqual(value.bytes);
    expect(new Uint8Array(back.buffer)).toEqual(new Uint8Array([9, 8]));
    expect(back.list).toEqual([1, undefined, 'x']);
    expect(back.map).toEqual(value.map);
    expect(back.set).toEqual(value.set);
    expect(back.nested).toEqual(value.nested);
    expect(back.blob).toBeInstanceOf(Blob);
    expect(back.blob.type).toBe('application/xml');
  });

  it('keep Files as Files, with name and time', () => {
    const back = roundTrip({ file }) as { file: File };
    expect(back.file).toBeInstanceOf(File);
    expect(back.file.name).toBe('scan.xml');
    expect(back.file.lastModified).toBe(1_700_000_000_000);
  });

  it('refuse values that cannot be restored faithfully, naming where they are', () => {
    expect(() => encodeValue({ a: { b: new Int16Array(2) } }, refOf)).toThrow(
      'a.b: cannot back up a Int16Array object',
    );
    expect(() => encodeValue({ f: () => 1 }, refOf)).toThrow(
      'f: cannot back up a value of type function',
    );
  });

  it('give the same canonical form as the stored value, so the chain can be checked without it', () => {
    const samples: unknown[] = [
      { id: 'w1', name: 'Workspace', tags: ['a', undefined, 'b'], skipped: undefined },
      { when: new Date('2026-11-26T12:00:00.000Z'), bytes: new Uint8Array([1, 2, 3]), blob, file },
      { nested: { $: 'tag-like', deeper: [{ $: 'x' }] }, negativeZero: -0, empty: {} },
    ];
    for (const sample of samples) {
      const encoded = JSON.parse(JSON.stringify(encodeValue(sample, refOf))) as never;
      expect(canonicalOfEncoded(encoded)).toEqual(toCanonicalValue(sample));
    }
    for (const refused of [{ n: NaN }, { m: new Map() }, { d: new Date(NaN) }, 5n]) {
      const encoded = JSON.parse(JSON.stringify(encodeValue(refused, refOf))) as never;
      expect(() => toCanonicalValue(refused)).toThrow();
      expect(() => canonicalOfEncoded(encoded)).toThrow();
    }
  });

  it('find primary keys inside encoded values, and every Blob', () => {
    const value = { id: 'k1', when: new Date(0), inner: { $: 'x', part: 7 }, blob, again: [blob] };
    const encoded = encodeValue(value, refOf);
    expect(keyOfEncoded(encoded, 'id')).toBe('k1');
    expect(keyOfEncoded(encoded, ['id', 'when'])).toEqual(['k1', new Date(0)]);
    expect(keyOfEncoded(encoded, 'inner.part')).toBe(7);
    expect(keyOfEncoded(encoded, 'absent')).toBeUndefined();
    expect(collectBlobs(value)).toEqual([blob]);
  });

  it('reject malformed tags in hostile input', () => {
    for (const bad of [
      { $: 'nope' },
      { $: 'date', value: 'x' },
      { $: 'bytes', base64: '!!' },
      { $: 'blob', path: 'p' },
    ]) {
      expect(() => decodeValue(bad as never, blobOf)).toThrow();
    }
  });
});
