import { readFile, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { isBackupFileName } from '../../core/archive/format';
import { writeFileAtomic } from './files';

/**
 * The folder automatic backups go to. Main keeps the choice (made in a native folder dialog)
 * in its own settings file, so the renderer can ask for "a backup in the backup folder" but can
 * never name a folder to write into or delete from.
 */

const SETTINGS_FILE = 'backup-folder.json';
const Stored = z.object({ folder: z.string().min(1) });

export interface BackupFile {
  name: string;
  size: number;
  modifiedAt: string;
}

export class BackupFolder {
  constructor(private readonly dataPath: string) {}

  private get settingsPath(): string {
    return path.join(this.dataPath, SETTINGS_FILE);
  }

  async get(): Promise<string | null> {
    try {
      const parsed = Stored.safeParse(JSON.parse(await readFile(this.settingsPath, 'utf8')));
      return parsed.success ? parsed.data.folder : null;
    } catch {
      return null;
    }
  }

  async set(folder: string): Promise<void> {
    if (!path.isAbsolute(folder)) throw new Error('The backup folder must be an absolute path.');
    await writeFileAtomic(
      this.settingsPath,
      new TextEncoder().encode(`${JSON.stringify({ folder: path.resolve(folder) })}\n`),
    );
  }

  /** Backups in the folder, oldest first (their names sort by time). Other files are ignored. */
  async list(): Promise<BackupFile[]> {
    const folder = await this.get();
    if (folder === null) return [];
    let names: string[];
    try {
      names = await readdir(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const files: BackupFile[] = [];
    for (const name of names.filter(isBackupFileName).sort()) {
      const info = await stat(path.join(folder, name));
      if (info.isFile()) {
        files.push({ name, size: info.size, modifiedAt: info.mtime.toISOString() });
      }
    }
    return files;
  }

  /** Deletes all but the newest `keep` backups; never touches any other file. */
  async prune(keep: number): Promise<string[]> {
    if (!Number.isInteger(keep) || keep < 1) throw new Error('At least one backup must be kept.');
    const folder = await this.get();
    if (folder === null) return [];
    const backups = await this.list();
    const doomed = backups.slice(0, Math.max(0, backups.length - keep)).map((file) => file.name);
    for (const name of doomed) await rm(path.join(folder, name), { force: true });
    return doomed;
  }
}
