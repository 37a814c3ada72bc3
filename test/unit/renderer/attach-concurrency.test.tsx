import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Notifications } from '../../../renderer/src/app/notifications';
import {
  attachDropped,
  useAttachJobs,
} from '../../../renderer/src/features/demos/presenter/attach-jobs';
import type {
  AttachedFile,
  AttachOptions,
  AttachProgress,
  EvidenceTarget,
} from '../../../renderer/src/features/demos/slots';
import type { IngestProgress } from '../../../renderer/src/features/evidence/ingest';
import { FILES_AT_ONCE, ingestEach } from '../../../renderer/src/features/evidence/ingest';
import { WorkerPool } from '../../../renderer/src/features/evidence/worker-pool';
import type {
  WorkerReply,
  WorkerRequest,
} from '../../../renderer/src/features/evidence/worker-protocol';
import { Semaphore } from '../../../renderer/src/lib/semaphore';
import { setUpDemo } from './demo-support';
import { answerInProcess } from './evidence-worker-support';
import { freshDatabase } from './issues/support';

/**
 * Several files attached at once: the semaphore that bounds how many are read together, the
 * pool that keeps workers warm, ingest's per-file outcomes and presenter mode's per-file jobs.
 */

/** Settles pending promise callbacks (the semaphore hands over slots in microtasks). */
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('Semaphore', () => {
  it('lets `limit` holders in, then the others in the order they asked', async () => {
    const gate = new Semaphore(2);
    const order: string[] = [];
    const first = await gate.acquire();
    const second = await gate.acquire();
    const third = gate.acquire().then((release) => {
      order.push('third');
      return release;
    });
    const fourth = gate.acquire().then((release) => {
      order.push('fourth');
      return release;
    });
    await flush();
    expect(order).toEqual([]);
    first();
    first(); // releasing twice frees one slot, not two
    await flush();
    expect(order).toEqual(['third']);
    second();
    await flush();
    expect(order).toEqual(['third', 'fourth']);
    (await third)();
    (await fourth)();
    // All free again: two enter at once.
    await gate.acquire();
    await gate.acquire();
  });

  it('drops a wait given up through its signal, and refuses an already aborted one', async () => {
    const gate = new Semaphore(1);
    const held = await gate.acquire();
    const abort = new AbortController();
    const abandoned = gate.acquire(abort.signal);
    const next = gate.acquire();
    abort.abort();
    await expect(abandoned).rejects.toThrow();
    held();
    // The slot went to the waiter behind the abandoned one.
    const release = await next;
    release();
    await expect(gate.acquire(abort.signal)).rejects.toThrow();
  });
});

class FakeWorker {
  static started = 0;
  terminated = false;
  onmessage: unknown = null;
  onerror: unknown = null;
  constructor() {
    FakeWorker.started += 1;
  }
  terminate(): void {
    this.terminated = true;
  }
}

