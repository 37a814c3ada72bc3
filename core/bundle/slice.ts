import type { AuditEntry, ChainHead } from '../audit/chain';
import { GENESIS_HASH, stateKey } from '../audit/chain';
import type { SegmentRow } from '../audit/segment';
import { SegmentBuilder } from '../audit/segment';
import type { Manifest, TableDescriptor } from '../archive/format';
import { AUDIT_TABLE_NAME } from '../archive/format';
import type { ArchiveProgress, ByteSink, StoredRow, TableSource } from '../archive/writer';
import { writeArchive } from '../archive/writer';
import type { Sha256Factory } from '../util/hash';
import type { BundleSigner, ReviewBinding } from './manifest';
import type { BundleScope, SliceSelection, SliceStore } from './scope';
import { deletedFromSlice, selectSlice } from './scope';

/**
 * Turns a slice selection into archive tables: the selected records, and the audit log as the
 * segment of the chain that holds their whole history (entries about anything else folded
 * into redacted runs, core/audit/segment.ts). For a review, the segment starts where the
 * bundle was imported instead, and only records changed since then travel.
 */

/** Read access to the audit log. */
export interface AuditLogReader {
  /** Sequence number of the first entry about this record, or null when it has none. */
  firstSeq(entity: string, key: string): Promise<number | null>;
  entry(seq: number): Promise<AuditEntry | null>;
  /** Up to `limit` entries after `seq`, in order. (Plain promises, no async iterators: the app
   * reads inside an IndexedDB transaction, which must see its next request in time.) */
  page(afterSeq: number, limit: number): Promise<readonly AuditEntry[]>;
}

const LOG_PAGE = 2000;

async function eachPage(
  log: AuditLogReader,
  afterSeq: number,
  visit: (page: readonly AuditEntry[]) => void,
): Promise<void> {
  let last = afterSeq;
  for (;;) {
    const page = await log.page(last, LOG_PAGE);
    if (page.length > 0) visit(page);
    if (page.length < LOG_PAGE) return;
    last = page[page.length - 1]?.seq ?? last;
  }
}

export interface SliceSegment {
  start: ChainHead;
  head: ChainHead;
  rows: SegmentRow[];
  /** Records (`table\u0000key`) with an entry in the segment. */
  touched: Set<string>;
}

export class SliceExportError extends Error {
  override readonly name = 'SliceExportError';
}

/**
 * The segment from the entry before the first one about any selected record (or from `since`)
 * to the current end of the log. Entries about selected records, and deletions of records that
 * belonged to the slice, are kept whole.
 */
export async function buildSegment(
  selection: SliceSelection,
  log: AuditLogReader,
  since: ChainHead | null,
): Promise<SliceSegment> {
  const selected = new Set<string>();
  for (const [table, rows] of selection.tables) {
    for (const key of rows.keys()) selected.add(stateKey(table, key));
  }
  let start: ChainHead;
  if (since !== null) start = since;
  else {
    let first = Number.POSITIVE_INFINITY;
    for (const id of selected) {
      const [table = '', key = ''] = id.split('\u0000');
      const seq = await log.firstSeq(table, key);
      if (seq === null) {
        throw new SliceExportError(
          `The record ${key} in ${table} has no audit entry, so its history cannot be shown; verify the audit log in Settings.`,
        );
      }
      first = Math.min(first, seq);
    }
    start = await headBefore(Number.isFinite(first) ? first : null, log);
  }
  const builder = new SegmentBuilder(start);
  const touched = new Set<string>();
  let head = start;
  await eachPage(log, start.seq, (page) => {
    for (const entry of page) {
      const id = stateKey(entry.entity, entry.key);
      const keep =
        selected.has(id) ||
        (entry.op === 'delete' && deletedFromSlice(entry.entity, beforeOf(entry), selection.ids));
      if (keep) touched.add(id);
      builder.add(entry, keep);
      head = { seq: entry.seq, hash: entry.hash };
    }
  });
  return { start, head, rows: builder.finish(), touched };
}

