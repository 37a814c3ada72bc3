import { canonicalHash } from '../../../../core/audit/canonical';
import { ControlLibrary } from '../../../../core/catalog/library';
import type { Catalog } from '../../../../core/catalog/model';
import { Catalog as CatalogSchema, catalogKey } from '../../../../core/catalog/model';
import type { ScopeDecisionDraft, WorkspaceFramework } from '../../../../core/catalog/soa';
import {
  ScopeDecision as ScopeDecisionSchema,
  ScopeDecisionDraft as ScopeDecisionDraftSchema,
  WorkspaceFramework as WorkspaceFrameworkSchema,
  soaToCsv,
  statementOfApplicability,
} from '../../../../core/catalog/soa';
import type { Workspace } from '../../../../core/model';
import { newId, nowIso } from '../../../../core/model';
import { ControlRef, parseControlRef } from '../../../../core/model/refs';
import { getApi } from '../../app/api';
import { currentActor, db } from '../../db';
import { parseOrThrow } from '../../lib/validation';
import { SHIPPED_FRAMEWORKS, loadedLibrary } from './library';

/** Writes for catalogs and scoping. Every write is validated and recorded in the audit log. */

export type ImportOutcome = 'imported' | 'unchanged';

/**
 * Stores an imported catalog version. A version already stored with other content is refused:
 * workspaces pinned to it must keep seeing what they were assessed against.
 */
export async function importCatalog(candidate: Catalog): Promise<ImportOutcome> {
  const catalog = parseOrThrow(CatalogSchema, candidate);
  const key = catalogKey(catalog);
  return db.audited('import', ['catalogs'], async () => {
    const existing = await db.catalogs.get(key);
    if (existing) {
      if (canonicalHash(existing.catalog) === canonicalHash(catalog)) return 'unchanged';
      throw new Error(
        `${catalog.title} version ${catalog.version} is already stored with different content. Import it under another version or catalog id.`,
      );
    }
    await db.catalogs.add({
      key,
      catalogId: catalog.id,
      version: catalog.version,
      origin: 'imported',
      storedAt: nowIso(),
      catalog,
    });
    return 'imported';
  });
}

async function currentCatalog(catalogId: string): Promise<Catalog> {
  const catalog = (await loadedLibrary()).catalog(catalogId);
  if (!catalog) throw new Error(`No loaded catalog has the id ${catalogId}.`);
  return catalog;
}

/** Inside a transaction: pins the catalog version for the workspace, storing a snapshot. */
async function adoptInTransaction(
  workspaceId: string,
  catalog: Catalog,
  profileId: string | null,
): Promise<WorkspaceFramework> {
  if (!(await db.workspaces.get(workspaceId))) throw new Error('This workspace no longer exists.');
  const key = catalogKey(catalog);
  if (!(await db.catalogs.get(key))) {
    const shipped = SHIPPED_FRAMEWORKS.some(
      (entry) => entry.id === catalog.id && entry.version === catalog.version,
    );
    await db.catalogs.add({
      key,
      catalogId: catalog.id,
      version: catalog.version,
      origin: shipped ? 'shipped' : 'imported',
      storedAt: nowIso(),
      catalog,
    });
  }
  const existing = await db.workspaceFrameworks
    .where('[workspaceId+catalogId]')
    .equals([workspaceId, catalog.id])
    .first();
  const framework = parseOrThrow(WorkspaceFrameworkSchema, {
    id: existing?.id ?? newId(),
    workspaceId,
    catalogId: catalog.id,
    version: existing?.version ?? catalog.version,
    profileId,
    addedAt: existing?.addedAt ?? nowIso(),
  });
  await db.workspaceFrameworks.put(framework);
  return framework;
}

const SCOPING_TABLES = ['workspaces', 'catalogs', 'workspaceFrameworks', 'scopeDecisions'];

/** Puts a framework (optionally one baseline or level of it) in the workspace's scope. */
export async function adoptFramework(
  workspaceId: string,
  catalogId: string,
  profileId: string | null,
): Promise<WorkspaceFramework> {
  const catalog = await currentCatalog(catalogId);
  if (profileId !== null && !catalog.profiles.some((profile) => profile.id === profileId))
    throw new Error(`${catalog.title} has no baseline or level ${profileId}.`);
  return db.transaction('rw', SCOPING_TABLES, () =>
    adoptInTransaction(workspaceId, catalog, profileId),
  );
}

export async function removeFramework(id: string): Promise<void> {
  await db.workspaceFrameworks.delete(id);
}

/**
 * Records whether a control applies to the workspace, with the justification. Deciding on a
 * control of a framework not yet adopted adopts it (all controls), pinning its version.
 */
export async function decideScope(
  workspaceId: string,
  ref: string,
  draft: ScopeDecisionDraft,
): Promise<void> {
  const fields = parseOrThrow(ScopeDecisionDraftSchema, draft);
  const validRef = parseOrThrow(ControlRef, ref);
  const { catalogId, controlId } = parseControlRef(validRef);
  const catalog = await currentCatalog(catalogId);
  if (!catalog.controls.some((control) => control.id === controlId))
    throw new Error(`${catalog.title} has no control ${controlId}.`);
  await db.transaction('rw', SCOPING_TABLES, async () => {
    const adopted =
      (await db.workspaceFrameworks
        .where('[workspaceId+catalogId]')
        .equals([workspaceId, catalogId])
        .first()) ?? (await adoptInTransaction(workspaceId, catalog, null));
    const existing = await db.scopeDecisions
      .where('[workspaceId+ref]')
      .equals([workspaceId, validRef])
      .first();
    const now = nowIso();
    await db.scopeDecisions.put(
      parseOrThrow(ScopeDecisionSchema, {
        ...fields,
        id: existing?.id ?? newId(),
        workspaceId,
        ref: validRef,
        catalogVersion: adopted.version,
        decidedBy: currentActor(),
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      }),
    );
  });
}

export async function clearScopeDecision(workspaceId: string, ref: string): Promise<void> {
  await db.scopeDecisions.where('[workspaceId+ref]').equals([workspaceId, ref]).delete();
}

/** The workspace's Statement of Applicability, against the catalog versions it pinned. */
export async function buildStatementOfApplicability(workspaceId: string) {
  const [frameworks, decisions] = await Promise.all([
    db.workspaceFrameworks.where('workspaceId').equals(workspaceId).toArray(),
    db.scopeDecisions.where('workspaceId').equals(workspaceId).toArray(),
  ]);
  const pinned = await db.catalogs.bulkGet(
    frameworks.map((framework) => `${framework.catalogId}@${framework.version}`),
  );
  const current = await loadedLibrary();
  const catalogs = [...current.catalogs, ...pinned.flatMap((row) => (row ? [row.catalog] : []))];
  return statementOfApplicability(new ControlLibrary(catalogs), frameworks, decisions);
}

export async function exportStatementOfApplicability(workspace: Workspace): Promise<string | null> {
  const rows = await buildStatementOfApplicability(workspace.id);
  const data = new TextEncoder().encode(soaToCsv(rows));
  const slug =
    workspace.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'workspace';
  const { path } = await getApi().fileSave({
    suggestedName: `${slug}-statement-of-applicability.csv`,
    data,
    description: 'CSV file',
  });
  return path;
}
