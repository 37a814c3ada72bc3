import type { AuditEntry, ChainHead } from '../../core/audit/chain';
import { EMPTY_HEAD, HEAD_LOCATION, nextEntry } from '../../core/audit/chain';
import type { TableDescriptor } from '../../core/archive/format';
import type { StoredRow, TableSource } from '../../core/archive/writer';
import { concatBytes } from '../../core/util/bytes';

/**
 * A ledger built in memory with a valid hash chain, as the app's audit middleware would have
 * written it: for archive tests, the large-restore e2e test and the benchmarks.
 */
export interface SyntheticLedgerOptions {
  workspaces?: number;
  sprintsPerWorkspace?: number;
  /** Evidence rows, each holding a Blob of `blobBytes` bytes. */
  blobs?: number;
  blobBytes?: number;
  actor?: string;
  start?: Date;
  /**
   * `evidence` adds an evidence table holding the Blobs; `app` uses only the tables the app
   * declares today (so the app can restore it) and attaches the Blobs to workspaces.
   */
  schema?: 'evidence' | 'app';
}

export interface SyntheticLedger {
  tables: TableSource[];
  rows: Map<string, StoredRow[]>;
  head: ChainHead;
}

const DESCRIPTORS: Record<string, Omit<TableDescriptor, 'name'>> = {
  auditLog: {
    schema: 'seq, [entity+key], at, actor, entity',
    primaryKey: 'seq',
    autoIncrement: false,
    audited: false,
  },
  meta: { schema: 'key', primaryKey: 'key', autoIncrement: false, audited: false },
  settings: { schema: 'key', primaryKey: 'key', autoIncrement: false, audited: false },
  workspaces: {
    schema: 'id, name, createdAt',
    primaryKey: 'id',
    autoIncrement: false,
    audited: true,
  },
  sprints: {
    schema: 'id, workspaceId, teamId, startDate',
    primaryKey: 'id',
    autoIncrement: false,
    audited: true,
  },
  teams: { schema: 'id, workspaceId, name', primaryKey: 'id', autoIncrement: false, audited: true },
  evidenceFiles: { schema: 'sha256', primaryKey: 'sha256', autoIncrement: false, audited: true },
};

/** Deterministic bytes, different for every file. */
export function fileBytes(index: number, size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  let state = (index + 1) * 2654435761;
  for (let offset = 0; offset < size; offset += 1) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[offset] = state >>> 24;
  }
  return bytes;
}

function uuid(kind: number, index: number): string {
  const hex = (kind * 1_000_000 + index).toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

export function syntheticLedger(options: SyntheticLedgerOptions = {}): SyntheticLedger {
  const start = options.start ?? new Date('2026-11-26T09:00:00.000Z');
  const actor = options.actor ?? 'alice';
  const app = options.schema === 'app';
  const names = Object.keys(DESCRIPTORS).filter((name) =>
    app ? name !== 'evidenceFiles' : name !== 'teams',
  );
  const rows = new Map<string, StoredRow[]>(names.map((name) => [name, []]));
  const log: AuditEntry[] = [];
  let head = EMPTY_HEAD;
  let tick = 0;
  const record = (entity: string, key: string, value: Record<string, unknown>): void => {
    const at = new Date(start.getTime() + tick * 1000).toISOString();
    tick += 1;
    const entry = nextEntry(head, {
      at,
      actor,
      action: 'edit',
      entity,
      key,
      op: 'create',
      before: undefined,
      after: value,
      detail: entity === 'evidenceFiles' ? 'keys' : 'full',
    });
    log.push(entry);
    head = { seq: entry.seq, hash: entry.hash };
    rows.get(entity)?.push({ key, value });
  };
  const workspaces = options.workspaces ?? 2;
  const blobs = Array.from({ length: options.blobs ?? 1 }, (_, index) =>
    fileBytes(index, options.blobBytes ?? 1000),
  );
  for (let w = 0; w < workspaces; w += 1) {
    const id = uuid(1, w);
    const at = start.toISOString();
    const attachments = app
      ? blobs
          .filter((_, index) => index % workspaces === w)
          .map((bytes) => new Blob([bytes], { type: 'application/octet-stream' }))
      : [];
    record('workspaces', id, {
      id,
      name: `Workspace ${w}`,
      description: '',
      createdAt: at,
      updatedAt: at,
      ...(attachments.length > 0 ? { attachments } : {}),
    });
    for (let s = 0; s < (options.sprintsPerWorkspace ?? 2); s += 1) {
      const sprintId = uuid(2, w * 10_000 + s);
      record('sprints', sprintId, {
        id: sprintId,
        workspaceId: id,
        teamId: null,
        name: `Sprint ${s + 1}`,
        goal: s % 2 === 0 ? 'Card tokenisation' : '',
        startDate: '2026-11-16',
        endDate: '2026-11-27',
        createdAt: at,
        updatedAt: at,
      });
    }
  }
  for (let b = 0; b < (app ? 0 : blobs.length); b += 1) {
    const bytes = blobs[b] ?? new Uint8Array(0);
    const sha256 = `${b.toString(16).padStart(8, '0')}${'ab'.repeat(28)}`;
    record('evidenceFiles', sha256, {
      sha256,
      name: `scan-${b}.xml`,
      content: new Blob([bytes], { type: 'application/xml' }),
      storedAt: new Date(start.getTime() + b),
    });
  }
  rows.set(
    'auditLog',
    log.map((entry) => ({ key: entry.seq, value: entry })),
  );
  rows.set('meta', [{ key: HEAD_LOCATION.key, value: { key: HEAD_LOCATION.key, value: head } }]);
  rows.set('settings', [{ key: 'theme', value: { key: 'theme', value: 'dark' } }]);

  const pageSize = 500;
  const tables: TableSource[] = names.map((name) => ({
    name,
    ...(DESCRIPTORS[name] as Omit<TableDescriptor, 'name'>),
    async *pages() {
      const all = rows.get(name) ?? [];
      for (let offset = 0; offset < all.length; offset += pageSize) {
        yield all.slice(offset, offset + pageSize);
      }
    },
  }));
  return { tables, rows, head };
}

/** Collects a whole archive in memory (small archives only). */
export function memorySink(): {
  write(chunk: Uint8Array): Promise<void>;
  bytes(): Uint8Array<ArrayBuffer>;
} {
  const chunks: Uint8Array[] = [];
  return {
    async write(chunk) {
      chunks.push(chunk.slice());
    },
    bytes() {
      return concatBytes(chunks);
    },
  };
}

export const ARCHIVE_OPTIONS = {
  kind: 'backup' as const,
  createdAt: new Date('2026-11-26T12:00:00.000Z'),
  createdBy: 'alice',
  app: { name: 'Demo Ledger', version: '0.1.0' },
  database: { name: 'demo-ledger', schemaVersion: 1 },
};
