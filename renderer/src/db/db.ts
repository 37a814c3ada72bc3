import Dexie from 'dexie';
import type { EntityTable } from 'dexie';
import type { AuditEntry, ChainHead } from '../../../core/audit/chain';
import type { Sprint, Team, Workspace } from '../../../core/model';
import type { ExportedReport } from '../../../core/report/exported';
import type { AuditContext } from './audit';
import { createAuditMiddleware, labelTransaction } from './audit';
import { SCHEMA_VERSIONS } from './schema';

export const DATABASE_NAME = 'demo-ledger';

export interface MetaRow {
  key: string;
  value: unknown;
}

/** Device-local preferences (theme, current workspace, your name); never audited. */
export interface SettingRow {
  key: string;
  value: unknown;
}

export class LedgerDatabase extends Dexie {
  workspaces!: EntityTable<Workspace, 'id'>;
  teams!: EntityTable<Team, 'id'>;
  sprints!: EntityTable<Sprint, 'id'>;
  reports!: EntityTable<ExportedReport, 'id'>;
  auditLog!: EntityTable<AuditEntry, 'seq'>;
  meta!: EntityTable<MetaRow, 'key'>;
  settings!: EntityTable<SettingRow, 'key'>;

  constructor(
    name: string,
    context: AuditContext,
    options?: ConstructorParameters<typeof Dexie>[1],
  ) {
    super(name, options);
    for (const { version, stores } of SCHEMA_VERSIONS) this.version(version).stores(stores);
    this.use(createAuditMiddleware(context));
  }

  async auditHead(): Promise<ChainHead | undefined> {
    const row = await this.meta.get('auditHead');
    return row?.value as ChainHead | undefined;
  }

  /**
   * Runs `work` in one read-write transaction whose audit entries carry `action`
   * (`import`, `sign-off`, `restore` ...). Everything in it commits or rolls back together.
   */
  async audited<T>(action: string, tables: string[], work: () => Promise<T>): Promise<T> {
    return this.transaction('rw', tables, async (transaction) => {
      labelTransaction(transaction, action);
      return work();
    });
  }
}
