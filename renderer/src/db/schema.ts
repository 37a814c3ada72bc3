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
    // The browsable audit log: each filter (entity, actor, action) walks its own index in
    // sequence order, so a page of a filtered view never scans the whole log.
    version: 8,
    stores: {
      auditLog:
        'seq, [entity+key], at, actor, entity, action, [entity+seq], [actor+seq], [action+seq]',
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
};

export function auditDetail(table: string): 'full' | 'keys' | 'off' {
  return AUDIT_POLICY[table] ?? 'full';
}