describe('WorkerPool', () => {
  beforeEach(() => {
    FakeWorker.started = 0;
  });

  it('reuses a worker that finished cleanly and ends one whose job failed', () => {
    const pool = new WorkerPool(() => new FakeWorker() as unknown as Worker, {
      idleMs: 1000,
      warmCount: 1,
    });
    const first = pool.acquire();
    pool.release(first);
    expect(pool.acquire()).toBe(first);
    pool.discard(first);
    expect((first as unknown as FakeWorker).terminated).toBe(true);
    expect(pool.acquire()).not.toBe(first);
    expect(FakeWorker.started).toBe(2);
  });

  it('keeps warm workers while held, and ends idle ones after the delay once let go', () => {
    vi.useFakeTimers({ now: Date.now() });
    try {
      const pool = new WorkerPool(() => new FakeWorker() as unknown as Worker, {
        idleMs: 1000,
        warmCount: 2,
      });
      const letGo = pool.holdWarm();
      expect(pool.idleCount).toBe(2);
      const busy = pool.acquire();
      pool.discard(busy);
      expect(pool.idleCount).toBe(2); // refilled while held
      vi.advanceTimersByTime(5000);
      expect(pool.idleCount).toBe(2);
      letGo();
      letGo(); // idempotent
      vi.advanceTimersByTime(999);
      expect(pool.idleCount).toBe(2);
      vi.advanceTimersByTime(1);
      expect(pool.idleCount).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

/**
 * The evidence worker done in-process (happy-dom has no Worker), slowed so files overlap, and
 * failing on a file named `broken`. Counts how many files are being hashed at once.
 */
class SlowWorker {
  static hashing = 0;
  static mostHashing = 0;
  onmessage: ((event: MessageEvent<WorkerReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  postMessage(request: WorkerRequest): void {
    const reply = async (): Promise<WorkerReply> => {
      if (request.type === 'hash') {
        SlowWorker.hashing += 1;
        SlowWorker.mostHashing = Math.max(SlowWorker.mostHashing, SlowWorker.hashing);
        await new Promise((resolve) => setTimeout(resolve, 30));
        SlowWorker.hashing -= 1;
        if ((await request.file.text()).endsWith('broken'))
          return { type: 'failed', message: 'disk read error' };
      }
      return answerInProcess(request);
    };
    void reply().then((data) => this.onmessage?.({ data } as MessageEvent<WorkerReply>));
  }
  terminate(): void {}
}

describe('ingestEach: several files at once', () => {
  beforeAll(() => vi.stubGlobal('Worker', SlowWorker));
  afterAll(() => vi.unstubAllGlobals());
  beforeEach(freshDatabase);

  it('reads at most FILES_AT_ONCE together, reports each file, and stores the others when one fails', async () => {
    const { workspaceId } = await setUpDemo();
    SlowWorker.mostHashing = 0;
    const names = ['a.txt', 'b.txt', 'broken', 'd.txt', 'e.txt'];
    const files = names.map((name) => new File([`content of ${name}`], name));
    const seen = new Map<number, IngestProgress['phase'][]>();
    const outcomes = await ingestEach(files, {
      workspaceId,
      onProgress: (progress) =>
        seen.set(progress.fileIndex, [...(seen.get(progress.fileIndex) ?? []), progress.phase]),
    });
    expect(SlowWorker.mostHashing).toBe(FILES_AT_ONCE);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, false, true, true]);
    const failed = outcomes[2];
    expect(failed && !failed.ok && String(failed.error)).toContain('disk read error');
    expect(outcomes.flatMap((outcome) => (outcome.ok ? [outcome.file.fileName] : []))).toEqual([
      'a.txt',
      'b.txt',
      'd.txt',
      'e.txt',
    ]);
    // Every file starts waiting, then is read; those stored end `done`.
    for (const [index, phases] of seen) {
      expect(phases[0]).toBe('waiting');
      expect(phases).toContain('reading');
      expect(phases.at(-1)).toBe(index === 2 ? 'reading' : 'done');
    }
  });

  it('cancelling stops the files being read and those waiting: none is stored', async () => {
    const { workspaceId } = await setUpDemo();
    const abort = new AbortController();
    const files = ['a', 'b', 'c', 'd'].map((name) => new File([name], `${name}.txt`));
    const started = ingestEach(files, {
      workspaceId,
      onProgress: (progress) => {
        // The fourth waits behind three; stop everything as soon as the first is read.
        if (progress.fileIndex === 0 && progress.phase === 'reading') abort.abort();
      },
      signal: abort.signal,
    });
    const outcomes = await started;
    expect(outcomes.every((outcome) => !outcome.ok && outcome.canceled)).toBe(true);
  });
});

describe('attachDropped: presenter mode’s jobs', () => {
  afterEach(cleanup);
  const target: EvidenceTarget = {
    workspaceId: 'w',
    sprintId: 's',
    demoId: 'demo-1',
    itemId: 'item-1',
    controls: [],
  };

  it('gives each file a job with its own progress and cancel, and says once what happened', async () => {
    render(<Notifications />);
    const jobs = renderHook(() => useAttachJobs('demo-1'));
    const pending = new Map<string, { resolve: () => void; options: AttachOptions }>();
    const store = {
      attach: (files: readonly File[], _target: EvidenceTarget, options: AttachOptions) =>
        new Promise<AttachedFile[]>((resolve, reject) => {
          const file = files[0];
          if (!file) throw new Error('one file per job');
          if (file.name === 'refused.bin') {
            reject(new Error('too large'));
            return;
          }
          options.signal?.addEventListener('abort', () => reject(new Error('aborted')));
          pending.set(file.name, {
            options,
            resolve: () =>
              resolve([{ name: file.name, headline: '3 findings', changes: null, controls: [] }]),
          });
        }),
    };
    const files = ['scan.sarif', 'sbom.json', 'refused.bin'].map((name) => new File([name], name));
    let done: Promise<void> = Promise.resolve();
    act(() => {
      done = attachDropped(files, target, 'PAY-1', store);
    });
    await waitFor(() => expect(jobs.result.current).toHaveLength(2));
    expect(jobs.result.current.map((job) => job.progress.fileName)).toEqual([
      'scan.sarif',
      'sbom.json',
    ]);
    const progress: AttachProgress = {
      fileName: 'scan.sarif',
      fileIndex: 0,
      fileCount: 1,
      percent: 40,
      phase: 'reading',
    };
    act(() => pending.get('scan.sarif')?.options.onProgress?.(progress));
    expect(jobs.result.current[0]?.progress).toEqual(progress);
    expect(jobs.result.current[1]?.progress.phase).toBe('waiting');
    // Cancelling one leaves the other running.
    act(() => jobs.result.current[1]?.cancel());
    act(() => pending.get('scan.sarif')?.resolve());
    await act(() => done);
    expect(jobs.result.current).toEqual([]);
    // Three notices, the latest two shown: dismissing the error brings the first back.
    expect(screen.getByText('One file not attached: cancelled before it was stored.')).toBeTruthy();
    expect(screen.getByText('Not attached to PAY-1: refused.bin (too large)')).toBeTruthy();
    act(() => screen.getByRole('alert').querySelector('button')?.click());
    expect(
      screen.getByText(
        'Attached to PAY-1: scan.sarif: 3 findings; linked to none of the item’s controls (K to change)',
      ),
    ).toBeTruthy();
  });
});
