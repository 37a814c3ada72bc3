import { observationOf } from '../../../../core/evidence/observation';
import type { EvidenceObservation } from '../../../../core/issues/verification';
import { db } from '../../db';

/**
 * The evidence side of verification by evidence: every stored version of one source, as the
 * fingerprints it contains. The app registers this with the issues feature
 * (`registerEvidenceObservations`); it only reads through Dexie, so a live query over it
 * (the issue page's verification panel) follows every evidence file attached or removed.
 */
export async function evidenceObservations(query: {
  workspaceId: string;
  tool: string;
  sourceKey: string;
}): Promise<EvidenceObservation[]> {
  const rows = await db.evidence
    .where('[workspaceId+sourceKey]')
    .equals([query.workspaceId, query.sourceKey])
    .filter((row) => row.format === query.tool && row.parseError === null)
    .toArray();
  const summaries = await db.evidenceSummaries.bulkGet(rows.map((row) => row.sha256));
  return rows.flatMap((row, index) => {
    const summary = summaries[index]?.summary;
    const observation = summary ? observationOf(row, summary) : null;
    return observation ? [observation] : [];
  });
}
