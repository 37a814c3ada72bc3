import { describe, expect, it } from 'vitest';
import { batchingSink } from '../../../core/archive/writer';

/** The sink that keeps a backup producing while its last chunk travels to main. */

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
