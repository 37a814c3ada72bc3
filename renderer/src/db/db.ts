import Dexie from 'dexie';
import type { EntityTable } from 'dexie';
import type { AuditEntry, ChainHead } from '../../../core/audit/chain';
import type {
  Evidence,
  EvidenceBlob,
  EvidenceLink,
  EvidenceSource,
  EvidenceSummaryRow,
  AgendaItem,
  ControlVerdict,
  Demo,
  DemoEvidence,
  DemoIssue,
  DemoNote,
  Person,
  PostMortem,
  SecurityIssue,
  Sprint,
  StoredSlaPolicy,
  Team,
  Workspace,
} from '../../../core/model';
import type { BundleRecord, ReviewObservation } from '../../../core/bundle/records';
import type { DemoSignature } from '../../../core/model/demo-signature';
import type { Catalog } from '../../../core/catalog/model';
import type { ScopeDecision, WorkspaceFramework } from '../../../core/catalog/soa';
import type { ExportedReport } from '../../../core/report/exported';
import type { AlertRule } from '../../../core/telemetry/model';
import type {
  TelemetryAlertRecord,
  TelemetryChunkRecord,
  TelemetryImportRecord,
} from '../../../core/telemetry/records';
import type { AuditContext } from './audit';
import { createAuditMiddleware, labelTransaction } from './audit';
import type { EvidenceTermsRow } from './evidence-terms';
import { createEvidenceTermsMiddleware } from './evidence-terms';
import { SCHEMA_VERSIONS } from './schema';

export const DATABASE_NAME = 'demo-ledger';

export interface MetaRow {
  key: string;
  value: unknown;
}

/** A stored catalog version: imported, or a snapshot of a shipped one a workspace adopted. */
export interface CatalogRow {
  /** `catalogId@version` */
  key: string;
  catalogId: string;
  version: string;
  origin: 'shipped' | 'imported';
  storedAt: string;
  catalog: Catalog;
}

/** Device-local preferences (theme, current workspace, your name); never audited. */
export interface SettingRow {
  key: string;
  value: unknown;
}

/** Text being typed in presenter mode, saved at every keystroke; removed when committed. */
export interface DemoDraftRow {
  key: string;
  demoId: string;
  workspaceId: string;
  value: unknown;
  updatedAt: string;
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
  reports!: EntityTable<ExportedReport, 'id'>;
  auditLog!: EntityTable<AuditEntry, 'seq'>;
  meta!: EntityTable<MetaRow, 'key'>;
  settings!: EntityTable<SettingRow, 'key'>;
  catalogs!: EntityTable<CatalogRow, 'key'>;
  workspaceFrameworks!: EntityTable<WorkspaceFramework, 'id'>;
  scopeDecisions!: EntityTable<ScopeDecision, 'id'>;
  evidenceBlobs!: EntityTable<EvidenceBlob, 'sha256'>;
  evidenceSummaries!: EntityTable<EvidenceSummaryRow, 'sha256'>;
  evidence!: EntityTable<Evidence, 'id'>;
  evidenceLinks!: EntityTable<EvidenceLink, 'id'>;
  evidenceSources!: EntityTable<EvidenceSource, 'id'>;
  issues!: EntityTable<SecurityIssue, 'id'>;
  slaPolicies!: EntityTable<StoredSlaPolicy, 'id'>;
  postMortems!: EntityTable<PostMortem, 'id'>;
  demos!: EntityTable<Demo, 'id'>;
  demoItems!: EntityTable<AgendaItem, 'id'>;
  demoNotes!: EntityTable<DemoNote, 'id'>;
  demoVerdicts!: EntityTable<ControlVerdict, 'id'>;
  demoEvidence!: EntityTable<DemoEvidence, 'id'>;
  demoIssues!: EntityTable<DemoIssue, 'id'>;
  demoDrafts!: EntityTable<DemoDraftRow, 'key'>;
  telemetryImports!: EntityTable<TelemetryImportRecord, 'id'>;
  telemetryChunks!: EntityTable<TelemetryChunkRecord, 'id'>;
  telemetryAlerts!: EntityTable<TelemetryAlertRecord, 'id'>;
  telemetryRules!: EntityTable<TelemetryRuleRecord, 'id'>;
  bundles!: EntityTable<BundleRecord, 'id'>;
  reviewObservations!: EntityTable<ReviewObservation, 'id'>;
  people!: EntityTable<Person, 'id'>;
  demoSignOffs!: EntityTable<DemoSignature, 'id'>;
  evidenceTerms!: EntityTable<EvidenceTermsRow, 'id'>;

  constructor(
    name: string,
    context: AuditContext,
    options?: ConstructorParameters<typeof Dexie>[1],
  ) {
    super(name, options);
    for (const { version, stores } of SCHEMA_VERSIONS) this.version(version).stores(stores);
    this.use(createAuditMiddleware(context));
    this.use(createEvidenceTermsMiddleware());
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
