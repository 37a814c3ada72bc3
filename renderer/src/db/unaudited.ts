import Dexie from 'dexie';
import { SCHEMA_VERSIONS } from './schema';

/**
 * A second connection to the same database, without the audit middleware. Restore writes
 * through it: a restore writes an archive's audit log and records exactly as they were, after checking
 * every hash and link; appending new entries for those writes would change the chain head the
 * archive pins. The verification worker reads through one too (it writes nothing). Everything
 * else goes through `db`.
 */
export function openUnauditedConnection(name: string): Dexie {
  const connection = new Dexie(name);
  for (const { version, stores } of SCHEMA_VERSIONS) connection.version(version).stores(stores);
  return connection;
}
