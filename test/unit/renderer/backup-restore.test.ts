// @vitest-environment node
// Node's own Blob survives fake-indexeddb's structured clone; happy-dom's does not.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BlobRef } from '../../../core/archive/values';
import { collectBlobs, encodeValue } from '../../../core/archive/values';
import { sha256Hex } from '../../../core/util/hash';
import type { TableSource } from '../../../core/archive/writer';
import { writeArchive } from '../../../core/archive/writer';
import { memorySink } from '../../support/ledger';
import type * as SchemaModule from '../../../renderer/src/db/schema';

// A feature table holding evidence Blobs, as the evidence feature adds one: backup and
// restore must carry any table, whoever declares it.
vi.mock('../../../renderer/src/db/schema', async (importOriginal) => {
  const original = await importOriginal<typeof SchemaModule>();
  const latest = original.SCHEMA_VERSIONS.at(-1)?.version ?? 1;
  const policy: Record<string, 'full' | 'keys' | 'off'> = {
    ...original.AUDIT_POLICY,
    evidenceFiles: 'keys',
    drafts: 'off',
  };
  return {
    ...original,
    SCHEMA_VERSIONS: [
      ...original.SCHEMA_VERSIONS,
      { version: latest + 1, stores: { evidenceFiles: 'sha256, workspaceId', drafts: '' } },
    ],
    auditDetail: (table: string) => policy[table] ?? 'full',
  };
});

const { LedgerDatabase } = await import('../../../renderer/src/db/db');
const { backUpDatabase } = await import('../../../renderer/src/features/backup/backup');
const { inspectArchive, restoreArchive } =
  await import('../../../renderer/src/features/backup/restore');
const { verifyLedger } = await import('../../../renderer/src/features/audit/verify');
const { tableSources } = await import('../../../renderer/src/features/backup/source');
type Ledger = InstanceType<typeof LedgerDatabase>;

const now = () => new Date('2026-11-26T12:00:00.000Z');
const opened: Ledger[] = [];

function openLedger(name = `backup-${crypto.randomUUID()}`): Ledger {
  const db = new LedgerDatabase(name, { actor: () => 'alice', now });
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

async function populate(db: Ledger, workspaces = 3): Promise<void> {
  const at = now().toISOString();
  for (let w = 1; w <= workspaces; w += 1) {
    await db.workspaces.add({
      id: id(w),
      name: `Workspace ${w}`,
      description: '',
      createdAt: at,
      updatedAt: at,
    });
    await db.sprints.add({
      id: id(100 + w),
      workspaceId: id(w),
      teamId: null,
      name: `Sprint ${w}`,
      goal: '',
      startDate: '2026-11-16',
      endDate: '2026-11-27',
      createdAt: at,
      updatedAt: at,
    });
    const content = new Uint8Array(5000 + w).map((_, index) => (index * w) & 255);
    await db.table('evidenceFiles').add({
      sha256: sha256Hex(content),
      workspaceId: id(w),
      file: new File([content], `scan-${w}.xml`, {
        type: 'application/xml',
        lastModified: 1_700_000_000_000,
      }),
      parsed: { findings: [w, undefined, null], when: new Date(Date.UTC(2026, 10, w)) },
    });
  }
  await db.workspaces.update(id(1), { name: 'Renamed' });
  await db.table('drafts').put({ text: 'unsaved note' }, 'draft-1');
  await db.settings.put({ key: 'theme', value: 'dark' });
}

/** Every table, every row, Blob contents by hash: equal dumps mean identical databases. */
async function dump(db: Ledger): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of db.tables) {
    const rows: string[] = [];
    const all: { key: unknown; value: unknown }[] = [];
    await table
      .toCollection()
      .each((value: unknown, cursor) => all.push({ key: cursor.primaryKey, value }));
    for (const { key, value } of all) {
      const refs = new Map<Blob, BlobRef>();
      for (const blob of collectBlobs(value)) {
        const bytes = new Uint8Array(await blob.arrayBuffer());
        refs.set(blob, { path: '', size: blob.size, type: blob.type, sha256: sha256Hex(bytes) });
      }
      const refOf = (blob: Blob): BlobRef => refs.get(blob) as BlobRef;
      rows.push(JSON.stringify([encodeValue(key, refOf), encodeValue(value, refOf)]));
      if (value && typeof value === 'object' && 'file' in value && value.file instanceof File) {
        rows.push(
          `file:${value.file.name}:${value.file.lastModified}:${value.file.constructor.name}`,
        );
      }
    }
    out[table.name] = rows;
  }
  return out;
}

