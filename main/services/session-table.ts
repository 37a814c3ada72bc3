import { randomUUID } from 'node:crypto';

/**
 * Work the renderer does in several IPC calls (a file written or uploaded in chunks) is held in
 * main as a session under a random id. The table bounds how many are open at once and drops
 * those left idle, so a renderer that stops half-way cannot hold memory or files for ever.
 */

export interface SessionLimits {
  /** Sessions idle longer than this are dropped. */
  idleMs?: number;
  /** How many may be open at once. */
  max?: number;
  now?: () => number;
}

export interface SessionMessages {
  /** Why a new session is refused while the table is full. */
  full: string;
  /** Why an id names no session (finished, cancelled or timed out). */
  gone: string;
}

export class SessionTable<S> {
  private readonly sessions = new Map<string, { session: S; touched: number }>();
  private readonly idleMs: number;
  private readonly max: number;
  private readonly now: () => number;

  constructor(
    limits: SessionLimits & { idleMs: number; max: number },
    private readonly messages: SessionMessages,
    private readonly error: new (message: string) => Error,
  ) {
    this.idleMs = limits.idleMs;
    this.max = limits.max;
    this.now = limits.now ?? Date.now;
  }

  /** Removes the sessions idle too long and returns them, for the caller to release. */
  takeIdle(): S[] {
    const cutoff = this.now() - this.idleMs;
    const idle: S[] = [];
    for (const [id, entry] of this.sessions) {
      if (entry.touched < cutoff) {
        this.sessions.delete(id);
        idle.push(entry.session);
      }
    }
    return idle;
  }

  /** Throws the `full` message when no session can be added. */
  assertRoom(): void {
    if (this.sessions.size >= this.max) throw new this.error(this.messages.full);
  }

  add(session: S): string {
    this.assertRoom();
    const id = randomUUID();
    this.sessions.set(id, { session, touched: this.now() });
    return id;
  }

  /** The session, marked as used now; throws the `gone` message for an unknown id. */
  get(id: string): S {
    const entry = this.sessions.get(id);
    if (entry === undefined) throw new this.error(this.messages.gone);
    entry.touched = this.now();
    return entry.session;
  }

  /** Removes the session and returns it (undefined for an unknown id). */
  remove(id: string): S | undefined {
    const entry = this.sessions.get(id);
    this.sessions.delete(id);
    return entry?.session;
  }

  ids(): string[] {
    return [...this.sessions.keys()];
  }

  get size(): number {
    return this.sessions.size;
  }
}
