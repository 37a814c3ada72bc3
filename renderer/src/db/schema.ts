/**
 * Numbered schema versions. A released version is never edited: a change is a new entry at the
 * end, with an upgrade function of its own in `upgrades/` when existing rows must change.
 * Every table is recorded in the audit log unless listed in `AUDIT_POLICY` as `off`.
 */
export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      workspaces: 'id, name, createdAt',
      teams: 'id, workspaceId, name',
      sprints: 'id, workspaceId, teamId, startDate',
      auditLog: 'seq, [entity+key], at, actor, entity',
      meta: 'key',
      settings: 'key',
    },
  },
  {
    version: 2,
    stores: {
      // Catalog versions: imported ones, and snapshots of shipped ones a workspace adopted.
      catalogs: 'key, catalogId, origin',
      workspaceFrameworks: 'id, workspaceId, [workspaceId+catalogId]',
      scopeDecisions: 'id, workspaceId, &[workspaceId+ref], ref',
    },
  },
  {
    // Pipeline evidence: content by SHA-256 (stored once), attachments per workspace, links to
    // controls and any other target, and per-source settings.
    version: 3,
    stores: {
      evidenceBlobs: 'sha256',
      evidenceSummaries: 'sha256',
      evidence: 'id, workspaceId, sha256, format, attachedAt, [workspaceId+sourceKey]',
      evidenceLinks:
        'id, workspaceId, evidenceId, [targetType+targetId], &[evidenceId+targetType+targetId]',
      evidenceSources: 'id, workspaceId, &[workspaceId+sourceKey]',
    },
  },
  {
    // Security issues, their SLA policy per workspace, and blameless post-mortems. Issues belong
    // to the workspace, not to the sprint they were raised in: deleting a sprint keeps them.
    version: 4,
    stores: {
      issues:
        'id, workspaceId, [workspaceId+number], [workspaceId+fingerprint], [workspaceId+trackerKey], status',
      slaPolicies: 'id, &workspaceId',
      postMortems: 'id, workspaceId, issueId',
    },
  },
  {
    // Security telemetry: imports (one per file), their series and change events in chunks,
    // the alerts their import raised, and each workspace's alert rules.
    version: 5,
    stores: {
      telemetryImports: 'id, workspaceId, importedAt',
      telemetryChunks: 'id, importId, workspaceId',
      telemetryAlerts: 'id, workspaceId, importId, from',
      telemetryRules: 'id, workspaceId',
    },
  },
  {
    // Reports: every signed report exported, with its file hash and signers (the PDF itself is
    // saved where the user chose; the record is the audit trail of what left the building).
    version: 6,
    stores: {
      reports: 'id, workspaceId, sprintId, createdAt',
    },
  },
  {
    // Sprint demos (features/demos): the demo, its agenda items and what was recorded per item.
    // Every row carries workspaceId and sprintId so deleting either cascades; `demoDrafts`
    // holds text still being typed in presenter mode and is not audited.
    version: 7,
    stores: {
      demos: 'id, workspaceId, sprintId, date',
      demoItems: 'id, demoId, workspaceId, sprintId, *controls',
      demoNotes: 'id, demoId, itemId, workspaceId, sprintId, at',
      demoVerdicts: 'id, demoId, itemId, workspaceId, sprintId, control, &[itemId+control]',
      demoEvidence: 'id, demoId, itemId, workspaceId, sprintId, sha256',
      demoIssues: 'id, demoId, itemId, workspaceId, sprintId',
      demoDrafts: 'key, demoId, workspaceId',
    },
  },
  {
    // The browsable audit log: each filter (entity, actor, action) walks its own index in
    // sequence order, so a page of a filtered view never scans the whole log.
    version: 8,
    stores: {
      auditLog:
        'seq, [entity+key], at, actor, entity, action, [entity+seq], [actor+seq], [action+seq]',
    },
  },
  {
    // Audit bundles (features/bundles): a row per bundle exported, imported for review, reviewed
    // or merged (an imported one keeps its file, to send the review back with the original
    // bytes), and the observations reviewers add, which travel back and merge like any record.
    version: 12,
    stores: {
      bundles: 'id, bundleId, workspaceId, role, at',
      reviewObservations: 'id, bundleId, workspaceId, sprintId, demoId, at',
    },
  },
  {
    // Telemetry chunks by kind within a workspace: silence detection reads every import's
    // arrival record (`activity` chunks) without loading the series bytes.
    version: 34,
    stores: {
      telemetryChunks: 'id, importId, workspaceId, [workspaceId+kind]',
    },
  },
  {
    // People: who uses the app on this computer (the current one is the actor of every audited
    // write), and the signatures with which people sign off a demo record, one row each, so
    // sign-offs made on different machines merge as records of their own.
    version: 35,
    stores: {
      people: 'id, name',
      demoSignOffs: 'id, demoId, workspaceId, sprintId',
    },
  },
  {
    // Lists that grow read one page at a time, newest first, by index: the attachment order
    // (with the id as tie-breaker, so a page ends on an exact key), the same within a format or
    // a source, and the distinct formats of a workspace without reading its rows.
    version: 36,
    stores: {
      evidence:
        'id, workspaceId, sha256, format, attachedAt, [workspaceId+sourceKey], [workspaceId+format], [workspaceId+attachedAt+id], [workspaceId+format+attachedAt+id], [workspaceId+sourceKey+attachedAt+id]',
    },
  },
  {
    // Demos and sprints listed newest first a page at a time, by index, with the id as
    // tie-breaker so a page ends on an exact key.
    version: 37,
    stores: {
      demos: 'id, workspaceId, sprintId, date, [workspaceId+date+id]',
      sprints: 'id, workspaceId, teamId, startDate, [workspaceId+startDate+id]',
    },
  },
  {
    // The evidence search index (db/evidence-terms.ts): one row per file, one multi-entry key
    // per term, `[workspaceId, term, attachedAt, id]`, kept by a middleware on every write to
    // evidence or its links. Derived data, rebuilt from the rows it indexes: not audited.
    version: 38,
    stores: {
      evidenceTerms: 'id, workspaceId, *keys',
    },
  },
  {
    // Issues listed a page at a time by status, then priority and due date (the id as
    // tie-breaker); post-mortems most recently updated first, and the issues of a workspace that
    // have one, read from index keys alone.
    version: 39,
    stores: {
      issues:
        'id, workspaceId, [workspaceId+number], [workspaceId+fingerprint], [workspaceId+trackerKey], status, [workspaceId+status+priority+dueAt+id]',
      postMortems: 'id, workspaceId, issueId, [workspaceId+updatedAt+id], [workspaceId+issueId]',
    },
  },
];

/**
 * How each table is recorded in the hash-chained audit log. `full` keeps a diff of every change;
 * `keys` records that a row changed and its state hash only (bulky reference data, blobs);
 * `off` is for the log itself and device-local state such as UI preferences and drafts.
 */
export const AUDIT_POLICY: Readonly<Record<string, 'full' | 'keys' | 'off'>> = {
  auditLog: 'off',
  meta: 'off',
  settings: 'off',
  catalogs: 'keys',
  // Content is pinned by its hash key; the log records that it was stored, not the bytes.
  evidenceBlobs: 'keys',
  evidenceSummaries: 'keys',
  demoDrafts: 'off',
  evidenceTerms: 'off',
  // Series bytes: the audit log pins each chunk by its hash instead of copying it.
  telemetryChunks: 'keys',
};

export function auditDetail(table: string): 'full' | 'keys' | 'off' {
  return AUDIT_POLICY[table] ?? 'full';
}
