import { z } from 'zod';
import { keyString } from '../audit/chain';

/**
 * What an audit bundle holds: a sprint, one demo, or a period of a workspace, with everything
 * recorded about it. `selectSlice` finds those records through a `SliceStore` (the app's
 * database, or memory in tests), so the same rules decide what a bundle exports and which of a
 * reviewer's changes travel back.
 */

const Uuid = z.uuid({ message: 'not a valid id' });
const Day = z.iso.date({ message: 'expected a date like 2026-11-26' });

export const BundleScope = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sprint'), workspaceId: Uuid, sprintId: Uuid }),
  z.strictObject({ kind: z.literal('demo'), workspaceId: Uuid, demoId: Uuid }),
  z
    .strictObject({ kind: z.literal('period'), workspaceId: Uuid, from: Day, to: Day })
    .refine((scope) => scope.from <= scope.to, {
      message: 'the period ends before it starts',
      path: ['to'],
    }),
]);
export type BundleScope = z.infer<typeof BundleScope>;

export type Row = Record<string, unknown>;

export interface SliceRecord {
  key: unknown;
  value: Row;
}

/** Read access to a ledger, by primary key or by an indexed field. */
export interface SliceStore {
  has(table: string): boolean;
  get(table: string, keys: readonly string[]): Promise<SliceRecord[]>;
  where(table: string, field: string, values: readonly string[]): Promise<SliceRecord[]>;
}

/** The ids that decide membership, for rules that look at a record on its own. */
export interface SliceIds {
  scope: BundleScope;
  /** Observations made in a review of this bundle belong to it, whatever they are about. */
  bundleId: string | null;
  sprintIds: ReadonlySet<string>;
  demoIds: ReadonlySet<string>;
  itemIds: ReadonlySet<string>;
  issueIds: ReadonlySet<string>;
  evidenceIds: ReadonlySet<string>;
}

export interface SliceSelection {
  ids: SliceIds;
  /** table → key string → record, for every table the slice touches (possibly empty). */
  tables: Map<string, Map<string, SliceRecord>>;
  /** "Sprint 14 (Payments)", "Demo “Release 3” on 2026-11-26", "2026-10-01 to 2026-12-31". */
  title: string;
  workspace: { id: string; name: string };
}

/** Rows recorded against a demo (and, for observations, against a sprint). */
export const DEMO_ROW_TABLES = [
  'demoItems',
  'demoNotes',
  'demoVerdicts',
  'demoEvidence',
  'demoIssues',
  'demoSignOffs',
  'reviewObservations',
] as const;

