import type { LedgerDatabase } from './db';

/**
 * Data upgrades: changes to stored records that a Dexie schema upgrade cannot make, because
 * they read files, parse them in workers or take longer than one transaction should (stored
 * evidence re-read by a newer reader, fingerprints mapped old → new, links re-derived). They run
 * after the database opens, in batches: each batch is prepared outside any transaction, then
 * written in ONE audited transaction (action `upgrade:<id>`) together with the cursor where
 * the next batch starts. A closed window or a crash loses at most the batch in flight; the next
 * start goes on from the saved cursor, and an upgrade that finished never runs again.
 */
export interface DataUpgrade<Cursor = unknown> {
  /** Stable identity; a changed upgrade is a new id (`evidence-summaries@2`). */
  readonly id: string;
  /** What the person is told while it runs: "Re-reading stored evidence with the new readers". */
  readonly title: string;
  /** Every table a batch writes: the scope of the audited transaction. */
  readonly tables: readonly string[];
  /** How many items there are in all, for progress (read before the first batch). */
  total?(database: LedgerDatabase): Promise<number>;
  /**
   * Prepares the batch after `cursor` (`null` at the start), outside any transaction: it may read
   * Blobs and parse them. `null` when nothing is left.
   */
  next(database: LedgerDatabase, cursor: Cursor | null): Promise<UpgradeBatch<Cursor> | null>;
}

export interface UpgradeBatch<Cursor> {
  /** Where the batch after this one starts; JSON (it is stored). */
  readonly cursor: Cursor;
  /** Items this batch covers, for progress. */
  readonly items: number;
  /**
   * Writes the batch inside the audited transaction. The data may have changed since `next`
   * read it: re-read what is written and leave alone what is no longer as prepared.
   */
  write(): Promise<void>;
}

export interface UpgradeState {
  status: 'running' | 'done';
  cursor: unknown;
  /** Items done so far. */
  done: number;
  total: number | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface UpgradeProgress {
  id: string;
  title: string;
  done: number;
  total: number | null;
}

export interface UpgradeFailure {
  id: string;
  title: string;
  error: unknown;
}

const stateKey = (id: string): string => `upgrade:${id}`;

export async function upgradeState(
  database: LedgerDatabase,
  id: string,
): Promise<UpgradeState | null> {
  const row = await database.meta.get(stateKey(id));
  return (row?.value as UpgradeState | undefined) ?? null;
}

/** The upgrades of `upgrades` that have not finished on this database. */
export async function pendingUpgrades(
  database: LedgerDatabase,
  upgrades: readonly DataUpgrade[],
): Promise<DataUpgrade[]> {
  const pending: DataUpgrade[] = [];
  for (const upgrade of upgrades) {
    if ((await upgradeState(database, upgrade.id))?.status !== 'done') pending.push(upgrade);
  }
  return pending;
}

/**
 * Runs every upgrade not yet done, in the order given, batch by batch. A failing upgrade stops
 * there (its cursor kept, so a later run retries the failed batch) and is reported; the ones
 * after it still run, since upgrades are independent. Aborting `signal` stops between batches.
 */
export async function runDataUpgrades(
  database: LedgerDatabase,
  upgrades: readonly DataUpgrade[],
  options: {
    onProgress?: (progress: UpgradeProgress) => void;
    signal?: AbortSignal;
    now?: () => Date;
  } = {},
): Promise<{ ran: string[]; failed: UpgradeFailure[] }> {
  const now = options.now ?? (() => new Date());
  const ran: string[] = [];
  const failed: UpgradeFailure[] = [];
  for (const upgrade of await pendingUpgrades(database, upgrades)) {
    if (options.signal?.aborted) break;
    try {
      await runOne(database, upgrade, now, options);
      ran.push(upgrade.id);
    } catch (error) {
      failed.push({ id: upgrade.id, title: upgrade.title, error });
    }
  }
  return { ran, failed };
}

async function runOne(
  database: LedgerDatabase,
  upgrade: DataUpgrade,
  now: () => Date,
  options: { onProgress?: (progress: UpgradeProgress) => void; signal?: AbortSignal },
): Promise<void> {
  const key = stateKey(upgrade.id);
  let state = (await upgradeState(database, upgrade.id)) ?? {
    status: 'running',
    cursor: null,
    done: 0,
    total: upgrade.total ? await upgrade.total(database) : null,
    startedAt: now().toISOString(),
    finishedAt: null,
  };
  const report = (): void =>
    options.onProgress?.({
      id: upgrade.id,
      title: upgrade.title,
      done: state.done,
      total: state.total,
    });
  report();
  for (;;) {
    if (options.signal?.aborted) return;
    const batch = await upgrade.next(database, state.cursor);
    const next: UpgradeState =
      batch === null
        ? { ...state, status: 'done', finishedAt: now().toISOString() }
        : { ...state, cursor: batch.cursor, done: state.done + batch.items };
    const tables = [...new Set([...upgrade.tables, 'meta'])];
    await database.audited(`upgrade:${upgrade.id}`, tables, async () => {
      await batch?.write();
      await database.meta.put({ key, value: next });
    });
    state = next;
    report();
    if (batch === null) return;
  }
}