async function backUp(db: Ledger): Promise<Uint8Array<ArrayBuffer>> {
  const sink = memorySink();
  const result = await backUpDatabase(
    db,
    async () => ({
      sink,
      commit: async () => ({
        path: 'memory',
        size: sink.bytes().length,
        sha256: sha256Hex(sink.bytes()),
        signedBy: null,
        unsignedReason: null,
      }),
      abort: async () => undefined,
    }),
    { createdBy: 'alice', app: { name: 'Demo Ledger', version: '0.1.0' }, now },
  );
  expect(result?.manifest.kind).toBe('backup');
  return sink.bytes();
}

describe('backup and restore', () => {
  it('backup → wipe → restore gives identical records, blobs and chain head', async () => {
    const source = openLedger();
    await populate(source);
    const before = await dump(source);
    const head = await source.auditHead();
    const archive = await backUp(source);

    await source.delete();
    const target = openLedger(source.name);
    await target.open();
    expect((await dump(target))['workspaces']).toEqual([]);

    const file = new Blob([archive]);
    const inspection = await inspectArchive(target, file);
    expect(inspection).toMatchObject({ incompatibility: null, profileEmpty: true });
    expect(inspection.verdict.problems).toEqual([]);
    const result = await restoreArchive(target, file, inspection, { replace: false });

    expect(await dump(target)).toEqual(before);
    expect(await target.auditHead()).toEqual(head);
    expect(result.ledger).toMatchObject({ mismatches: [], headMatches: true, chain: { ok: true } });
    expect(result.rows).toBe(
      Object.values(before).reduce(
        (sum, rows) => sum + rows.filter((row) => !row.startsWith('file:')).length,
        0,
      ),
    );
    // The restored store keeps working: the next change links to the restored head.
    await target.workspaces.update(id(2), { name: 'After restore' });
    expect((await verifyLedger(target)).chain).toMatchObject({
      ok: true,
      checked: (head?.seq ?? 0) + 1,
    });
  });

  it('reads every table a page per transaction, each row with its own key (outbound too)', async () => {
    const db = openLedger();
    await populate(db, 5);
    await db.table('drafts').put({ text: 'second' }, 'draft-0');
    await db.table('drafts').put({ text: 'third' }, 'draft-2');
    const transactions = vi.spyOn(db, 'transaction');
    for (const source of tableSources(db, 2)) {
      const table = db.table(source.name);
      const expected: { key: unknown; value: unknown }[] = [];
      await table
        .toCollection()
        .each((value: unknown, cursor) => expected.push({ key: cursor.primaryKey, value }));
      const pages: number[] = [];
      const read: { key: unknown; value: unknown }[] = [];
      for await (const page of source.pages()) {
        pages.push(page.length);
        read.push(...page);
      }
      expect(read, source.name).toEqual(expected);
      expect(pages.every((size) => size <= 2)).toBe(true);
    }
    expect(transactions).toHaveBeenCalled();
    transactions.mockRestore();
  });

  it('keeps the person at the keyboard, who joins restored data that does not know them', async () => {
    const person = (n: number, name: string) => ({
      id: id(900 + n),
      name,
      role: 'auditor' as const,
      organisation: '',
      createdAt: now().toISOString(),
      updatedAt: now().toISOString(),
    });
    const source = openLedger();
    await source.people.add(person(1, 'Dana Reyes'));
    await source.settings.put({ key: 'currentPersonId', value: id(901) });
    await populate(source, 1);
    const archive = new Blob([await backUp(source)]);

    // Only who is here: the profile counts as empty, and Dana, whom the backup knows, stays.
    const same = openLedger();
    await same.people.add(person(1, 'Dana Reyes'));
    await same.settings.put({ key: 'currentPersonId', value: id(901) });
    const inspection = await inspectArchive(same, archive);
    expect(inspection.profileEmpty).toBe(true);
    await restoreArchive(same, archive, inspection, { replace: false });
    expect((await same.settings.get('currentPersonId'))?.value).toBe(id(901));

    // Sam restores Dana's backup on his computer: Sam stays at his keyboard and joins the
    // restored data, recorded in its log after the restored entries.
    const other = openLedger();
    await other.people.add(person(2, 'Sam Okafor'));
    await other.settings.put({ key: 'currentPersonId', value: id(902) });
    const result = await restoreArchive(other, archive, await inspectArchive(other, archive), {
      replace: false,
    });
    expect((await other.settings.get('currentPersonId'))?.value).toBe(id(902));
    expect((await other.people.orderBy('name').toArray()).map((row) => row.name)).toEqual([
      'Dana Reyes',
      'Sam Okafor',
    ]);
    expect(await other.auditLog.orderBy('seq').last()).toMatchObject({
      entity: 'people',
      key: id(902),
      action: 'person',
    });
    expect(result.ledger).toMatchObject({ mismatches: [], headMatches: true, chain: { ok: true } });

    // Dana wipes her profile, answers the first run again and restores her own backup: she is
    // the Dana of the backup, not a second one.
    const fresh = openLedger();
    await fresh.people.add({ ...person(1, 'Dana Reyes'), id: id(903) });
    await fresh.settings.put({ key: 'currentPersonId', value: id(903) });
    await restoreArchive(fresh, archive, await inspectArchive(fresh, archive), { replace: true });
    expect((await fresh.settings.get('currentPersonId'))?.value).toBe(id(901));
    expect(await fresh.people.count()).toBe(1);
    expect(await fresh.auditHead()).toEqual(await source.auditHead());
  });

  it('a flipped byte anywhere is detected and nothing is imported', async () => {
    const source = openLedger();
    await populate(source, 2);
    const archive = await backUp(source);
    const target = openLedger();
    await target.settings.put({ key: 'theme', value: 'light' });
    const before = await dump(target);
    const text = new TextDecoder('latin1').decode(archive);
    const positions = [
      text.indexOf('Workspace 2'),
      text.indexOf('"createdBy"'),
      text.lastIndexOf('tables/sprints'),
      archive.length - 1500,
      1024 + 100,
      700,
    ];
    for (const position of positions) {
      const damaged = archive.slice();
      damaged[position] = (damaged[position] ?? 0) ^ 0x20;
      const file = new Blob([damaged]);
      const inspection = await inspectArchive(target, file);
      expect(inspection.verdict.ok, `byte ${position}`).toBe(false);
      await expect(restoreArchive(target, file, inspection, { replace: true })).rejects.toThrow(
        /cannot be restored/,
      );
      expect(await dump(target)).toEqual(before);
    }
  });

  it('refuses to restore over data unless told to replace it, then replaces everything', async () => {
    const source = openLedger();
    await populate(source, 1);
    const archive = new Blob([await backUp(source)]);
    const wanted = await dump(source);
    const target = openLedger();
    await populate(target, 3);
    const inspection = await inspectArchive(target, archive);
    expect(inspection.profileEmpty).toBe(false);
    await expect(restoreArchive(target, archive, inspection, { replace: false })).rejects.toThrow(
      'This profile already holds data.',
    );
    await restoreArchive(target, archive, inspection, { replace: true });
    expect(await dump(target)).toEqual(wanted);
  });

  it('changes nothing when the archive changes on disk after it was checked', async () => {
    const source = openLedger();
    await populate(source, 3);
    const archive = await backUp(source);
    const target = openLedger();
    await populate(target, 1);
    const before = await dump(target);
    const inspection = await inspectArchive(target, new Blob([archive]));
    // Same size, one row file changed: the restore is well under way when it finds out.
    const changed = archive.slice();
    const at = new TextDecoder('latin1').decode(archive).lastIndexOf('Sprint 3');
    changed[at] = 'X'.charCodeAt(0);
    await expect(
      restoreArchive(target, new Blob([changed]), inspection, { replace: true }),
    ).rejects.toThrow('The archive file changed after it was checked; nothing was restored.');
    expect(await dump(target)).toEqual(before);
  });

  it('refuses archives from a newer version, or holding tables this version lacks', async () => {
    const source = openLedger();
    await populate(source, 1);
    const target = openLedger();
    await target.open();
    const archiveWith = async (tables: TableSource[], schemaVersion: number): Promise<Blob> => {
      const sink = memorySink();
      await writeArchive(tables, sink, {
        kind: 'backup',
        createdAt: now(),
        createdBy: 'alice',
        app: { name: 'Demo Ledger', version: '9.0.0' },
        database: { name: source.name, schemaVersion },
      });
      return new Blob([sink.bytes()]);
    };
    const newer = await archiveWith(tableSources(source), source.verno + 1);
    const inspection = await inspectArchive(target, newer);
    expect(inspection.verdict.ok).toBe(true);
    expect(inspection.incompatibility).toMatch(/made by a newer version of Demo Ledger/);
    await expect(restoreArchive(target, newer, inspection, { replace: true })).rejects.toThrow(
      /newer version/,
    );
    const extra: TableSource = {
      name: 'futureFeature',
      schema: 'id',
      primaryKey: 'id',
      autoIncrement: false,
      audited: false,
      async *pages() {
        yield [{ key: 'x', value: { id: 'x' } }];
      },
    };
    const unknown = await inspectArchive(
      target,
      await archiveWith([...tableSources(source), extra], source.verno),
    );
    expect(unknown.incompatibility).toMatch(/holds the table “futureFeature”/);
  });

  it('starts the backup again when the ledger changes while it is being read', async () => {
    const db = openLedger();
    await populate(db, 2);
    let opened = 0;
    let aborted = 0;
    const sink = memorySink();
    const result = await backUpDatabase(
      db,
      async () => {
        opened += 1;
        return {
          sink: opened === 1 ? { write: async () => undefined } : sink,
          commit: async () => ({
            path: 'memory',
            size: 0,
            sha256: '0'.repeat(64),
            signedBy: null,
            unsignedReason: null,
          }),
          abort: async () => void (aborted += 1),
        };
      },
      {
        createdBy: 'alice',
        app: { name: 'Demo Ledger', version: '0.1.0' },
        onProgress: ({ table }) => {
          if (opened === 1 && table === 'evidenceFiles')
            void db.workspaces.update(id(1), { description: 'edited meanwhile' });
        },
      },
    );
    expect([opened, aborted]).toEqual([2, 1]);
    expect(result?.manifest.audit.head).toEqual(await db.auditHead());
  });
});

