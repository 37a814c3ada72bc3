import Dexie from 'dexie';
import type { ArchiveVerdict } from '../../../../core/archive/verify';
import { verifyArchive } from '../../../../core/archive/verify';
import type { Manifest } from '../../../../core/archive/format';
import type { Person } from '../../../../core/model';
import { archiveBlobs, decodeRow, parseRowFile, rowOfLine } from '../../../../core/archive/rows';
import type { TarEntry } from '../../../../core/archive/tar';
import { createSha256 } from '../../../../core/util/hash';
import { withProgress } from '../../../../core/util/progress';
import { SCHEMA_VERSIONS } from '../../db/schema';
import { openUnauditedConnection } from '../../db/unaudited';
import type { JobBody } from '../../lib/workerJob';

/**
 * Restore's work on the ledger, as a job for the restore worker (or this thread where there
 * are no workers), through a connection of its own without the audit middleware. `inspect`
 * reads the whole archive once and writes nothing; `write` replaces the ledger with it in ONE
 * read-write transaction, so a failure, a cancel (the worker is terminated and its transaction
 * with it) or a killed process leaves the ledger as it was. Memory holds one row file (at most
 * a few MiB) at a time: the archive is streamed, and Blobs are slices of the archive file.
 */

export class RestoreError extends Error {
  override readonly name = 'RestoreError';
}

export type RestoreProgress =
  | { phase: 'verifying'; bytes: number; total: number }
  | { phase: 'writing'; rows: number; total: number }
  | { phase: 'checking'; done: number; total: number };

export interface ArchiveInspection {
  verdict: ArchiveVerdict;
  /** Why this app cannot restore the archive even though it is intact; null when it can. */
  incompatibility: string | null;
  /** Whether the profile holds no data yet (device settings aside). */
  profileEmpty: boolean;
}

export type RestoreRequest =
  | { mode: 'inspect'; database: string; file: Blob }
  | {
      mode: 'write';
      database: string;
      file: Blob;
      inspection: ArchiveInspection;
      replace: boolean;
      /** The person at this computer's keyboard before the restore, if any. */
      atKeyboard: Person | null;
    };

export type RestoreAnswer =
  | { mode: 'inspect'; inspection: ArchiveInspection }
  | { mode: 'write'; rows: number; keyboardId: string | null };

export const restoreJob: JobBody<
  RestoreRequest,
  RestoreAnswer,
  RestoreProgress,
  Record<string, never>
> = async (request, { progress, signal }) => {
  const connection = openUnauditedConnection(request.database);
  try {
    await connection.open();
    if (request.mode === 'inspect') {
      const inspection = await inspectWith(connection, request.file, progress);
      signal.throwIfAborted();
      return { mode: 'inspect', inspection };
    }
    const written = await writeArchiveInto(connection, request, progress, signal);
    return { mode: 'write', ...written };
  } finally {
    connection.close();
  }
};

async function inspectWith(
  connection: Dexie,
  file: Blob,
  onProgress: (progress: RestoreProgress) => void,
): Promise<ArchiveInspection> {
  const counted = withProgress(file.stream(), file.size, (bytes, total) =>
    onProgress({ phase: 'verifying', bytes, total }),
  );
  const verdict = await verifyArchive(counted);
  return {
    verdict,
    incompatibility: verdict.manifest ? incompatibility(connection, verdict.manifest) : null,
    profileEmpty: await isProfileEmpty(connection),
  };
}

/** The device setting naming the person at the keyboard (see features/people). */
export const CURRENT_PERSON = 'currentPersonId';

/** Device preferences (theme) do not make a profile "hold data". */
const DEVICE_TABLES = new Set(['settings', 'meta']);
/** Nor do the people who said who they are, with the log entries of just that. */
const PEOPLE_TABLE = 'people';
const LOG_TABLE = 'auditLog';

export async function isProfileEmpty(db: Dexie): Promise<boolean> {
  for (const table of db.tables) {
    if (DEVICE_TABLES.has(table.name) || table.name === PEOPLE_TABLE) continue;
    if (table.name === LOG_TABLE) {
      const aboutPeople = await table.where('entity').equals(PEOPLE_TABLE).count();
      if ((await table.count()) > aboutPeople) return false;
    } else if ((await table.count()) > 0) return false;
  }
  return true;
}

function incompatibility(db: Dexie, manifest: Manifest): string | null {
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

/** Whether a verified inspection may be written; throws the reason it may not. */
export function assertRestorable(inspection: ArchiveInspection): Manifest {
  const { verdict } = inspection;
  if (!verdict.ok || verdict.manifest === null) {
    throw new RestoreError(
      `This archive cannot be restored: ${verdict.problems[0] ?? 'it did not verify'}`,
    );
  }
  if (inspection.incompatibility) throw new RestoreError(inspection.incompatibility);
  return verdict.manifest;
}

/**
 * Empties and refills every table in one transaction. Row files are read from the archive as
 * the transaction goes (Dexie.waitFor keeps it open) and checked against the manifest again,
 * in case the file changed after it was verified.
 */
async function writeArchiveInto(
  connection: Dexie,
  request: Extract<RestoreRequest, { mode: 'write' }>,
  onProgress: (progress: RestoreProgress) => void,
  signal: AbortSignal,
): Promise<{ rows: number; keyboardId: string | null }> {
  const { file, inspection, atKeyboard } = request;
  const manifest = assertRestorable(inspection);
  const { verdict } = inspection;
  if (!request.replace && !(await isProfileEmpty(connection))) {
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
  let rows = 0;
  let keyboardId: string | null = null;
  await connection.transaction('rw', connection.tables, async () => {
    for (const table of connection.tables) await table.clear();
    for (const archived of manifest.database.tables) {
      const descriptor = verdict.tables.find((table) => table.name === archived.name);
      if (!descriptor) throw new RestoreError(`The archive does not describe ${archived.name}.`);
      const target = connection.table(archived.name);
      for (const path of archived.parts) {
        // A cancel in this thread aborts the transaction: nothing of it is kept.
        signal.throwIfAborted();
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
        onProgress({ phase: 'writing', rows, total });
      }
    }
    signal.throwIfAborted();
    // Who is at the keyboard belongs to this computer, not to the backup: the person who
    // restores, or the one person of the restored data with their name, role and
    // organisation (their own backup restored into a new profile).
    const restoredPeople = (await connection.table(PEOPLE_TABLE).toArray()) as Person[];
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
  return { rows, keyboardId };
}

function samePerson(a: Person, b: Person): boolean {
  return a.name === b.name && a.role === b.role && a.organisation === b.organisation;
}

function onlyOne<T>(items: readonly T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}
