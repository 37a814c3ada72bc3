import Dexie from 'dexie';
import type { ArchiveVerdict } from '../../../../core/archive/verify';
import { verifyArchive } from '../../../../core/archive/verify';
import type { Manifest } from '../../../../core/archive/format';
import type { Person } from '../../../../core/model';
import { archiveBlobs, decodeRow, parseRowFile, rowOfLine } from '../../../../core/archive/rows';
import type { TarEntry } from '../../../../core/archive/tar';
import { createSha256 } from '../../../../core/util/hash';
import { withProgress } from '../../../../core/util/progress';
import type { LedgerDatabase } from '../../db';
import { SCHEMA_VERSIONS } from '../../db/schema';
import { openUnauditedConnection } from '../../db/unaudited';
import type { LedgerVerdict } from '../audit/verify';
import { startVerification } from '../audit/verifyClient';

export class RestoreError extends Error {
  override readonly name = 'RestoreError';
}

export type RestoreProgress =
  | { phase: 'verifying'; bytes: number; total: number }
  | { phase: 'writing'; rows: number; total: number };

export interface ArchiveInspection {
  verdict: ArchiveVerdict;
  /** Why this app cannot restore the archive even though it is intact; null when it can. */
  incompatibility: string | null;
  /** Whether the profile holds no data yet (device settings aside). */
  profileEmpty: boolean;
}

/**
 * Reads the whole archive once and checks everything a restore depends on: structure, every
 * hash, the audit chain, every record against the chain, and that this app's database can hold
 * it. Nothing is written.
 */
export async function inspectArchive(
  db: LedgerDatabase,
  file: Blob,
  onProgress?: (progress: RestoreProgress) => void,
): Promise<ArchiveInspection> {
  const counted = withProgress(file.stream(), file.size, (bytes, total) =>
    onProgress?.({ phase: 'verifying', bytes, total }),
  );
  const verdict = await verifyArchive(counted);
  return {
    verdict,
    incompatibility: verdict.manifest ? incompatibility(db, verdict.manifest) : null,
    profileEmpty: await isProfileEmpty(db),
  };
}

/** The device setting naming the person at the keyboard (see features/people). */
const CURRENT_PERSON = 'currentPersonId';

/** Device preferences (theme) do not make a profile "hold data". */
const DEVICE_TABLES = new Set(['settings', 'meta']);
/** Nor do the people who said who they are, with the log entries of just that. */
const PEOPLE_TABLE = 'people';

export async function isProfileEmpty(db: LedgerDatabase): Promise<boolean> {
  for (const table of db.tables) {
    if (DEVICE_TABLES.has(table.name) || table.name === PEOPLE_TABLE) continue;
    if (table.name === db.auditLog.name) {
      const aboutPeople = await db.auditLog.where('entity').equals(PEOPLE_TABLE).count();
      if ((await table.count()) > aboutPeople) return false;
    } else if ((await table.count()) > 0) return false;
  }
  return true;
}

function incompatibility(db: LedgerDatabase, manifest: Manifest): string | null {
  if (manifest.kind !== 'backup') {
    return 'This is an audit bundle, not a backup: import it in Settings → Audit bundles.';
  }
  const archived = manifest.database.schemaVersion;
  if (archived > db.verno) {
    return `This backup was made by a newer version of Demo Ledger (database version ${archived}; this app has ${db.verno}). Update the app to restore it.`;
  }
  const converting = SCHEMA_VERSIONS.some(
    (entry) => entry.version > archived && entry.version <= db.verno && 'upgrade' in entry,
  );
  if (converting) {
    return `This backup was made by an older version whose data must be converted (database version ${archived}). Restore it with that version, then open the data with this one.`;
  }
  const names = new Set(db.tables.map((table) => table.name));
  const missing = manifest.database.tables.find((table) => !names.has(table.name));
  return missing
    ? `This backup holds the table “${missing.name}”, which this version of Demo Ledger does not have.`
    : null;
}

export interface RestoreResult {
  rows: number;
  blobs: number;
  manifest: Manifest;
  /** The restored ledger, verified again from the database itself. */
  ledger: LedgerVerdict;
}

/**
 * Restores a verified archive: every table is emptied and refilled in ONE transaction on a
 * connection without the audit middleware, so the audit log and records come back exactly as
 * archived, and a failure, a cancelled window or a killed process leaves the store as it was.
 * Row files are read from the archive as the transaction goes (Dexie.waitFor keeps it open) and
 * checked against the manifest again, in case the file changed after it was verified; Blobs
 * become slices of the archive file, so evidence is never held in memory.
 */
