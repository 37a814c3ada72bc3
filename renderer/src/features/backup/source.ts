import type { IndexableType, Table } from 'dexie';
import type Dexie from 'dexie';
import type { StoredRow, TableSource } from '../../../../core/archive/writer';
import { auditDetail } from '../../db/schema';

const PAGE_ROWS = 500;

/**
 * Every table of the database as an archive source, whatever features added it: rows are read
 * in primary-key order, a page per short read transaction, so the window stays responsive and a
 * large store is never held in memory at once.
 */
export function tableSources(db: Dexie): TableSource[] {
  return db.tables.map((table) => {
    const { primKey, indexes } = table.schema;
    return {
      name: table.name,
      schema: [primKey.src, ...indexes.map((index) => index.src)].join(', '),
      // Outbound keys (stored beside the value) have no key path.
      primaryKey: primKey.keyPath === undefined || primKey.keyPath === '' ? null : primKey.keyPath,
      autoIncrement: primKey.auto === true,
      audited: auditDetail(table.name) !== 'off',
      pages: () => pagesOf(db, table),
    };
  });
}

async function* pagesOf(db: Dexie, table: Table): AsyncIterable<StoredRow[]> {
  let last: IndexableType | undefined;
  for (;;) {
    const after = last;
    const page = await db.transaction('r', table, async () => {
      const collection =
        after === undefined ? table.orderBy(':id') : table.where(':id').above(after);
      const rows: StoredRow[] = [];
      await collection.limit(PAGE_ROWS).each((value: unknown, cursor) => {
        rows.push({ key: cursor.primaryKey, value });
      });
      return rows;
    });
    if (page.length === 0) return;
    yield page;
    if (page.length < PAGE_ROWS) return;
    last = page[page.length - 1]?.key as IndexableType;
  }
}
