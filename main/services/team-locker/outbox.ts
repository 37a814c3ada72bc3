import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { OutboxItem, OutboxListing } from '../../../core/locker/app';
import {
  FIRST_RETRY_MS,
  OutboxItem as OutboxItemSchema,
  retryDelay,
} from '../../../core/locker/app';
import { BUNDLE_EXTENSION } from '../../../core/bundle/manifest';
import type { Locker } from '../locker/client';
import { describeLockerError } from '../locker/client';
import type { BundleTrust } from '../locker/bundles';
import { PushRefused, pushBundle } from '../locker/push';
import type { FinishedWrite } from '../write-sessions';
import { makePrivateFolder, writeFileAtomic } from '../files';
import type { Clock } from '../../clock';
import { systemClock } from '../../clock';

/**
 * The outbox of the team locker: signed bundles waiting to be published. It lives in the data
 * folder, one folder per bundle holding the file and `item.json` (its state, attempts and last
 * error), written atomically at each change, so it survives a restart or a crash and works with
 * no network at all. A pass sends what is due through `pushBundle` (the same code as
 * `demo-ledger locker push`); a failure to reach the locker leaves the bundle waiting with its
 * reason and retries after a growing delay (core/locker/app.ts `retryDelay`); a bundle the
 * locker's rules refuse (a signature not trusted) is marked refused and not retried. A published
 * bundle's file is removed (the locker keeps it) and its record stays.
 *
 * In the app, main tells the window of every change (`watch`, coalesced so an upload's progress
 * does not flood it) and starts the next pass itself when a retry falls due (`retryWhenDue`), so
 * the window never polls.
 */

export type Connect = () => Promise<{ locker: Locker } | { missing: string }>;

export class OutboxError extends Error {
  override readonly name = 'OutboxError';
}

const ITEM_FILE = 'item.json';

/** Changes within this long reach watchers as one listing (the newest). */
const NOTIFY_EVERY_MS = 150;
/** A retry is never scheduled sooner than this after a pass. */
const MIN_RETRY_WAIT_MS = 1_000;

export type OutboxWatcher = (listing: OutboxListing) => void;

export class Outbox {
  readonly folder: string;
  private items: Map<string, OutboxItem> | null = null;
  private loading: Promise<Map<string, OutboxItem>> | null = null;
  private running: Promise<void> | null = null;
  private blocked: string | null = null;
  private readonly watchers = new Set<OutboxWatcher>();
  private notifyTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retrying = false;

  constructor(
    dataPath: string,
    private readonly connect: Connect,
    private readonly trust: () => Promise<BundleTrust>,
    private readonly now: Clock = systemClock,
  ) {
    this.folder = path.join(dataPath, 'team-locker', 'outbox');
  }

  private get itemsFolder(): string {
    return path.join(this.folder, 'items');
  }

  private fileOf(item: OutboxItem): string {
    return path.join(this.itemsFolder, item.id, item.fileName);
  }

  /**
   * Reads the outbox from disk once; adopts bundles a crash left before they were queued. Calls
   * made while it reads share the one read, so no bundle is adopted twice.
   */
  private load(): Promise<Map<string, OutboxItem>> {
    // Set before adopting, so adopting (which persists) does not wait for itself.
    if (this.items) return Promise.resolve(this.items);
    this.loading ??= this.read().catch((error: unknown) => {
      this.loading = null;
      throw error;
    });
    return this.loading;
  }

  private async read(): Promise<Map<string, OutboxItem>> {
    await makePrivateFolder(path.dirname(this.folder));
    await makePrivateFolder(this.folder);
    await mkdir(this.itemsFolder, { recursive: true, mode: 0o700 });
    const items = new Map<string, OutboxItem>();
    for (const id of await readdir(this.itemsFolder)) {
      let text: string;
      try {
        text = await readFile(path.join(this.itemsFolder, id, ITEM_FILE), 'utf8');
      } catch {
        continue;
      }
      const parsed = OutboxItemSchema.safeParse(JSON.parse(text));
      if (!parsed.success || parsed.data.id !== id) continue;
      // An upload cut short by the app stopping is simply due again (the push resumes it).
      const item =
        parsed.data.state === 'uploading'
          ? { ...parsed.data, state: 'waiting' as const, progress: null }
          : parsed.data;
      items.set(id, item);
    }
    this.items = items;
    for (const name of await readdir(this.folder)) {
      if (name.endsWith(BUNDLE_EXTENSION) && !name.startsWith('.'))
        await this.adopt(path.join(this.folder, name), name);
    }
    return items;
  }

  private async persist(item: OutboxItem): Promise<void> {
    (await this.load()).set(item.id, item);
    await writeFileAtomic(
      path.join(this.itemsFolder, item.id, ITEM_FILE),
      new TextEncoder().encode(`${JSON.stringify(item, null, 2)}\n`),
      { private: true },
    );
    this.changed();
  }

