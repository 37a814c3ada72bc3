import { chartJson } from '../../../../core/charts/series';
import type { ControlRef } from '../../../../core/model';
import type { ChartEvidence } from '../../../../core/telemetry/issue-draft';
import type { IngestedFile, IngestOptions } from '../../features/evidence/ingest';
import { ingestFiles } from '../../features/evidence/ingest';

export type Ingest = (files: readonly File[], options: IngestOptions) => Promise<IngestedFile[]>;

/**
 * Telemetry chart → evidence. A chart is stored as two evidence files through the evidence
 * store's own ingest (hashed, stored once by SHA-256, format recognised by content), both linked
 * to the chosen control: its data object (`<name>.json`, format `chart`: the ChartSpec with the
 * figures, which reports draw from) and its drawing (`<name>.svg`, shown as an image). Files are
 * dated at the end of the charted period; the same chart attached twice is the same content.
 */
export async function attachChartEvidence(
  workspaceId: string,
  evidence: ChartEvidence,
  control: ControlRef,
  ingest: Ingest = ingestFiles,
): Promise<IngestedFile[]> {
  const lastModified = evidence.chart.x.to;
  const files = [
    new File([chartJson(evidence.chart)], `${evidence.fileName}.json`, {
      type: 'application/json',
      lastModified,
    }),
    new File([evidence.svg], `${evidence.fileName}.svg`, { type: 'image/svg+xml', lastModified }),
  ];
  const stored = await ingest(files, {
    workspaceId,
    links: [{ targetType: 'control', targetId: control }],
  });
  const unreadable = stored.find((file) => file.parseError !== null);
  if (unreadable)
    throw new Error(
      `${unreadable.fileName} was stored but not recognised: ${unreadable.parseError}`,
    );
  return stored;
}
