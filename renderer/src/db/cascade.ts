import type { Table } from 'dexie';
import type { LedgerDatabase } from './db';

/**
 * Tables holding rows that belong to another row through an indexed foreign key
 * (`workspaceId`, `sprintId` ...). Deleting the owner deletes them too, in the same transaction,
 * so features added later are covered by declaring the index, not by editing every delete.
 */
export function tablesReferencing(db: LedgerDatabase, foreignKey: string): Table[] {
  return db.tables.filter((table) =>
    table.schema.indexes.some((index) => index.name === foreignKey),
  );
}

export async function deleteDependents(
  db: LedgerDatabase,
  foreignKey: string,
  ownerId: string,
): Promise<number> {
  let removed = 0;
  for (const table of tablesReferencing(db, foreignKey)) {
    removed += await table.where(foreignKey).equals(ownerId).delete();
  }
  return removed;
}
