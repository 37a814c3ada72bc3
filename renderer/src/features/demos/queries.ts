import type { DemoRecord } from '../../../../core/demo/digest';
import type { DemoHappenings } from '../../../../core/demo/happened';
import { whatHappened } from '../../../../core/demo/happened';
import type { Demo, DemoSignature, Sprint } from '../../../../core/model';
import type { DemoDraftRow } from '../../db';
import { db } from '../../db';
import type { PagedList } from '../../lib/paged';
import { indexSource, usePagedList } from '../../lib/paged';
import type { QueryState } from '../../lib/useQuery';
import { useQuery } from '../../lib/useQuery';

/** Reads for demos. Components use the hooks; commands reuse the plain functions. */

/** Everything recorded for one demo, items in agenda order and entries oldest first. */
export async function readDemoRecord(demoId: string): Promise<DemoRecord | null> {
  const demo = await db.demos.get(demoId);
  if (!demo) return null;
  const [items, notes, verdicts, evidence, issues] = await Promise.all([
    db.demoItems.where('demoId').equals(demoId).sortBy('position'),
    db.demoNotes.where('demoId').equals(demoId).sortBy('at'),
    db.demoVerdicts.where('demoId').equals(demoId).sortBy('decidedAt'),
    db.demoEvidence.where('demoId').equals(demoId).sortBy('attachedAt'),
    db.demoIssues.where('demoId').equals(demoId).sortBy('raisedAt'),
  ]);
  return { demo, items, notes, verdicts, evidence, issues };
}

/**
 * A demo's record and what happened in it (core/demo/happened.ts): the issues tracked in the
 * workspace are read so an issue raised elsewhere from the demo's evidence or verdicts counts.
 */
export async function readDemoHappenings(
  demoId: string,
): Promise<{ record: DemoRecord; happened: DemoHappenings } | null> {
  const record = await readDemoRecord(demoId);
  if (record === null) return null;
  const tracked = await db.issues.where('workspaceId').equals(record.demo.workspaceId).toArray();
  return { record, happened: whatHappened(record, tracked) };
}

export function useDemoHappenings(
  demoId: string,
): QueryState<{ record: DemoRecord; happened: DemoHappenings } | null> {
  return useQuery(() => readDemoHappenings(demoId), [demoId]);
}

/** Every signature on a demo's sign-offs, oldest first. */
export function readDemoSignatures(demoId: string): Promise<DemoSignature[]> {
  return db.demoSignOffs.where('demoId').equals(demoId).sortBy('at');
}

export function useDemoSignatures(demoId: string): QueryState<DemoSignature[]> {
  return useQuery(() => readDemoSignatures(demoId), [demoId]);
}

export function useDemoRecord(demoId: string): QueryState<DemoRecord | null> {
  return useQuery(() => readDemoRecord(demoId), [demoId]);
}

/** The workspace's demos, most recent first, read a page at a time by index. */
export function useDemoPages(workspaceId: string): PagedList<Demo> {
  return usePagedList(
    () =>
      indexSource(
        db.demos,
        '[workspaceId+date+id]',
        [workspaceId],
        (demo) => [demo.date, demo.id],
        {
          reverse: true,
        },
      ),
    workspaceId,
  );
}

export interface DemoFacts {
  sprints: ReadonlyMap<string, Sprint>;
  /** Agenda items per demo, counted on the index. */
  itemCounts: ReadonlyMap<string, number>;
}

/** The sprint and item count of each of these demos: read for the rows on screen only. */
export function useDemoFacts(demos: readonly Demo[]): QueryState<DemoFacts> {
  const key = demos.map((demo) => demo.id).join(',');
  return useQuery(async () => {
    const sprintIds = [...new Set(demos.map((demo) => demo.sprintId))];
    const [sprints, counts] = await Promise.all([
      db.sprints.bulkGet(sprintIds),
      Promise.all(
        demos.map(async (demo) => {
          const count = await db.demoItems.where('demoId').equals(demo.id).count();
          return [demo.id, count] as const;
        }),
      ),
    ]);
    return {
      sprints: new Map(
        sprints.filter((sprint) => sprint !== undefined).map((sprint) => [sprint.id, sprint]),
      ),
      itemCounts: new Map(counts),
    };
    // `key` names the demos read; the array itself is new on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
}

/** One sprint's demos, oldest first (by the sprint index: the sprint's rows only). */
export function useSprintDemos(sprintId: string): QueryState<Demo[]> {
  return useQuery(
    () => (sprintId === '' ? [] : db.demos.where('sprintId').equals(sprintId).sortBy('date')),
    [sprintId],
  );
}

/** Drafts of a demo that still hold text: typed but never added to the record. */
export function usePendingDrafts(demoId: string): QueryState<DemoDraftRow[]> {
  return useQuery(async () => {
    const drafts = await db.demoDrafts.where('demoId').equals(demoId).toArray();
    return drafts.filter((draft) => hasText(draft.value));
  }, [demoId]);
}

function hasText(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() !== '';
  if (typeof value === 'object' && value !== null) {
    return Object.values(value).some((field) => typeof field === 'string' && field.trim() !== '');
  }
  return false;
}

export interface CoverageRows {
  sprints: Sprint[];
  demos: Demo[];
  items: DemoRecord['items'];
  verdicts: DemoRecord['verdicts'];
}

/**
 * The demo rows coverage is computed from, for one workspace (the evidence comes from the
 * evidence slot: the files linked to each control).
 */
export function useCoverageRows(workspaceId: string): QueryState<CoverageRows> {
  return useQuery(async () => {
    const [sprints, demos, items, verdicts] = await Promise.all([
      db.sprints.where('workspaceId').equals(workspaceId).toArray(),
      db.demos.where('workspaceId').equals(workspaceId).toArray(),
      db.demoItems.where('workspaceId').equals(workspaceId).toArray(),
      db.demoVerdicts.where('workspaceId').equals(workspaceId).toArray(),
    ]);
    return { sprints, demos, items, verdicts };
  }, [workspaceId]);
}