  /**
   * Calls `watcher` with the outbox after it changes: changes close together are sent once, as
   * the listing stands when it is sent, so the last change always arrives.
   */
  watch(watcher: OutboxWatcher): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  private changed(): void {
    if (this.watchers.size === 0 || this.notifyTimer !== null) return;
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = null;
      void this.list().then((listing) => {
        for (const watcher of this.watchers) {
          try {
            watcher(listing);
          } catch {
            // A window that cannot be told now hears the next change; the outbox goes on.
          }
        }
      });
    }, NOTIFY_EVERY_MS);
    this.notifyTimer.unref?.();
  }

  /** From now until `stop`, a pass starts by itself when the next waiting bundle is due. */
  retryWhenDue(): void {
    this.retrying = true;
    this.scheduleRetry();
  }

  /** Stops scheduled retries and change notices (the host is closing). */
  stop(): void {
    this.retrying = false;
    this.watchers.clear();
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    if (this.notifyTimer !== null) clearTimeout(this.notifyTimer);
    this.retryTimer = null;
    this.notifyTimer = null;
  }

  private scheduleRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    // Without settings or credentials nothing can be due; saving them starts a pass.
    if (!this.retrying || this.items === null || this.blocked !== null) return;
    const now = this.now().getTime();
    const due = [...this.items.values()]
      .filter((item) => item.state === 'waiting')
      .map((item) =>
        item.nextAttemptAt === null ? now + FIRST_RETRY_MS : new Date(item.nextAttemptAt).getTime(),
      );
    if (due.length === 0) return;
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = null;
        this.kick();
      },
      Math.max(MIN_RETRY_WAIT_MS, Math.min(...due) - now),
    );
    this.retryTimer.unref?.();
  }

  private async adopt(
    file: string,
    fileName: string,
    written?: FinishedWrite,
  ): Promise<OutboxItem> {
    let size = written?.size;
    let sha256 = written?.sha256;
    if (size === undefined || sha256 === undefined) {
      const hash = createHash('sha256');
      size = 0;
      for await (const chunk of createReadStream(file)) {
        hash.update(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
      sha256 = hash.digest('hex');
    }
    const id = randomUUID();
    await mkdir(path.join(this.itemsFolder, id), { recursive: true, mode: 0o700 });
    await rename(file, path.join(this.itemsFolder, id, fileName));
    const item: OutboxItem = {
      id,
      fileName,
      size,
      sha256,
      queuedAt: this.now().toISOString(),
      state: 'waiting',
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      progress: null,
      key: null,
      publishedAt: null,
    };
    await this.persist(item);
    return item;
  }

  /** Queues a bundle just written into the outbox folder (the write session's `finished`). */
  async add(written: FinishedWrite): Promise<void> {
    await this.load();
    // Loading for the first time adopts every bundle in the folder, this one included.
    if (existsSync(written.path))
      await this.adopt(written.path, path.basename(written.path), written);
    this.kick();
  }

  async list(): Promise<OutboxListing> {
    const items = [...(await this.load()).values()].sort((a, b) =>
      a.queuedAt === b.queuedAt ? a.id.localeCompare(b.id) : a.queuedAt.localeCompare(b.queuedAt),
    );
    return { items, blocked: this.blocked };
  }

  /** Makes a waiting or refused bundle due now (a refused one is checked again). */
  async retry(id: string): Promise<void> {
    const item = (await this.load()).get(id);
    if (!item) throw new OutboxError('There is no such bundle in the outbox.');
    if (item.state === 'published' || item.state === 'uploading') return;
    await this.persist({ ...item, state: 'waiting', nextAttemptAt: null });
    this.kick();
  }

  /** Starts a pass over what is due, unless one is running. */
  kick(): void {
    this.running ??= this.pass().finally(() => {
      this.running = null;
      this.scheduleRetry();
    });
  }

  /** Waits for the pass in progress (tests; quitting). */
  async settled(): Promise<void> {
    await this.running;
  }

  private due(item: OutboxItem, now: Date): boolean {
    return (
      item.state === 'waiting' &&
      (item.nextAttemptAt === null || new Date(item.nextAttemptAt).getTime() <= now.getTime())
    );
  }

  private setBlocked(blocked: string | null): void {
    if (blocked === this.blocked) return;
    this.blocked = blocked;
    this.changed();
  }

  private async pass(): Promise<void> {
    const items = await this.load();
    if (![...items.values()].some((item) => item.state === 'waiting')) {
      this.setBlocked(null);
      return;
    }
    // Opening makes no request: what is missing (settings, credentials) is said at once.
    const opened = await this.connect();
    if ('missing' in opened) {
      this.setBlocked(opened.missing);
      return;
    }
    this.setBlocked(null);
    if (![...items.values()].some((item) => this.due(item, this.now()))) return;
    const trust = await this.trust();
    for (const queued of [...items.values()].sort((a, b) => a.queuedAt.localeCompare(b.queuedAt))) {
      if (!this.due(queued, this.now())) continue;
      if (!(await this.send(opened.locker, queued, trust))) return;
    }
  }

  /** Publishes one bundle; false when the locker could not be used (the pass stops). */
  private async send(locker: Locker, queued: OutboxItem, trust: BundleTrust): Promise<boolean> {
    let item: OutboxItem = {
      ...queued,
      state: 'uploading',
      attempts: queued.attempts + 1,
      progress: null,
    };
    await this.persist(item);
    try {
      const outcome = await pushBundle(locker, this.fileOf(item), {
        trust,
        onProgress: (progress) => {
          item = { ...item, progress };
          this.items?.set(item.id, item);
          this.changed();
        },
      });
      await this.persist({
        ...item,
        state: 'published',
        progress: null,
        nextAttemptAt: null,
        lastError: null,
        key: outcome.key,
        publishedAt: this.now().toISOString(),
      });
      await rm(this.fileOf(item), { force: true });
      return true;
    } catch (error) {
      const problem = describeLockerError(error, locker.where);
      if (error instanceof PushRefused) {
        await this.persist({
          ...item,
          state: 'refused',
          progress: null,
          lastError: problem,
          nextAttemptAt: null,
        });
        return true;
      }
      await this.persist({
        ...item,
        state: 'waiting',
        progress: null,
        lastError: problem,
        nextAttemptAt: new Date(this.now().getTime() + retryDelay(item.attempts)).toISOString(),
      });
      return false;
    }
  }
}
