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
 * figures, which reports draw from) and its drawing (`<name>.svg`, shown as an image). The data
 * object dates itself (its charted period); the drawing carries no date of its own, so the
 * person attaching it states the same period for it. The same chart attached twice is the same
 * content.
 */
export async function attachChartEvidence(
  workspaceId: string,
  evidence: ChartEvidence,
  control: ControlRef,
  ingest: Ingest = ingestFiles,
): Promise<IngestedFile[]> {
  const files = [
    new File([chartJson(evidence.chart)], `${evidence.fileName}.json`, {
      type: 'application/json',
    }),
    new File([evidence.svg], `${evidence.fileName}.svg`, { type: 'image/svg+xml' }),
  ];
  const day = (time: number): string => new Date(time).toISOString().slice(0, 10);
  const stored = await ingest(files, {
    workspaceId,
    links: [{ targetType: 'control', targetId: control }],
    statedPeriod: { from: day(evidence.chart.x.from), to: day(evidence.chart.x.to) },
  });
  const unreadable = stored.find((file) => file.parseError !== null);
  if (unreadable)
    throw new Error(
      `${unreadable.fileName} was stored but not recognised: ${unreadable.parseError}`,
    );
  return stored;
}