export async function restoreArchive(
  db: LedgerDatabase,
  file: Blob,
  inspection: ArchiveInspection,
  options: { replace: boolean; onProgress?: (progress: RestoreProgress) => void },
): Promise<RestoreResult> {
  const { verdict } = inspection;
  const manifest = verdict.manifest;
  if (!verdict.ok || manifest === null) {
    throw new RestoreError(
      `This archive cannot be restored: ${verdict.problems[0] ?? 'it did not verify'}`,
    );
  }
  if (inspection.incompatibility) throw new RestoreError(inspection.incompatibility);
  if (!options.replace && !(await isProfileEmpty(db))) {
    throw new RestoreError(
      'This profile already holds data. Restore into an empty profile, or choose to replace everything.',
    );
  }
  const entries = new Map<string, TarEntry>(verdict.entries.map((entry) => [entry.name, entry]));
  const hashes = new Map(manifest.files.map((entry) => [entry.path, entry.sha256]));
  const total = manifest.database.tables.reduce((sum, table) => sum + table.rows, 0);
  const blobOf = archiveBlobs(
    file,
    entries,
    (path) => new RestoreError(`The archive has no ${path}.`),
  );

  const atKeyboard = await personAtKeyboard(db);
  let keyboardId: string | null = null;
  const connection = openUnauditedConnection(db.name);
  let rows = 0;
  try {
    await connection.open();
    await connection.transaction('rw', connection.tables, async () => {
      for (const table of connection.tables) await table.clear();
      for (const archived of manifest.database.tables) {
        const descriptor = verdict.tables.find((table) => table.name === archived.name);
        if (!descriptor) throw new RestoreError(`The archive does not describe ${archived.name}.`);
        const target = connection.table(archived.name);
        for (const path of archived.parts) {
          const entry = entries.get(path);
          if (!entry) throw new RestoreError(`The archive has no ${path}.`);
          const buffer = await Dexie.waitFor(
            file.slice(entry.dataOffset, entry.dataOffset + entry.size).arrayBuffer(),
          );
          const bytes = new Uint8Array(buffer);
          const hash = createSha256();
          hash.update(bytes);
          if (hash.hex() !== hashes.get(path)) {
            throw new RestoreError(
              'The archive file changed after it was checked; nothing was restored.',
            );
          }
          const decoded = parseRowFile(bytes, path).map((line, index) => {
            const row = rowOfLine(line, descriptor, `${path} line ${index + 1}`);
            return { key: row.key, value: decodeRow(row, blobOf) };
          });
          if (descriptor.primaryKey === null) {
            await target.bulkAdd(
              decoded.map((row) => row.value),
              decoded.map((row) => row.key as never),
            );
          } else {
            await target.bulkAdd(decoded.map((row) => row.value));
          }
          rows += decoded.length;
          options.onProgress?.({ phase: 'writing', rows, total });
        }
      }
      // Who is at the keyboard belongs to this computer, not to the backup: the person who
      // restores, or the one person of the restored data with their name, role and
      // organisation (their own backup restored into a new profile).
      const restoredPeople = (await connection.table('people').toArray()) as Person[];
      keyboardId =
        atKeyboard === null
          ? null
          : (restoredPeople.find((person) => person.id === atKeyboard.id)?.id ??
            onlyOne(restoredPeople.filter((person) => samePerson(person, atKeyboard)))?.id ??
            atKeyboard.id);
      const settings = connection.table('settings');
      const restored = (await settings.get(CURRENT_PERSON)) as { value?: unknown } | undefined;
      if ((restored?.value ?? null) !== keyboardId)
        await settings.put({ key: CURRENT_PERSON, value: keyboardId });
    });
  } finally {
    connection.close();
  }
  // Someone the restored data does not know (a backup from another computer) joins it, and
  // the log says so.
  if (atKeyboard !== null && keyboardId === atKeyboard.id && !(await db.people.get(keyboardId))) {
    await db.audited('person', ['people'], () => db.people.add(atKeyboard));
  }
  const ledger = await startVerification(db).result;
  return { rows, blobs: manifest.blobs.count, manifest, ledger };
}

function samePerson(a: Person, b: Person): boolean {
  return a.name === b.name && a.role === b.role && a.organisation === b.organisation;
}

function onlyOne<T>(items: readonly T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}

async function personAtKeyboard(db: LedgerDatabase): Promise<Person | null> {
  const setting = await db.settings.get(CURRENT_PERSON);
  const id = typeof setting?.value === 'string' ? setting.value : null;
  return id === null ? null : ((await db.people.get(id)) ?? null);
}
