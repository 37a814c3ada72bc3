import type { DemoRecord } from '../../../../core/demo/digest';
import type { Demo, DemoSignature, Sprint } from '../../../../core/model';
import type { DemoDraftRow } from '../../db';
import { db } from '../../db';
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

export interface DemoListEntry {
  demo: Demo;
  sprint: Sprint | undefined;
  itemCount: number;
}

/** The workspace's demos, most recent first. */
export function useDemos(workspaceId: string): QueryState<DemoListEntry[]> {
  return useQuery(async () => {
    const [demos, sprints, items] = await Promise.all([
      db.demos.where('workspaceId').equals(workspaceId).sortBy('date'),
      db.sprints.where('workspaceId').equals(workspaceId).toArray(),
      db.demoItems.where('workspaceId').equals(workspaceId).toArray(),
    ]);
    const sprintById = new Map(sprints.map((sprint) => [sprint.id, sprint]));
    const counts = new Map<string, number>();
    for (const item of items) counts.set(item.demoId, (counts.get(item.demoId) ?? 0) + 1);
    return demos.reverse().map((demo) => ({
      demo,
      sprint: sprintById.get(demo.sprintId),
      itemCount: counts.get(demo.id) ?? 0,
    }));
  }, [workspaceId]);
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
