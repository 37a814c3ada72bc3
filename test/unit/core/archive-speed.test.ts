import { describe, expect, it } from 'vitest';
import { verifyArchive } from '../../../core/archive/verify';
import { batchingSink, writeArchive } from '../../../core/archive/writer';
import { digestSha256Hex, sha256Hex } from '../../../core/util/hash';
import { ARCHIVE_OPTIONS, memorySink, syntheticLedger } from '../../support/ledger';

/** The mechanisms that keep a whole-ledger backup and restore fast, each kept honest. */

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve = (): void => undefined;
  let reject = (_: Error): void => undefined;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

describe('batchingSink', () => {
  it('fills the next chunk while one is on its way, never two at once, in order', async () => {
    const sent: number[][] = [];
    const waiting: ReturnType<typeof deferred>[] = [];
    let inFlight = 0;
    let most = 0;
    const sink = batchingSink(async (chunk) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      sent.push([...chunk]);
      const gate = deferred();
      waiting.push(gate);
      await gate.promise;
      inFlight -= 1;
    }, 4);
    // The first full chunk goes off and the write returns without waiting for it.
    await sink.write(Uint8Array.of(1, 2, 3, 4));
    expect(sent).toEqual([[1, 2, 3, 4]]);
    // The second fills, then waits for the first to arrive before it is sent.
    const second = sink.write(Uint8Array.of(5, 6, 7, 8, 9));
    await Promise.resolve();
    expect(sent).toHaveLength(1);
    waiting[0]?.resolve();
    await second;
    expect(sent).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ]);
    const flushed = sink.flush();
    waiting[1]?.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    waiting[2]?.resolve();
    await flushed;
    expect(sent).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [9]]);
    expect(most).toBe(1);
  });

  it('reports a chunk that failed on its way at the next write or flush', async () => {
    const sink = batchingSink(async (chunk) => {
      if (chunk[0] === 1) throw new Error('disk full');
    }, 2);
    await sink.write(Uint8Array.of(1, 1));
    await expect(sink.write(Uint8Array.of(2, 2))).rejects.toThrow('disk full');
    const other = batchingSink(async () => {
      throw new Error('gone');
    }, 8);
    await other.write(Uint8Array.of(1));
    await expect(other.flush()).rejects.toThrow('gone');
  });
});

describe('native digests', () => {
  it('equal the portable SHA-256, empty and large alike', async () => {
    const large = new Uint8Array(3 * 1024 * 1024 + 7).map((_, index) => (index * 31) & 255);
    for (const bytes of [new Uint8Array(0), Uint8Array.of(97, 98, 99), large]) {
      expect(await digestSha256Hex(bytes)).toBe(sha256Hex(bytes));
    }
  });

  it('hash every entry read whole when an archive is verified, and catch a changed one', async () => {
    const sink = memorySink();
    await writeArchive(syntheticLedger().tables, sink, ARCHIVE_OPTIONS);
    const bytes = sink.bytes();
    const digested: number[] = [];
    const digest = async (data: Uint8Array) => {
      digested.push(data.byteLength);
      return digestSha256Hex(data);
    };
    const verdict = await verifyArchive(new Blob([bytes]).stream(), { digest });
    expect(verdict.problems).toEqual([]);
    // Every entry but the streamed Blobs: marker, descriptors, row files, manifest, sums.
    const whole = verdict.entries.filter((entry) => !entry.name.startsWith('blobs/'));
    expect(digested).toHaveLength(whole.length);

    const lying = await verifyArchive(new Blob([bytes]).stream(), {
      digest: async (data) => (data.byteLength > 1000 ? '0'.repeat(64) : digestSha256Hex(data)),
    });
    expect(lying.ok).toBe(false);
    expect(lying.problems.join(' ')).toMatch(/SHA-256 does not match/);
  });
});
