import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { uniqueName } from './files';

/**
 * Files written in chunks: large archives cross IPC in pieces (one message is limited to
 * 64 MiB). Content goes to a hidden temporary file beside the target and is renamed into place
 * only when complete, so a crash or cancel never leaves a partial backup under a real name.
 */

export interface FinishedWrite {
  path: string;
  size: number;
  sha256: string;
}

interface Session {
  handle: FileHandle;
  temporary: string;
  target: string;
  size: number;
  hash: ReturnType<typeof createHash>;
  touched: number;
}

export class WriteSessionError extends Error {
  override readonly name = 'WriteSessionError';
}

export interface WriteSessionOptions {
  /** Sessions idle longer than this are abandoned and their temporary files removed. */
  idleMs?: number;
  maxSessions?: number;
  now?: () => number;
}

export class WriteSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly idleMs: number;
  private readonly maxSessions: number;
  private readonly now: () => number;

  constructor(options: WriteSessionOptions = {}) {
    this.idleMs = options.idleMs ?? 10 * 60_000;
    this.maxSessions = options.maxSessions ?? 4;
    this.now = options.now ?? Date.now;
  }

  /** Starts writing `name` in `folder` (a free name is chosen if it exists). */
  async begin(folder: string, name: string): Promise<{ writeId: string; path: string }> {
    await this.reapIdle();
    if (this.sessions.size >= this.maxSessions) {
      throw new WriteSessionError('Too many files are being written at once; try again shortly.');
    }
    await mkdir(folder, { recursive: true });
    const existing = new Set(await readdir(folder));
    const target = path.join(folder, uniqueName(existing, name));
    const temporary = path.join(
      folder,
      `.${path.basename(target)}.${randomBytes(6).toString('hex')}.partial`,
    );
    const handle = await open(temporary, 'wx');
    const writeId = randomUUID();
    this.sessions.set(writeId, {
      handle,
      temporary,
      target,
      size: 0,
      hash: createHash('sha256'),
      touched: this.now(),
    });
    return { writeId, path: target };
  }

  async write(writeId: string, data: Uint8Array): Promise<number> {
    const session = this.get(writeId);
    await session.handle.write(data);
    session.hash.update(data);
    session.size += data.byteLength;
    session.touched = this.now();
    return session.size;
  }

  /**
   * Flushes to disk and, if `check` accepts the complete temporary file, renames it into
   * place. A rejected file is removed and `check`'s error is thrown. A check that completes the
   * file itself (appending a signature) returns its new size and SHA-256.
   */
  async finish(
    writeId: string,
    check?: (temporaryPath: string) => Promise<Omit<FinishedWrite, 'path'> | void>,
  ): Promise<FinishedWrite> {
    const session = this.get(writeId);
    this.sessions.delete(writeId);
    try {
      await session.handle.sync();
      await session.handle.close();
      const completed = check ? await check(session.temporary) : undefined;
      const existing = new Set(await readdir(path.dirname(session.target)));
      const target = existing.has(path.basename(session.target))
        ? path.join(
            path.dirname(session.target),
            uniqueName(existing, path.basename(session.target)),
          )
        : session.target;
      await rename(session.temporary, target);
      return completed
        ? { path: target, ...completed }
        : { path: target, size: session.size, sha256: session.hash.digest('hex') };
    } catch (error) {
      await session.handle.close().catch(() => undefined);
      await rm(session.temporary, { force: true });
      throw error;
    }
  }

  /**
   * Ends a session without giving the file a name: the caller gets the complete temporary file
   * (to read and combine with others) and must remove it.
   */
  async take(writeId: string): Promise<string> {
    const session = this.get(writeId);
    this.sessions.delete(writeId);
    try {
      await session.handle.sync();
    } finally {
      await session.handle.close();
    }
    return session.temporary;
  }

  async abort(writeId: string): Promise<boolean> {
    const session = this.sessions.get(writeId);
    if (!session) return false;
    this.sessions.delete(writeId);
    await session.handle.close().catch(() => undefined);
    await rm(session.temporary, { force: true });
    return true;
  }

  /** Abandons every open session (on quit). */
  async abortAll(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.abort(id)));
  }

  get open(): number {
    return this.sessions.size;
  }

  private get(writeId: string): Session {
    const session = this.sessions.get(writeId);
    if (!session) {
      throw new WriteSessionError('This file is no longer being written (cancelled or timed out).');
    }
    return session;
  }

  private async reapIdle(): Promise<void> {
    const cutoff = this.now() - this.idleMs;
    const idle = [...this.sessions].filter(([, session]) => session.touched < cutoff);
    await Promise.all(idle.map(([id]) => this.abort(id)));
  }
}
