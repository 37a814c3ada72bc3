import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BundleObjectHeader } from '../../../core/locker/bundle-object';
import {
  encodeHeader,
  keptRanges,
  objectSize,
  readHeader,
  reassemble,
} from '../../../core/locker/bundle-object';
import type { ObservedVersion } from '../../../core/locker/check';
import { checkLocker } from '../../../core/locker/check';
import {
  blobKey,
  bundleKey,
  parseLockerKey,
  POLICY_KEY,
  scopeSegment,
} from '../../../core/locker/layout';
import { retentionProblem } from '../../../core/locker/policy';
import { sha256Hex } from '../../../core/util/hash';

const DAY = 86_400_000;

async function* chunks(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function collect(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of stream) parts.push(part);
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

describe('the locker layout', () => {
  it('names blobs by their hash and bundles by kind, scope, time and id; reads them back', () => {
    const sha = sha256Hex('evidence');
    expect(blobKey(sha)).toBe(`blobs/sha256/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`);
    expect(parseLockerKey(blobKey(sha))).toEqual({ type: 'blob', sha256: sha });
    const key = bundleKey({
      kind: 'evidence',
      scope: 'acme/payments',
      createdAt: new Date('2026-11-27T10:05:00.123Z'),
      id: 'b1-0123456789abcdef',
      extension: '.dlevidence',
    });
    expect(key).toMatch(
      /^bundles\/evidence\/acme_payments-[0-9a-f]{8}\/20261127T100500Z-b1-0123456789abcdef\.dlevidence$/,
    );
    expect(parseLockerKey(key)).toMatchObject({
      type: 'bundle',
      kind: 'evidence',
      createdAt: new Date('2026-11-27T10:05:00Z'),
      id: 'b1-0123456789abcdef',
      extension: '.dlevidence',
    });
    expect(parseLockerKey(POLICY_KEY)).toEqual({ type: 'policy' });
  });

  it('keeps safe scopes as they are and never lets two unsafe ones share a folder', () => {
    expect(scopeSegment('2f0c0000-0000-4000-8000-000000000001')).toBe(
      '2f0c0000-0000-4000-8000-000000000001',
    );
    expect(scopeSegment('acme/pay')).not.toBe(scopeSegment('acme:pay'));
    for (const hostile of ['..', '.', '../../etc', 'a\nb', ''])
      expect(scopeSegment(hostile)).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(scopeSegment('..')).not.toBe('..');
  });

  it('a blob key whose folders disagree with its hash, or any other key, is not the layout', () => {
    const sha = sha256Hex('x');
    expect(parseLockerKey(`blobs/sha256/00/00/${sha}`)).toBeNull();
    expect(parseLockerKey('bundles/audit/x/2026-11-27-id.dlbundle')).toBeNull();
    expect(parseLockerKey('notes.txt')).toBeNull();
    expect(() => blobKey('not a hash')).toThrow();
  });
});

describe('a bundle without its blobs', () => {
  it('goes back together byte for byte, whatever the blobs and the chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 0, maxLength: 3000 }),
        fc.array(fc.tuple(fc.nat(3000), fc.nat(400)), { maxLength: 6 }),
        fc.integer({ min: 1, max: 700 }),
        async (file, cuts, chunk) => {
          let at = 0;
          const blobs: BundleObjectHeader['blobs'] = [];
          for (const [gap, size] of cuts) {
            const offset = at + (gap % 200);
            if (offset + size > file.length) break;
            blobs.push({ offset, size, sha256: sha256Hex(file.subarray(offset, offset + size)) });
            at = offset + size;
          }
          const header: BundleObjectHeader = {
            format: 'demo-ledger-locker-bundle',
            version: 1,
            name: 'f.dlbundle',
            size: file.length,
            sha256: sha256Hex(file),
            kind: 'audit',
            blobs,
          };
          const kept = keptRanges(header).map((range) =>
            file.subarray(range.offset, range.offset + range.size),
          );
          const stored = await collect(
            (async function* () {
              yield encodeHeader(header);
              yield* kept;
            })(),
          );
          expect(stored.length).toBe(objectSize(header));
          const byHash = new Map(
            blobs.map((blob) => [blob.sha256, file.subarray(blob.offset, blob.offset + blob.size)]),
          );
          const { header: read, rest } = await readHeader(chunks(stored, chunk));
          expect(read).toEqual(header);
          const again = await collect(
            reassemble(read, rest, (sha) => chunks(byHash.get(sha) ?? new Uint8Array(), chunk)),
          );
          expect(sha256Hex(again)).toBe(header.sha256);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses what is not a bundle object, and content of the wrong length', async () => {
    await expect(
      readHeader(chunks(new TextEncoder().encode('{"format":"other"}\nrest'), 4)),
    ).rejects.toThrow('not a locker bundle header');
    await expect(readHeader(chunks(new TextEncoder().encode('no newline'), 4))).rejects.toThrow(
      'ends before',
    );
    const bytes = new TextEncoder().encode('0123456789');
    const header: BundleObjectHeader = {
      format: 'demo-ledger-locker-bundle',
      version: 1,
      name: 'f',
      size: 10,
      sha256: sha256Hex(bytes),
      kind: 'audit',
      blobs: [{ offset: 2, size: 3, sha256: sha256Hex('234') }],
    };
    const kept = new TextEncoder().encode('0156789');
    await expect(
      collect(reassemble(header, chunks(kept, 3), () => chunks(new TextEncoder().encode('23'), 1))),
    ).rejects.toThrow('shorter');
    await expect(
      collect(
        reassemble(header, chunks(kept.subarray(0, 5), 3), () =>
          chunks(new TextEncoder().encode('234'), 1),
        ),
      ),
    ).rejects.toThrow('shorter than its header');
    expect(() =>
      encodeHeader({ ...header, blobs: [{ offset: 8, size: 5, sha256: sha256Hex('x') }] }),
    ).toThrow('ends after the file');
  });
});

describe('the rules locker verify holds every version to', () => {
  const policy = { objectLock: true, mode: 'COMPLIANCE' as const, retentionDays: 365 };
  const written = new Date('2026-11-27T10:00:00Z');
  const kept = { mode: 'COMPLIANCE', retainUntil: new Date(written.getTime() + 366 * DAY) };
  const blob = sha256Hex('a file');
  const version = (overrides: Partial<ObservedVersion>): ObservedVersion => ({
    key: blobKey(blob),
    versionId: 'v1',
    lastModified: written,
    size: 6,
    deleteMarker: false,
    retention: kept,
    content: { ok: true, kind: 'blob' },
    ...overrides,
  });

  it('retention: the policy mode, at least the policy days after writing', () => {
    expect(retentionProblem(policy, written, kept)).toBeNull();
    expect(retentionProblem(policy, written, null)).toBe('no Object Lock retention');
    expect(retentionProblem(policy, written, { ...kept, mode: 'GOVERNANCE' })).toContain(
      'retention mode GOVERNANCE',
    );
    expect(
      retentionProblem(policy, written, {
        mode: 'COMPLIANCE',
        retainUntil: new Date(written.getTime() + 30 * DAY),
      }),
    ).toContain('the policy requires 365 days');
  });

  it('an intact locker has no problems; every kind of damage is named once', () => {
    const bundle = bundleKey({
      kind: 'audit',
      scope: 'w',
      createdAt: written,
      id: 'b',
      extension: '.dlbundle',
    });
    const missing = sha256Hex('missing');
    expect(
      checkLocker(policy, [
        version({}),
        version({ key: bundle, content: { ok: true, kind: 'bundle', blobs: [blob] } }),
      ]),
    ).toMatchObject({ ok: true, objects: 2, blobs: 1, bundles: 1, problems: [] });

    const check = checkLocker(policy, [
      version({}),
      version({ versionId: 'v2', lastModified: new Date(written.getTime() + 1000), content: null }),
      version({
        key: blobKey(sha256Hex('hidden')),
        versionId: 'm',
        deleteMarker: true,
        retention: null,
        lastModified: new Date(written.getTime() + 5000),
        content: null,
      }),
      version({ key: blobKey(sha256Hex('hidden')), content: { ok: true, kind: 'blob' } }),
      version({ key: bundle, content: { ok: true, kind: 'bundle', blobs: [blob, missing] } }),
      version({
        key: blobKey(sha256Hex('bad')),
        content: { ok: false, problem: 'the content does not hash to the name it is stored under' },
      }),
      version({ key: 'stray.txt', content: null }),
    ]);
    expect(check.ok).toBe(false);
    expect(check.problems.map((problem) => `${problem.key}|${problem.problem}`).sort()).toEqual(
      [
        `${blobKey(blob)}|a newer version was written over the first (written 2026-11-27T10:00:00.000Z)`,
        `${blobKey(sha256Hex('hidden'))}|a delete marker hides this object`,
        `${bundle}|blob ${missing} that it holds is missing or damaged`,
        `${blobKey(sha256Hex('bad'))}|the content does not hash to the name it is stored under`,
        'stray.txt|a key this locker never writes',
      ].sort(),
    );
  });

  it('a locker without Object Lock is not held to retention', () => {
    expect(checkLocker({ ...policy, objectLock: false }, [version({ retention: null })]).ok).toBe(
      true,
    );
  });
});
