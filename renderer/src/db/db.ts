import Dexie from 'dexie';
import type { EntityTable } from 'dexie';
import type { AuditEntry, ChainHead } from '../../../core/audit/chain';
import type { Sprint, Team, Workspace } from '../../../core/model';
import type { AlertRule } from '../../../core/telemetry/model';
import type {
  TelemetryAlertRecord,
  TelemetryChunkRecord,
  TelemetryImportRecord,
} from '../../../core/telemetry/records';
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

/** An alert rule of a workspace (see core/telemetry/alerts.ts for the defaults). */
export interface TelemetryRuleRecord {
  id: string;
  workspaceId: string;
  position: number;
  rule: AlertRule;
}

export class LedgerDatabase extends Dexie {
  workspaces!: EntityTable<Workspace, 'id'>;
  teams!: EntityTable<Team, 'id'>;
  sprints!: EntityTable<Sprint, 'id'>;
  auditLog!: EntityTable<AuditEntry, 'seq'>;
  meta!: EntityTable<MetaRow, 'key'>;
  settings!: EntityTable<SettingRow, 'key'>;
  telemetryImports!: EntityTable<TelemetryImportRecord, 'id'>;
  telemetryChunks!: EntityTable<TelemetryChunkRecord, 'id'>;
  telemetryAlerts!: EntityTable<TelemetryAlertRecord, 'id'>;
  telemetryRules!: EntityTable<TelemetryRuleRecord, 'id'>;

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
