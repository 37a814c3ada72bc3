import { LedgerDatabase, DATABASE_NAME } from './db';

export { LedgerDatabase } from './db';
export type { CatalogRow, DemoDraftRow, MetaRow, SettingRow } from './db';

let actorName = 'unknown';

/** The person recorded as the actor of every audit entry from now on. */
export function setActor(name: string): void {
  const trimmed = name.trim();
  actorName = trimmed === '' ? 'unknown' : trimmed;
}

export function currentActor(): string {
  return actorName;
}

/** The app's one database. Components reach it only through feature queries and commands. */
export const db = new LedgerDatabase(DATABASE_NAME, { actor: currentActor, now: () => new Date() });
