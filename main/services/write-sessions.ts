import { createHash, randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ArchiveVerdict } from '../../core/archive/verify';
import type { WriteOptions } from './files';
import { PRIVATE_FILE_MODE, makePrivateFolder, uniqueName } from './files';
import { SessionTable } from './session-table';

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

export interface BeginOptions extends WriteOptions {
  /** Runs once the file is complete under its name (the backup folder records its backups). */
  finished?: (file: FinishedWrite) => Promise<void>;
  /**
   * Verifies the content as it is written (an archive, while it arrives, rather than read back
   * once complete); `finish` hands the verdict to its check. Writes wait while it lags behind,
   * so it holds a chunk or two, never the file.
   */
  verify?: (content: ReadableStream<Uint8Array>) => Promise<ArchiveVerdict>;
}

/** A verifier reading the content as it is written. */
interface Watcher {
  writer: WritableStreamDefaultWriter<Uint8Array>;
  verdict: Promise<ArchiveVerdict>;
  /** Set once the verifier has stopped reading (it has its verdict, or failed). */
  stopped: boolean;
}

interface Session {
  finished: BeginOptions['finished'];
  handle: FileHandle;
  temporary: string;
  target: string;
  size: number;
  hash: ReturnType<typeof createHash>;
  watcher: Watcher | null;
}

function watch(verify: NonNullable<BeginOptions['verify']>): Watcher {
  // Writable side holds one chunk, readable side none: the writer waits for the verifier.
  const pipe = new TransformStream<Uint8Array, Uint8Array>();
  const watcher: Watcher = {
    writer: pipe.writable.getWriter(),
    verdict: verify(pipe.readable),
    stopped: false,
  };
  // A verifier that stops early (a damaged archive) must not leave the writes waiting on it.
  const stop = (): void => {
    watcher.stopped = true;
    void pipe.readable.cancel().catch(() => undefined);
  };
  watcher.verdict.then(stop, stop);
  return watcher;
}

async function feed(watcher: Watcher | null, data: Uint8Array): Promise<void> {
  if (watcher === null || watcher.stopped) return;
  try {
    await watcher.writer.ready;
    watcher.writer.write(data).catch(() => undefined);
  } catch {
    // The verifier stopped reading: its verdict stands.
  }
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
  private readonly sessions: SessionTable<Session>;

  constructor(options: WriteSessionOptions = {}) {
    this.sessions = new SessionTable<Session>(
      {
        idleMs: options.idleMs ?? 10 * 60_000,
        max: options.maxSessions ?? 4,
        ...(options.now ? { now: options.now } : {}),
      },
      {
        full: 'Too many files are being written at once; try again shortly.',
        gone: 'This file is no longer being written (cancelled or timed out).',
      },
      WriteSessionError,
    );
  }

  /**
   * Starts writing `name` in `folder` (a free name is chosen if it exists); `private` for the
   * data folder's own files (0600 in a 0700 folder).
   */
  async begin(
    folder: string,
    name: string,
    options: BeginOptions = {},
  ): Promise<{ writeId: string; path: string }> {
    await Promise.all(this.sessions.takeIdle().map(release));
    this.sessions.assertRoom();
    if (options.private) await makePrivateFolder(folder);
    else await mkdir(folder, { recursive: true });
    const existing = new Set(await readdir(folder));
    const target = path.join(folder, uniqueName(existing, name));
    const temporary = path.join(
      folder,
      `.${path.basename(target)}.${randomBytes(6).toString('hex')}.partial`,
    );
    const handle = await open(temporary, 'wx', options.private ? PRIVATE_FILE_MODE : 0o666);
    const writeId = this.sessions.add({
      finished: options.finished,
      handle,
      temporary,
      target,
      size: 0,
      hash: createHash('sha256'),
      watcher: options.verify ? watch(options.verify) : null,
    });
    return { writeId, path: target };
  }

  async write(writeId: string, data: Uint8Array): Promise<number> {
    const session = this.sessions.get(writeId);
    for (let offset = 0; offset < data.byteLength;) {
      const { bytesWritten } = await session.handle.write(data, offset);
      offset += bytesWritten;
    }
    session.hash.update(data);
    session.size += data.byteLength;
    await feed(session.watcher, data);
    return session.size;
  }

  /**
   * Flushes to disk and, if `check` accepts the complete temporary file, renames it into
   * place. A rejected file is removed and `check`'s error is thrown. A check that completes the
   * file itself (appending a signature) returns its new size and SHA-256. A session begun with
   * `verify` hands `check` the verdict on everything written (null otherwise).
   */
  async finish(
    writeId: string,
    check?: (
      temporaryPath: string,
      verdict: ArchiveVerdict | null,
    ) => Promise<Omit<FinishedWrite, 'path'> | void>,
  ): Promise<FinishedWrite> {
    const session = this.sessions.get(writeId);
    this.sessions.remove(writeId);
    try {
      await session.handle.sync();
      const { size } = await session.handle.stat();
      await session.handle.close();
      if (size !== session.size)
        throw new WriteSessionError('The file on disk is not what was written.');
      let verdict: ArchiveVerdict | null = null;
      if (session.watcher) {
        await session.watcher.writer.close().catch(() => undefined);
        verdict = await session.watcher.verdict;
      }
      const completed = check ? await check(session.temporary, verdict) : undefined;
      const existing = new Set(await readdir(path.dirname(session.target)));
      const target = existing.has(path.basename(session.target))
        ? path.join(
            path.dirname(session.target),
            uniqueName(existing, path.basename(session.target)),
          )
        : session.target;
      await rename(session.temporary, target);
      const result = completed
        ? { path: target, ...completed }
        : { path: target, size: session.size, sha256: session.hash.digest('hex') };
      await session.finished?.(result);
      return result;
    } catch (error) {
      await release(session);
      throw error;
    }
  }

  /**
   * Ends a session without giving the file a name: the caller gets the complete temporary file
   * (to read and combine with others) and must remove it.
   */
  async take(writeId: string): Promise<string> {
    const session = this.sessions.get(writeId);
    this.sessions.remove(writeId);
    await session.watcher?.writer.abort().catch(() => undefined);
    try {
      await session.handle.sync();
    } finally {
      await session.handle.close();
    }
    return session.temporary;
  }

  async abort(writeId: string): Promise<boolean> {
    const session = this.sessions.remove(writeId);
    if (!session) return false;
    await release(session);
    return true;
  }

  /** Abandons every open session (on quit). */
  async abortAll(): Promise<void> {
    await Promise.all(this.sessions.ids().map((id) => this.abort(id)));
  }

  get open(): number {
    return this.sessions.size;
  }
}

/** Closes an abandoned session's file (and its verifier) and removes it. */
async function release(session: Session): Promise<void> {
  await session.watcher?.writer.abort().catch(() => undefined);
  await session.handle.close().catch(() => undefined);
  await rm(session.temporary, { force: true });
}