async function headBefore(first: number | null, log: AuditLogReader): Promise<ChainHead> {
  if (first === null) {
    // Nothing selected has history: the segment starts (and ends) at the current head.
    let last: ChainHead = { seq: 0, hash: GENESIS_HASH };
    await eachPage(log, 0, (page) => {
      const entry = page.at(-1);
      if (entry) last = { seq: entry.seq, hash: entry.hash };
    });
    return last;
  }
  if (first <= 1) return { seq: 0, hash: GENESIS_HASH };
  const previous = await log.entry(first - 1);
  if (!previous) throw new SliceExportError(`The audit log has no entry ${first - 1}.`);
  return { seq: previous.seq, hash: previous.hash };
}

function beforeOf(entry: AuditEntry): unknown {
  const diff = entry.diff;
  return typeof diff === 'object' && diff !== null && !Array.isArray(diff)
    ? diff['before']
    : undefined;
}

/**
 * The archive tables of a slice: the audit segment first, then each selected table (only the
 * records in `only`, when given). `describe` gives each table's descriptor from the database.
 */
export function sliceTables(
  selection: SliceSelection,
  segment: SliceSegment,
  describe: (table: string) => TableDescriptor,
  only?: ReadonlySet<string>,
): TableSource[] {
  const sources: TableSource[] = [
    source(
      describe(AUDIT_TABLE_NAME),
      segment.rows.map((row) => ({ key: row.seq, value: row })),
    ),
  ];
  for (const [table, records] of [...selection.tables].sort(([a], [b]) => a.localeCompare(b))) {
    const rows: StoredRow[] = [...records]
      .filter(([key]) => only === undefined || only.has(stateKey(table, key)))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, record]) => ({ key: record.key, value: record.value }));
    if (only !== undefined && rows.length === 0) continue;
    sources.push(source(describe(table), rows));
  }
  return sources;
}

function source(descriptor: TableDescriptor, rows: readonly StoredRow[]): TableSource {
  return {
    ...descriptor,
    async *pages() {
      for (let offset = 0; offset < rows.length; offset += 500) {
        yield rows.slice(offset, offset + 500);
      }
    },
  };
}

export interface PreparedSlice {
  selection: SliceSelection;
  segment: SliceSegment;
  /** Set for a review: only these records (changed since the import) travel. */
  only: ReadonlySet<string> | undefined;
}

/**
 * Reads everything a bundle needs: the slice's records and the segment of the log about them.
 * The app runs this inside one read transaction, so records and log are one consistent state.
 * `since` (a review) is the chain head right after the bundle was imported.
 */
export async function prepareSlice(
  scope: BundleScope,
  store: SliceStore,
  log: AuditLogReader,
  options: { bundleId: string; since: ChainHead | null },
): Promise<PreparedSlice> {
  const selection = await selectSlice(scope, store, { bundleId: options.bundleId });
  const segment = await buildSegment(selection, log, options.since);
  return { selection, segment, only: options.since === null ? undefined : segment.touched };
}

export interface WriteBundleOptions {
  id: string;
  signer: BundleSigner;
  /** Set when writing a review of a bundle. */
  review: ReviewBinding | null;
  createdAt: Date;
  createdBy: string;
  app: Manifest['app'];
  database: { name: string; schemaVersion: number };
  describe: (table: string) => TableDescriptor;
  createSha256?: Sha256Factory;
  onProgress?: (progress: ArchiveProgress) => void;
}

/** Writes the archive of a prepared slice (unsigned: main signs it) into `sink`. */
export async function writeBundle(
  prepared: PreparedSlice,
  sink: ByteSink,
  options: WriteBundleOptions,
): Promise<Manifest> {
  const { selection, segment } = prepared;
  return writeArchive(sliceTables(selection, segment, options.describe, prepared.only), sink, {
    kind: 'bundle',
    createdAt: options.createdAt,
    createdBy: options.createdBy,
    app: options.app,
    database: options.database,
    audit: { start: segment.start },
    bundle: {
      id: options.id,
      title: selection.title,
      scope: selection.ids.scope,
      workspace: selection.workspace,
      signer: options.signer,
      review: options.review,
    },
    ...(options.createSha256 ? { createSha256: options.createSha256 } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}

/** Records (`table\u0000key`) a prepared slice writes. */
export function recordsWritten(prepared: PreparedSlice): number {
  let count = 0;
  for (const [table, rows] of prepared.selection.tables) {
    for (const key of rows.keys()) {
      if (prepared.only === undefined || prepared.only.has(stateKey(table, key))) count += 1;
    }
  }
  return count;
}
