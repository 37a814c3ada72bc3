import { z } from 'zod';
import { SHA256_HEX } from '../util/hash';
import { LockerBundleKind } from './layout';

/**
 * A bundle as the locker keeps it: the bundle file with the content of each blob entry left out
 * (the blobs are stored once each under `blobs/sha256/…`, shared by every bundle that holds
 * them), preceded by one line of JSON saying where the blobs go back:
 *
 *   {"format":"demo-ledger-locker-bundle","version":1,"name","size","sha256","kind",
 *    "blobs":[{"offset","size","sha256"} …]}\n
 *   <the file's bytes outside those ranges, in order>
 *
 * Putting each blob back at its offset gives the original file byte for byte; its SHA-256 must
 * be `sha256`, and the file then verifies as it did before it was pushed (its signed manifest
 * pins every entry, blobs included).
 */

export const BUNDLE_OBJECT_FORMAT = 'demo-ledger-locker-bundle';
/** The header line's limit: a bundle with a million blobs fits. */
export const MAX_HEADER_BYTES = 128 * 1024 * 1024;

export const BlobRange = z.strictObject({
  offset: z.number().int().nonnegative(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(SHA256_HEX),
});
export type BlobRange = z.infer<typeof BlobRange>;

export const BundleObjectHeader = z
  .strictObject({
    format: z.literal(BUNDLE_OBJECT_FORMAT),
    version: z.literal(1),
    name: z.string().min(1).max(255),
    size: z.number().int().nonnegative(),
    sha256: z.string().regex(SHA256_HEX),
    kind: LockerBundleKind,
    blobs: z.array(BlobRange).max(1_000_000),
  })
  .superRefine((header, context) => {
    let end = 0;
    for (const [index, blob] of header.blobs.entries()) {
      if (blob.offset < end)
        context.addIssue({
          code: 'custom',
          path: ['blobs', index],
          message: 'blobs overlap or are out of order',
        });
      end = blob.offset + blob.size;
      if (end > header.size)
        context.addIssue({
          code: 'custom',
          path: ['blobs', index],
          message: 'a blob ends after the file',
        });
    }
  });
export type BundleObjectHeader = z.infer<typeof BundleObjectHeader>;

export function encodeHeader(header: BundleObjectHeader): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(BundleObjectHeader.parse(header))}\n`);
}

/** The ranges of the original file that the stored object keeps, in order. */
export function keptRanges(header: BundleObjectHeader): { offset: number; size: number }[] {
  const ranges: { offset: number; size: number }[] = [];
  let at = 0;
  for (const blob of header.blobs) {
    if (blob.offset > at) ranges.push({ offset: at, size: blob.offset - at });
    at = blob.offset + blob.size;
  }
  if (header.size > at) ranges.push({ offset: at, size: header.size - at });
  return ranges;
}

/** The stored object's size: its header line and the kept ranges. */
export function objectSize(header: BundleObjectHeader): number {
  return (
    encodeHeader(header).length + keptRanges(header).reduce((sum, range) => sum + range.size, 0)
  );
}

export class BundleObjectError extends Error {
  override readonly name = 'BundleObjectError';
}

/**
 * Splits a stored object's stream into its header and the rest. Refuses, with a reason, anything
 * that is not a bundle object: no newline within the limit, JSON that is not a header.
 */
export async function readHeader(
  chunks: AsyncIterable<Uint8Array>,
): Promise<{ header: BundleObjectHeader; rest: AsyncIterable<Uint8Array> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const next = await iterator.next();
    if (next.done) throw new BundleObjectError('the object ends before its header line does');
    const chunk = next.value;
    const newline = chunk.indexOf(0x0a);
    if (newline === -1) {
      length += chunk.length;
      if (length > MAX_HEADER_BYTES) throw new BundleObjectError('the header line is too long');
      parts.push(chunk);
      continue;
    }
    parts.push(chunk.subarray(0, newline));
    const line = new Uint8Array(length + newline);
    let offset = 0;
    for (const part of parts) {
      line.set(part, offset);
      offset += part.length;
    }
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(line));
    } catch {
      throw new BundleObjectError('the header line is not JSON');
    }
    const parsed = BundleObjectHeader.safeParse(json);
    if (!parsed.success)
      throw new BundleObjectError(
        `the header is not a locker bundle header: ${parsed.error.issues[0]?.message ?? ''}`,
      );
    const tail = chunk.subarray(newline + 1);
    async function* rest(): AsyncIterable<Uint8Array> {
      if (tail.length > 0) yield tail;
      for (;;) {
        const more = await iterator.next();
        if (more.done) return;
        yield more.value;
      }
    }
    return { header: parsed.data, rest: rest() };
  }
}

/**
 * The original file, byte for byte: the kept bytes with each blob put back at its offset.
 * `blob(sha256)` streams a blob's content (checked by the caller against its key); a kept part
 * or a blob of the wrong length is an error, never padded or cut.
 */
export async function* reassemble(
  header: BundleObjectHeader,
  kept: AsyncIterable<Uint8Array>,
  blob: (sha256: string) => AsyncIterable<Uint8Array>,
): AsyncIterable<Uint8Array> {
  const keptIterator = kept[Symbol.asyncIterator]();
  let pending: Uint8Array = new Uint8Array(0);
  async function* take(size: number): AsyncIterable<Uint8Array> {
    let left = size;
    while (left > 0) {
      if (pending.length === 0) {
        const next = await keptIterator.next();
        if (next.done)
          throw new BundleObjectError('the stored bundle is shorter than its header says');
        pending = next.value;
      }
      const part = pending.subarray(0, Math.min(left, pending.length));
      pending = pending.subarray(part.length);
      left -= part.length;
      yield part;
    }
  }
  let at = 0;
  for (const range of header.blobs) {
    if (range.offset > at) yield* take(range.offset - at);
    let got = 0;
    for await (const chunk of blob(range.sha256)) {
      got += chunk.length;
      if (got > range.size)
        throw new BundleObjectError(`blob ${range.sha256} is longer than the bundle says`);
      yield chunk;
    }
    if (got !== range.size)
      throw new BundleObjectError(`blob ${range.sha256} is shorter than the bundle says`);
    at = range.offset + range.size;
  }
  if (header.size > at) yield* take(header.size - at);
  if (pending.length > 0 || !(await keptIterator.next()).done)
    throw new BundleObjectError('the stored bundle is longer than its header says');
}
