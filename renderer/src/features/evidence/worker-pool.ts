/**
 * Warm workers. Starting a module worker (and, in the hasher, compiling WebAssembly) costs a few
 * hundred milliseconds on a busy machine: more than reading a typical scanner output. A pool
 * keeps workers that finished a job cleanly and hands them to the next one; a worker whose job
 * was cancelled or failed is terminated, never reused. Idle workers end after `idleMs`, unless
 * someone holds the pool warm (presenter mode does, while it is open).
 */
export interface WorkerPoolOptions {
  /** How long an idle worker is kept when nobody holds the pool warm. */
  idleMs: number;
  /** Idle workers kept ready while the pool is held warm. */
  warmCount: number;
}

export class WorkerPool {
  private readonly idle: Worker[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private holds = 0;

  constructor(
    private readonly create: () => Worker,
    private readonly options: WorkerPoolOptions,
  ) {}

  /** A worker for one job: an idle one if there is one, else a new one. */
  acquire(): Worker {
    return this.idle.pop() ?? this.create();
  }

  /** The job finished cleanly: the worker waits for the next one. */
  release(worker: Worker): void {
    worker.onmessage = null;
    worker.onerror = null;
    this.idle.push(worker);
    this.scheduleTrim();
  }

  /** The job was cancelled or failed: the worker's state is unknown, so it ends. */
  discard(worker: Worker): void {
    worker.terminate();
    if (this.holds > 0) this.fill();
  }

  /**
   * Keeps `warmCount` workers started until the returned function is called, so the first file
   * dropped does not wait for a worker to start.
   */
  holdWarm(): () => void {
    this.holds += 1;
    this.fill();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds -= 1;
      this.scheduleTrim();
    };
  }

  /** Workers started and waiting (for tests and the benchmark's notes). */
  get idleCount(): number {
    return this.idle.length;
  }

  private fill(): void {
    while (this.idle.length < this.options.warmCount) this.idle.push(this.create());
  }

  private scheduleTrim(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      const keep = this.holds > 0 ? this.options.warmCount : 0;
      while (this.idle.length > keep) this.idle.shift()?.terminate();
    }, this.options.idleMs);
  }
}