export class SliceError extends Error {
  override readonly name = 'SliceError';
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const day = (value: unknown): string => str(value).slice(0, 10);

function inPeriod(scope: BundleScope, value: unknown): boolean {
  return scope.kind === 'period' && day(value) >= scope.from && day(value) <= scope.to;
}

/**
 * Finds every record of the slice. Throws `SliceError` when the scope names nothing. With
 * `bundleId`, the observations of that bundle's reviews come too.
 */
export async function selectSlice(
  scope: BundleScope,
  store: SliceStore,
  options: { bundleId?: string } = {},
): Promise<SliceSelection> {
  const tables = new Map<string, Map<string, SliceRecord>>();
  const put = (table: string, records: readonly SliceRecord[]): void => {
    const rows = tables.get(table) ?? new Map<string, SliceRecord>();
    for (const record of records) rows.set(keyString(record.key), record);
    tables.set(table, rows);
  };
  const get = (table: string, keys: Iterable<string>) =>
    store.has(table) ? store.get(table, [...new Set(keys)]) : Promise.resolve([]);
  const where = (table: string, field: string, values: Iterable<string>) =>
    store.has(table) ? store.where(table, field, [...new Set(values)]) : Promise.resolve([]);

  const [workspace] = await get('workspaces', [scope.workspaceId]);
  if (!workspace) throw new SliceError('The workspace of this bundle no longer exists.');
  put('workspaces', [workspace]);

  const { sprints, demos, title } = await scopeRoots(scope, get, where);
  put('sprints', sprints);
  put('demos', demos);
  const sprintIds = new Set(sprints.map((record) => str(record.value['id'])));
  const demoIds = new Set(demos.map((record) => str(record.value['id'])));
  put(
    'teams',
    await get(
      'teams',
      sprints.map((record) => str(record.value['teamId'])).filter((id) => id !== ''),
    ),
  );
  for (const table of DEMO_ROW_TABLES) {
    put(table, await where(table, 'demoId', demoIds));
  }
  if (scope.kind !== 'demo')
    put('reviewObservations', await where('reviewObservations', 'sprintId', sprintIds));
  if (options.bundleId !== undefined)
    put('reviewObservations', await where('reviewObservations', 'bundleId', [options.bundleId]));
  const items = [...(tables.get('demoItems')?.values() ?? [])];
  const itemIds = new Set(items.map((record) => str(record.value['id'])));
  const trackerIds = new Set(
    [...(tables.get('demoIssues')?.values() ?? [])].map((record) => str(record.value['trackerId'])),
  );

  const issues = (await where('issues', 'workspaceId', [scope.workspaceId])).filter((record) =>
    issueInSlice(record.value, scope, sprintIds, itemIds, trackerIds),
  );
  put('issues', issues);
  const issueIds = new Set(issues.map((record) => str(record.value['id'])));
  put('postMortems', await where('postMortems', 'issueId', issueIds));

  const links = await where('evidenceLinks', 'workspaceId', [scope.workspaceId]);
  const linkedTo = (link: Row): boolean =>
    (link['targetType'] === 'demo-item' && itemIds.has(str(link['targetId']))) ||
    (link['targetType'] === 'issue' && issueIds.has(str(link['targetId'])));
  const evidenceIds = new Set<string>([
    ...[...(tables.get('demoEvidence')?.values() ?? [])]
      .filter((record) => record.value['stored'] === true)
      .map((record) => str(record.value['evidenceId'])),
    ...links
      .filter((record) => linkedTo(record.value))
      .map((record) => str(record.value['evidenceId'])),
    ...issues.flatMap((record) => evidenceIdsOfIssue(record.value)),
  ]);
  const evidence = [
    ...(await get('evidence', evidenceIds)),
    ...(scope.kind === 'period'
      ? (await where('evidence', 'workspaceId', [scope.workspaceId])).filter((record) =>
          inPeriod(scope, record.value['attachedAt']),
        )
      : []),
  ].filter((record) => record.value['workspaceId'] === scope.workspaceId);
  put('evidence', evidence);
  const keptEvidence = new Set(evidence.map((record) => str(record.value['id'])));
  put(
    'evidenceLinks',
    links.filter(
      (record) =>
        keptEvidence.has(str(record.value['evidenceId'])) &&
        (!['demo-item', 'issue'].includes(str(record.value['targetType'])) ||
          linkedTo(record.value)),
    ),
  );
  const contents = new Set([
    ...evidence.map((record) => str(record.value['sha256'])),
    ...[...(tables.get('demoEvidence')?.values() ?? [])]
      .filter((record) => record.value['stored'] === true)
      .map((record) => str(record.value['sha256'])),
  ]);
  put('evidenceBlobs', await get('evidenceBlobs', contents));
  put('evidenceSummaries', await get('evidenceSummaries', contents));

  const reports =
    scope.kind === 'period'
      ? (await where('reports', 'workspaceId', [scope.workspaceId])).filter((record) =>
          inPeriod(scope, record.value['createdAt']),
        )
      : await where('reports', 'sprintId', sprintIds);
  put('reports', reports);

  for (const table of [...tables.keys()]) if (!store.has(table)) tables.delete(table);
  return {
    ids: {
      scope,
      bundleId: options.bundleId ?? null,
      sprintIds,
      demoIds,
      itemIds,
      issueIds,
      evidenceIds: keptEvidence,
    },
    tables,
    title,
    workspace: { id: scope.workspaceId, name: str(workspace.value['name']) },
  };
}

type Getter = (table: string, keys: Iterable<string>) => Promise<SliceRecord[]>;
type Finder = (table: string, field: string, values: Iterable<string>) => Promise<SliceRecord[]>;

async function scopeRoots(
  scope: BundleScope,
  get: Getter,
  where: Finder,
): Promise<{ sprints: SliceRecord[]; demos: SliceRecord[]; title: string }> {
  const ofWorkspace = (record: SliceRecord): boolean =>
    record.value['workspaceId'] === scope.workspaceId;
  if (scope.kind === 'sprint') {
    const sprints = (await get('sprints', [scope.sprintId])).filter(ofWorkspace);
    const [sprint] = sprints;
    if (!sprint) throw new SliceError('This sprint does not exist in the workspace.');
    const demos = (await where('demos', 'sprintId', [scope.sprintId])).filter(ofWorkspace);
    return { sprints, demos, title: str(sprint.value['name']) };
  }
  if (scope.kind === 'demo') {
    const demos = (await get('demos', [scope.demoId])).filter(ofWorkspace);
    const [demo] = demos;
    if (!demo) throw new SliceError('This demo does not exist in the workspace.');
    const sprints = await get('sprints', [str(demo.value['sprintId'])]);
    return {
      sprints,
      demos,
      title: `Demo “${str(demo.value['title'])}” on ${str(demo.value['date'])}`,
    };
  }
  const sprints = (await where('sprints', 'workspaceId', [scope.workspaceId])).filter(
    (record) =>
      str(record.value['startDate']) <= scope.to && str(record.value['endDate']) >= scope.from,
  );
  const demos = (await where('demos', 'workspaceId', [scope.workspaceId])).filter((record) =>
    inPeriod(scope, record.value['date']),
  );
  return { sprints, demos, title: `${scope.from} to ${scope.to}` };
}

function evidenceIdsOfIssue(issue: Row): string[] {
  const links = issue['links'];
  if (typeof links !== 'object' || links === null) return [];
  const ids = (links as { evidenceIds?: unknown }).evidenceIds;
  return Array.isArray(ids) ? ids.map(str) : [];
}

function issueInSlice(
  issue: Row,
  scope: BundleScope,
  sprintIds: ReadonlySet<string>,
  itemIds: ReadonlySet<string>,
  trackerIds: ReadonlySet<string>,
): boolean {
  if (trackerIds.has(str(issue['id']))) return true;
  if (scope.kind === 'sprint' && sprintIds.has(str(issue['raisedInSprintId']))) return true;
  if (scope.kind === 'period' && inPeriod(scope, issue['raisedAt'])) return true;
  const source = issue['source'] as { demoItemId?: unknown } | undefined;
  if (itemIds.has(str(source?.demoItemId))) return true;
  const links = issue['links'] as { demoItemIds?: unknown } | undefined;
  const demoItemIds = Array.isArray(links?.demoItemIds) ? links.demoItemIds : [];
  return demoItemIds.some((id) => itemIds.has(str(id)));
}

/**
 * Whether a record, as an audit entry's diff shows it before it was deleted, belonged to the
 * slice: such deletions travel with the bundle, so a reviewer sees what was removed.
 */
export function deletedFromSlice(table: string, before: unknown, ids: SliceIds): boolean {
  if (typeof before !== 'object' || before === null || Array.isArray(before)) return false;
  const row = before as Row;
  const { scope } = ids;
  if (table === 'reviewObservations') {
    return (
      ids.demoIds.has(str(row['demoId'])) ||
      (scope.kind !== 'demo' && ids.sprintIds.has(str(row['sprintId']))) ||
      (ids.bundleId !== null && row['bundleId'] === ids.bundleId)
    );
  }
  if ((DEMO_ROW_TABLES as readonly string[]).includes(table)) {
    return ids.demoIds.has(str(row['demoId']));
  }
  switch (table) {
    case 'demos':
      return (
        ids.demoIds.has(str(row['id'])) ||
        (scope.kind === 'sprint' && row['sprintId'] === scope.sprintId) ||
        (scope.kind === 'period' &&
          row['workspaceId'] === scope.workspaceId &&
          inPeriod(scope, row['date']))
      );
    case 'evidenceLinks':
      return ids.evidenceIds.has(str(row['evidenceId']));
    case 'evidence':
      return ids.evidenceIds.has(str(row['id']));
    case 'issues':
      return ids.issueIds.has(str(row['id']));
    default:
      return false;
  }
}