describe('edits behind the app’s back', () => {
  it('are detected in every audited table, and a log cut short is detected too', async () => {
    const db = openLedger();
    await populate(db, 2);
    expect(await verifyLedger(db)).toMatchObject({ mismatches: [], headMatches: true });
    for (const [table, key, change] of [
      ['workspaces', id(2), { name: 'Edited' }],
      ['sprints', id(101), { goal: 'Edited' }],
      ['evidenceFiles', null, { parsed: { findings: [] } }],
    ] as const) {
      const raw = new Dexie(db.name);
      await raw.open();
      const rawTable = raw.table(table);
      const primaryKey = key ?? ((await rawTable.toCollection().primaryKeys())[0] as string);
      await rawTable.update(primaryKey, change);
      raw.close();
      const verdict = await verifyLedger(db);
      expect(verdict.mismatches, table).toContainEqual({
        entity: table,
        key: primaryKey,
        problem: 'changed-outside-the-log',
      });
    }
    const raw = new Dexie(db.name);
    await raw.open();
    const last = (await raw.table('auditLog').orderBy('seq').last()) as { seq: number };
    await raw.table('auditLog').delete(last.seq);
    raw.close();
    expect(await verifyLedger(db)).toMatchObject({ headMatches: false, chain: { ok: true } });
  });
});
