import { z } from 'zod';
import type { ReviewObservation as Observation } from '../../../../core/bundle/records';
import {
  ObservationTarget,
  ObservationText,
  ReviewObservation,
} from '../../../../core/bundle/records';
import type { BundleScope } from '../../../../core/bundle/scope';
import { Id, newId, nowIso } from '../../../../core/model';
import { currentActor, db } from '../../db';
import { parseOrThrow } from '../../lib/validation';

/** A reviewer's observations on a bundle imported for review: new records that travel back. */

const ObservationDraft = z.object({
  bundleRowId: Id,
  target: ObservationTarget.nullable(),
  text: ObservationText,
});
export type ObservationDraft = z.input<typeof ObservationDraft>;

export async function addObservation(draft: ObservationDraft): Promise<Observation> {
  const { bundleRowId, target, text } = parseOrThrow(ObservationDraft, draft);
  const row = await db.bundles.get(bundleRowId);
  if (row?.role !== 'imported') {
    throw new Error('Observations are added to a bundle imported for review.');
  }
  const observation = parseOrThrow(ReviewObservation, {
    id: newId(),
    bundleId: row.bundleId,
    workspaceId: row.workspaceId,
    ...(await ownerOf(target, row.scope)),
    target,
    text,
    author: currentActor(),
    at: nowIso(),
  });
  await db.reviewObservations.add(observation);
  return observation;
}

/**
 * The demo and sprint an observation belongs to, so later bundles of them carry it: those of
 * the record it is about, else those the bundle is about.
 */
async function ownerOf(
  target: z.output<typeof ObservationTarget> | null,
  scope: BundleScope,
): Promise<{ sprintId: string | null; demoId: string | null }> {
  const idOf = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  if (target !== null && db.tables.some((table) => table.name === target.table)) {
    const record = (await db.table(target.table).get(target.key)) as
      Record<string, unknown> | undefined;
    const demoId = target.table === 'demos' ? target.key : idOf(record?.['demoId']);
    const sprintId = target.table === 'sprints' ? target.key : idOf(record?.['sprintId']);
    if (demoId !== null || sprintId !== null) return { sprintId, demoId };
  }
  if (scope.kind === 'sprint') return { sprintId: scope.sprintId, demoId: null };
  if (scope.kind === 'demo') {
    const demo = await db.demos.get(scope.demoId);
    return { sprintId: demo?.sprintId ?? null, demoId: scope.demoId };
  }
  return { sprintId: null, demoId: null };
}

export async function removeObservation(id: string): Promise<void> {
  await db.reviewObservations.delete(id);
}
