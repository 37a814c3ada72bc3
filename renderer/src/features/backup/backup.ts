import type Dexie from 'dexie';
import type { ChainHead } from '../../../../core/audit/chain';
import { EMPTY_HEAD, HEAD_LOCATION } from '../../../../core/audit/chain';
import type { Manifest } from '../../../../core/archive/format';
import type { ArchiveProgress, ByteSink } from '../../../../core/archive/writer';
import { writeArchive } from '../../../../core/archive/writer';
import { tableSources } from './source';

/** A kept backup: where, how big, its SHA-256, and who signed it (or why no one did). */
export interface SavedBackup {
  path: string;
  size: number;
  /** SHA-256 of the whole archive file, for the user to note down. */
  sha256: string;
  signedBy: string | null;
  unsignedReason: string | null;
}

/** Where an archive is being written; `commit` keeps it, `abort` throws it away. */
export interface ArchiveTarget {
  sink: ByteSink;
  commit(): Promise<SavedBackup>;
  abort(): Promise<void>;
}

export interface BackupResult extends SavedBackup {
  manifest: Manifest;
}

export interface BackupOptions {
  createdBy: string;
  app: Manifest['app'];
  now?: () => Date;
  onProgress?: (progress: ArchiveProgress) => void;
  /** How often to start again when the ledger changes while it is being read. */
  attempts?: number;
  /** Who will sign it, or why it stays unsigned (written into its manifest). */
  signing?: Manifest['backup'];
}

export class BackupError extends Error {
  override readonly name = 'BackupError';
}

/**
 * Backs up every table. Tables are read page by page rather than in one long transaction (which
 * would hold up every edit for the whole backup), so the result is checked instead: every change
 * moves the audit head, and a backup is kept only if the head was the same before and after it
 * and equals the last entry it holds. Otherwise it starts again.
 */
export async function backUpDatabase(
  db: Dexie,
  openTarget: () => Promise<ArchiveTarget | null>,
  options: BackupOptions,
): Promise<BackupResult | null> {
  const attempts = options.attempts ?? 3;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const target = await openTarget();
    if (target === null) return null;
    let manifest: Manifest;
    let before: ChainHead;
    try {
      before = await readAuditHead(db);
      manifest = await writeArchive(tableSources(db), target.sink, {
        kind: 'backup',
        createdAt: (options.now ?? (() => new Date()))(),
        createdBy: options.createdBy,
        app: options.app,
        database: { name: db.name, schemaVersion: db.verno },
        ...(options.signing ? { backup: options.signing } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
    } catch (error) {
      await target.abort().catch(() => undefined);
      throw error;
    }
    const after = await readAuditHead(db);
    if (sameHead(before, after) && sameHead(after, manifest.audit.head)) {
      const saved = await target.commit();
      return { ...saved, manifest };
    }
    await target.abort();
  }
  throw new BackupError(
    'The ledger kept changing while it was being backed up. Try again when no one is editing.',
  );
}

/** The chain head stored beside the log, through any connection to the ledger. */
export async function readAuditHead(db: Dexie): Promise<ChainHead> {
  const row = (await db.table(HEAD_LOCATION.table).get(HEAD_LOCATION.key)) as
    { value?: ChainHead } | undefined;
  return row?.value ?? EMPTY_HEAD;
}

function sameHead(a: ChainHead, b: ChainHead): boolean {
  return a.seq === b.seq && a.hash === b.hash;
}
