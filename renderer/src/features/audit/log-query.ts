import type { Collection, IndexableType, InsertType } from 'dexie';
import Dexie from 'dexie';
import type { AuditEntry } from '../../../../core/audit/chain';
import type { LedgerDatabase } from '../../db';

/** What the audit log view shows; every field optional. Times are ISO instants. */
export interface AuditFilter {
  entity?: string;
  /** A record's key within `entity`: its whole history. */
  key?: string;
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
}

/** Where a page starts: the newest entries, or older/newer than a sequence number. */
export type AuditCursor =
  | { kind: 'latest' }
  | { kind: 'older'; than: number }
  | { kind: 'newer'; than: number }
  | { kind: 'at'; seq: number };

export interface AuditPage {
  /** Newest first. */
  entries: AuditEntry[];
  hasOlder: boolean;
  hasNewer: boolean;
}

export const PAGE_SIZE = 50;

/**
 * One page of the log, newest first, using the index that narrows the most: a record's
 * history by [entity+key], otherwise [entity+seq], [actor+seq] or [action+seq], otherwise seq.
 * The rest of the filter is applied while walking that index in sequence order.
 */
export async function readAuditPage(
  db: LedgerDatabase,
  filter: AuditFilter,
  cursor: AuditCursor,
  size = PAGE_SIZE,
): Promise<AuditPage> {
  const newestFirst = cursor.kind !== 'newer';
  const upper =
    cursor.kind === 'older' ? cursor.than - 1 : cursor.kind === 'at' ? cursor.seq : Infinity;
  const lower = cursor.kind === 'newer' ? cursor.than + 1 : 0;
  const found = await walk(db, filter, lower, upper, newestFirst)
    .limit(size + 1)
    .toArray();
  const more = found.length > size;
  const entries = found.slice(0, size);
  if (!newestFirst) entries.reverse();
  const newest = entries[0]?.seq;
  const oldest = entries.at(-1)?.seq;
  const hasNewer = newestFirst
    ? newest !== undefined && (await exists(db, filter, newest + 1, Infinity))
    : more;
  const hasOlder = newestFirst
    ? more
    : oldest !== undefined && (await exists(db, filter, 0, oldest - 1));
  return { entries, hasOlder, hasNewer };
}

async function exists(
  db: LedgerDatabase,
  filter: AuditFilter,
  lower: number,
  upper: number,
): Promise<boolean> {
  if (upper < lower) return false;
  return (await walk(db, filter, lower, upper, false).limit(1).count()) > 0;
}

type LogCollection = Collection<AuditEntry, number, InsertType<AuditEntry, 'seq'>>;

function walk(
  db: LedgerDatabase,
  filter: AuditFilter,
  lower: number,
  upper: number,
  newestFirst: boolean,
): LogCollection {
  const high = upper === Infinity ? Dexie.maxKey : upper;
  let collection: LogCollection;
  if (filter.entity && filter.key) {
    collection = db.auditLog.where('[entity+key]').equals([filter.entity, filter.key]);
  } else {
    const field = filter.entity
      ? 'entity'
      : filter.actor
        ? 'actor'
        : filter.action
          ? 'action'
          : null;
    collection =
      field === null
        ? db.auditLog.where('seq').between(lower, high, true, true)
        : db.auditLog
            .where(`[${field}+seq]`)
            .between(
              [filter[field] as IndexableType, lower],
              [filter[field] as IndexableType, high],
              true,
              true,
            );
  }
  if (newestFirst) collection = collection.reverse();
  return collection.filter(
    (entry) => matches(entry, filter) && entry.seq >= lower && entry.seq <= upper,
  );
}

export function matches(entry: AuditEntry, filter: AuditFilter): boolean {
  return (
    (!filter.entity || entry.entity === filter.entity) &&
    (!filter.key || entry.key === filter.key) &&
    (!filter.actor || entry.actor === filter.actor) &&
    (!filter.action || entry.action === filter.action) &&
    (!filter.from || entry.at >= filter.from) &&
    (!filter.to || entry.at <= filter.to)
  );
}

/** The values each filter can take, from the indexes (no scan). */
export async function auditFacets(
  db: LedgerDatabase,
): Promise<{ entities: string[]; actors: string[]; actions: string[] }> {
  const [entities, actors, actions] = await Promise.all(
    (['entity', 'actor', 'action'] as const).map(
      async (index) => (await db.auditLog.orderBy(index).uniqueKeys()) as string[],
    ),
  );
  return { entities: entities ?? [], actors: actors ?? [], actions: actions ?? [] };
}
