import type {
  BundleRecord,
  ObservationTarget,
  ReviewObservation,
} from '../../../../core/bundle/records';
import type { SliceRecord } from '../../../../core/bundle/scope';
import { BundleScope, selectSlice } from '../../../../core/bundle/scope';
import type { Demo } from '../../../../core/model';
import { db } from '../../db';
import type { QueryState } from '../../lib/useQuery';
import { useQuery } from '../../lib/useQuery';
import { OBSERVABLE_TABLES, recordLabel, tableName } from './labels';
import { databaseStore } from './ledger';

/** Every bundle exported, imported, reviewed or merged here, newest first. */
export function useBundles(): QueryState<BundleRecord[]> {
  return useQuery(async () => (await db.bundles.orderBy('at').toArray()).reverse(), []);
}

export function useObservations(bundleId: string): QueryState<ReviewObservation[]> {
  return useQuery(
    () => db.reviewObservations.where('bundleId').equals(bundleId).sortBy('at'),
    [bundleId],
  );
}

export interface ReviewTarget extends ObservationTarget {
  group: string;
}

/** The records of a bundle's slice a reviewer can attach an observation to. */
export function useReviewTargets(row: BundleRecord): QueryState<ReviewTarget[]> {
  // By value: the row object is new whenever the bundle list is read again.
  const scope = JSON.stringify(row.scope);
  const { bundleId } = row;
  return useQuery(async () => {
    const selection = await selectSlice(BundleScope.parse(JSON.parse(scope)), databaseStore(db), {
      bundleId,
    });
    return OBSERVABLE_TABLES.flatMap((table) =>
      [...(selection.tables.get(table) ?? new Map<string, SliceRecord>())].map(([key, record]) => ({
        table,
        key,
        label: recordLabel(table, record.value, key),
        group: tableName(table),
      })),
    );
  }, [scope, bundleId]);
}

/** A workspace's demos, latest first, for choosing what to export. */
export function useWorkspaceDemos(workspaceId: string): QueryState<Demo[]> {
  return useQuery(
    async () => (await db.demos.where('workspaceId').equals(workspaceId).sortBy('date')).reverse(),
    [workspaceId],
  );
}
