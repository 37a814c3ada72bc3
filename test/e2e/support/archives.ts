import type { SyntheticLedgerOptions } from '../../support/ledger';
import { syntheticLedger } from '../../support/ledger';
import { writeArchiveFile } from '../../support/archive-file';
import { nodeSha256 } from '../../../main/services/archive-file';

/** The app's database version, which an archive must carry to be restorable. */
export const APP_SCHEMA_VERSION = 8;

/** Writes a backup of a synthetic ledger (valid chain) using only the app's own tables. */
export async function writeSyntheticBackup(
  file: string,
  options: SyntheticLedgerOptions,
): Promise<{ rows: number; head: { seq: number; hash: string } }> {
  const ledger = syntheticLedger({ ...options, schema: 'app' });
  await writeArchiveFile(file, ledger.tables, {
    kind: 'backup',
    createdAt: new Date('2026-11-26T12:00:00.000Z'),
    createdBy: 'generator',
    app: { name: 'Demo Ledger', version: '0.1.0' },
    database: { name: 'demo-ledger', schemaVersion: APP_SCHEMA_VERSION },
    createSha256: nodeSha256,
  });
  const rows = [...ledger.rows.values()].reduce((sum, list) => sum + list.length, 0);
  return { rows, head: ledger.head };
}
