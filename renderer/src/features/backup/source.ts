import type { IndexableType, Table } from 'dexie';
import type Dexie from 'dexie';
import type { StoredRow, TableSource } from '../../../../core/archive/writer';
import { auditDetail } from '../../db/schema';

/**
 * Rows per read transaction. Each page is two bulk reads (getAllKeys and getAll, one round
 * trip each to the database) rather than a cursor stepped row by row, so a page of a few
 * thousand rows holds its read lock for milliseconds.
 */
export const PAGE_ROWS = 2000;

/**
 * Every table of the database as an archive source, whatever features added it: rows are read
 * in primary-key order, a page per short read transaction, so the window stays responsive and a
 * large store is never held in memory at once.
 */
export function tableSources(db: Dexie, pageRows = PAGE_ROWS): TableSource[] {
  return db.tables.map((table) => {
    const { primKey, indexes } = table.schema;
    return {
      name: table.name,
      schema: [primKey.src, ...indexes.map((index) => index.src)].join(', '),
      // Outbound keys (stored beside the value) have no key path.
      primaryKey: primKey.keyPath === undefined || primKey.keyPath === '' ? null : primKey.keyPath,
      autoIncrement: primKey.auto === true,
      audited: auditDetail(table.name) !== 'off',
      pages: () => pagesOf(db, table, pageRows),
    };
  });
}

async function* pagesOf(db: Dexie, table: Table, pageRows: number): AsyncIterable<StoredRow[]> {
  let last: IndexableType | undefined;
  for (;;) {
    const after = last;
    const page = await db.transaction('r', table, async () => {
      const range = () =>
        (after === undefined ? table.orderBy(':id') : table.where(':id').above(after)).limit(
          pageRows,
        );
      // Keys and values of the same range in the same transaction: they pair up in order.
      const [keys, values] = await Promise.all([range().primaryKeys(), range().toArray()]);
      if (keys.length !== values.length) throw new Error(`${table.name} changed while read`);
      return keys.map((key, index): StoredRow => ({ key, value: values[index] }));
    });
    if (page.length === 0) return;
    yield page;
    if (page.length < pageRows) return;
    last = page[page.length - 1]?.key as IndexableType;
  }
}
