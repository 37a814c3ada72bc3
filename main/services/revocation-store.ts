import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { RevocationListSummary } from '../../core/signing/revocation-list';
import {
  revocationListsFromFile,
  summariseRevocationList,
} from '../../core/signing/revocation-list';
import { fromBase64, toBase64 } from '../../core/util/bytes';
import { writeFileAtomic } from './files';

/**
 * Certificate revocation lists the auditor was given by the CAs they trust: sign-off checks
 * consult them to say whether a signer's certificate was revoked (without one, revocation is
 * reported as not checked). A newer list of the same issuer replaces the older one.
 */

const StoredLists = z.object({
  version: z.literal(1),
  lists: z
    .array(z.object({ der: z.string(), label: z.string().max(200), addedAt: z.string() }))
    .max(200),
});
type StoredLists = z.infer<typeof StoredLists>;

export interface RevocationListEntry extends RevocationListSummary {
  label: string;
  addedAt: string;
}

export class RevocationStore {
  private readonly file: string;

  constructor(directory: string) {
    this.file = path.join(directory, 'revocation-lists.json');
  }

  async list(): Promise<RevocationListEntry[]> {
    const stored = await this.read();
    return Promise.all(
      stored.lists.map(async (entry) => ({
        ...(await summariseRevocationList(fromBase64(entry.der))),
        label: entry.label,
        addedAt: entry.addedAt,
      })),
    );
  }

  /** DER of every list, for the checks. */
  async lists(): Promise<Uint8Array[]> {
    return (await this.read()).lists.map((entry) => fromBase64(entry.der));
  }

  /** Adds the lists in a file, each replacing an older one of its issuer; returns how many. */
  async add(file: Uint8Array, label: string, now = new Date()): Promise<number> {
    const incoming = revocationListsFromFile(file);
    const stored = await this.read();
    let kept = await Promise.all(
      stored.lists.map(async (entry) => ({
        entry,
        summary: await summariseRevocationList(fromBase64(entry.der)),
      })),
    );
    let added = 0;
    for (const der of incoming) {
      const summary = await summariseRevocationList(der);
      const newer = kept.some(
        (item) =>
          item.summary.issuer === summary.issuer && item.summary.thisUpdate >= summary.thisUpdate,
      );
      if (newer) continue;
      kept = kept.filter((item) => item.summary.issuer !== summary.issuer);
      kept.push({
        entry: { der: toBase64(der), label: label || summary.issuer, addedAt: now.toISOString() },
        summary,
      });
      added += 1;
    }
    await this.write({ version: 1, lists: kept.map((item) => item.entry) });
    return added;
  }

  async remove(fingerprint: string): Promise<boolean> {
    const stored = await this.read();
    const kept: StoredLists['lists'] = [];
    for (const entry of stored.lists) {
      const summary = await summariseRevocationList(fromBase64(entry.der));
      if (summary.fingerprint !== fingerprint) kept.push(entry);
    }
    if (kept.length === stored.lists.length) return false;
    await this.write({ version: 1, lists: kept });
    return true;
  }

  private async read(): Promise<StoredLists> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, lists: [] };
      throw error;
    }
    const parsed = StoredLists.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`The revocation lists (${this.file}) are damaged.`);
    return parsed.data;
  }

  private async write(stored: StoredLists): Promise<void> {
    await writeFileAtomic(
      this.file,
      new TextEncoder().encode(`${JSON.stringify(stored, null, 2)}\n`),
      { private: true },
    );
  }
}
