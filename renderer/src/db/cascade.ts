import type { IndexableType, Table } from 'dexie';
import { DEMO_ITEM_TARGET } from '../../../core/model';
import type { LedgerDatabase } from './db';

/**
 * Tables holding rows that belong to another row through an indexed foreign key
 * (`workspaceId`, `sprintId` ...). Deleting the owner deletes them too, in the same transaction,
 * so features added later are covered by declaring the index, not by editing every delete.
 *
 * Link tables name their target by a type and an id instead (an evidence link to a demo item):
 * deleting a target row deletes the links that point at it, so no link outlives its target.
 */
const TYPED_LINKS: readonly {
  linkTable: string;
  /** Target table → the target type its rows are linked by. */
  targets: Readonly<Record<string, string>>;
}[] = [{ linkTable: 'evidenceLinks', targets: { demoItems: DEMO_ITEM_TARGET } }];

function linksTo(tableName: string): { linkTable: string; targetType: string }[] {
  return TYPED_LINKS.flatMap(({ linkTable, targets }) => {
    const targetType = targets[tableName];
    return targetType === undefined ? [] : [{ linkTable, targetType }];
  });
}

/** The tables plus the link tables that may point at their rows: a delete's transaction scope. */
export function withLinkTables(db: LedgerDatabase, tables: readonly Table[]): Table[] {
  const scope = new Map(tables.map((table) => [table.name, table]));
  for (const table of tables) {
    for (const { linkTable } of linksTo(table.name)) scope.set(linkTable, db.table(linkTable));
  }
  return [...scope.values()];
}

/** Tables with an index on `foreignKey`, and the link tables a cascade through them writes. */
export function tablesReferencing(db: LedgerDatabase, foreignKey: string): Table[] {
  return withLinkTables(db, directlyReferencing(db, foreignKey));
}

function directlyReferencing(db: LedgerDatabase, foreignKey: string): Table[] {
  return db.tables.filter((table) =>
    table.schema.indexes.some((index) => index.name === foreignKey),
  );
}

/** Deletes rows by primary key, and the typed links pointing at them. */
export async function deleteRows(
  db: LedgerDatabase,
  table: Table,
  keys: readonly IndexableType[],
): Promise<number> {
  if (keys.length === 0) return 0;
  await table.bulkDelete([...keys]);
  for (const { linkTable, targetType } of linksTo(table.name)) {
    await db
      .table(linkTable)
      .where('[targetType+targetId]')
      .anyOf(
        keys
          .filter((key) => typeof key === 'string')
          .map((key): [string, string] => [targetType, key]),
      )
      .delete();
  }
  return keys.length;
}

export async function deleteDependents(
  db: LedgerDatabase,
  foreignKey: string,
  ownerId: string,
): Promise<number> {
  let removed = 0;
  for (const table of directlyReferencing(db, foreignKey)) {
    const owned = table.where(foreignKey).equals(ownerId);
    // Only rows that links may point at need their keys read first.
    removed +=
      linksTo(table.name).length === 0
        ? await owned.delete()
        : await deleteRows(db, table, await owned.primaryKeys());
  }
  return removed;
}

/** Rows a cascade removed, by table: what putting them back needs. */
export type RemovedRows = readonly { table: string; rows: readonly unknown[] }[];

async function linkRowsTo(
  db: LedgerDatabase,
  tableName: string,
  keys: readonly IndexableType[],
): Promise<{ table: string; rows: unknown[] }[]> {
  const ids = keys.filter((key) => typeof key === 'string');
  return Promise.all(
    linksTo(tableName).map(async ({ linkTable, targetType }) => ({
      table: linkTable,
      rows: await db
        .table(linkTable)
        .where('[targetType+targetId]')
        .anyOf(ids.map((id): [string, string] => [targetType, id]))
        .toArray(),
    })),
  );
}

/**
 * What deleting `ownerKey` from `table` with `deleteDependents` and `deleteRows` removes, read
 * first inside the same transaction: the row, the rows owned through `foreignKey`, and the links
 * to any of them (for an undo).
 */
export async function rowsRemovedWith(
  db: LedgerDatabase,
  table: Table,
  ownerKey: string,
  foreignKey: string,
): Promise<RemovedRows> {
  const groups: { table: string; rows: unknown[] }[] = [];
  const own: unknown = await table.get(ownerKey);
  groups.push({ table: table.name, rows: own === undefined ? [] : [own] });
  groups.push(...(await linkRowsTo(db, table.name, [ownerKey])));
  for (const dependent of directlyReferencing(db, foreignKey)) {
    const owned = dependent.where(foreignKey).equals(ownerKey);
    groups.push({ table: dependent.name, rows: await owned.toArray() });
    groups.push(...(await linkRowsTo(db, dependent.name, await owned.primaryKeys())));
  }
  return groups.filter((group) => group.rows.length > 0);
}

/** Puts removed rows back as they were (inside the caller's transaction over their tables). */
export async function putBack(db: LedgerDatabase, removed: RemovedRows): Promise<void> {
  for (const { table, rows } of removed) await db.table(table).bulkPut([...rows]);
}
