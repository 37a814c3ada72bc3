import { readFile, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { isBackupFileName } from '../../core/archive/format';
import { writeFileAtomic } from './files';

/**
 * The folder automatic backups go to. Main keeps the choice (made in a native folder dialog)
 * in its own settings file, so the renderer can ask for "a backup in the backup folder" but can
 * never name a folder to write into or delete from. The same file records every backup main
 * wrote there (name, size, SHA-256): only those are listed and pruned, so a file someone else put
 * in the folder under a backup's name is never offered for restore nor deleted.
 */

const SETTINGS_FILE = 'backup-folder.json';
const Written = z.object({
  name: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: z.string(),
});
type Written = z.infer<typeof Written>;
const Stored = z.object({
  folder: z.string().min(1),
  /** Absent in settings from versions that did not record their backups. */
  written: z.array(Written).max(100_000).optional(),
});
type Stored = z.infer<typeof Stored>;

export interface BackupFile {
  name: string;
  size: number;
  modifiedAt: string;
}

export class BackupFolder {
  /** Settings changes run one after another: each reads, changes and writes the whole file. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataPath: string) {}

  private get settingsPath(): string {
    return path.join(this.dataPath, SETTINGS_FILE);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async read(): Promise<Stored | null> {
    try {
      const parsed = Stored.safeParse(JSON.parse(await readFile(this.settingsPath, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  private async write(stored: Stored): Promise<void> {
    await writeFileAtomic(
      this.settingsPath,
      new TextEncoder().encode(`${JSON.stringify(stored)}\n`),
      {
        private: true,
      },
    );
  }

  async get(): Promise<string | null> {
    return (await this.read())?.folder ?? null;
  }

  async set(folder: string): Promise<void> {
    if (!path.isAbsolute(folder)) throw new Error('The backup folder must be an absolute path.');
    const resolved = path.resolve(folder);
    await this.exclusive(async () => {
      const current = await this.read();
      await this.write({
        folder: resolved,
        written: current?.folder === resolved ? (current.written ?? []) : [],
      });
    });
  }

  /** Records a backup main has just finished writing in the folder. */
  async recordWritten(file: { path: string; size: number; sha256: string }): Promise<void> {
    await this.exclusive(async () => {
      const stored = await this.read();
      if (stored === null || path.dirname(file.path) !== stored.folder) return;
      const name = path.basename(file.path);
      if (!isBackupFileName(name)) return;
      const others = (stored.written ?? []).filter((entry) => entry.name !== name);
      await this.write({
        ...stored,
        written: [...others, { name, size: file.size, sha256: file.sha256 }],
      });
    });
  }

  /**
   * Backups main wrote in the folder that are still there unchanged in size, oldest first (their
   * names sort by time). Records of files that are gone are dropped.
   */
  async list(): Promise<BackupFile[]> {
    return this.exclusive(async () => (await this.current())?.files ?? []);
  }

  /** Deletes all but the newest `keep` backups main wrote; never touches any other file. */
  async prune(keep: number): Promise<string[]> {
    if (!Number.isInteger(keep) || keep < 1) throw new Error('At least one backup must be kept.');
    return this.exclusive(async () => {
      const current = await this.current();
      if (current === null) return [];
      const { stored, files } = current;
      const doomed = files.slice(0, Math.max(0, files.length - keep)).map((file) => file.name);
      for (const name of doomed) await rm(path.join(stored.folder, name), { force: true });
      const gone = new Set(doomed);
      await this.write({
        ...stored,
        written: (stored.written ?? []).filter((entry) => !gone.has(entry.name)),
      });
      return doomed;
    });
  }

  /** The settings with their records brought up to date, and the files they name. */
  private async current(): Promise<{ stored: Stored; files: BackupFile[] } | null> {
    const stored = await this.read();
    if (stored === null) return null;
    // Settings written before backups were recorded: the backups then in the folder were listed
    // as the app's own, and are taken over once, by name and size.
    const written = stored.written ?? (await this.adoptExisting(stored.folder));
    const files: BackupFile[] = [];
    const kept: Written[] = [];
    for (const entry of [...written].sort((a, b) => a.name.localeCompare(b.name))) {
      const info = await stat(path.join(stored.folder, entry.name)).catch(() => null);
      if (info === null) continue;
      kept.push(entry);
      if (info.isFile() && info.size === entry.size)
        files.push({ name: entry.name, size: info.size, modifiedAt: info.mtime.toISOString() });
    }
    const updated = { ...stored, written: kept };
    if (stored.written === undefined || kept.length !== stored.written.length)
      await this.write(updated);
    return { stored: updated, files };
  }

  private async adoptExisting(folder: string): Promise<Written[]> {
    let names: string[];
    try {
      names = await readdir(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const adopted: Written[] = [];
    for (const name of names.filter(isBackupFileName)) {
      const info = await stat(path.join(folder, name));
      if (info.isFile()) adopted.push({ name, size: info.size, sha256: '' });
    }
    return adopted;
  }
}
