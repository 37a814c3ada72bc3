import type { ExportedReport } from '../../../../core/report/exported';
import { db } from '../../db';
import type { QueryState } from '../../lib/useQuery';
import { useQuery } from '../../lib/useQuery';

/** Signed reports exported from this workspace, newest first. */
export function useExportedReports(workspaceId: string): QueryState<ExportedReport[]> {
  return useQuery(async () => {
    const rows = await db.reports.where('workspaceId').equals(workspaceId).sortBy('createdAt');
    return rows.reverse();
  }, [workspaceId]);
}
