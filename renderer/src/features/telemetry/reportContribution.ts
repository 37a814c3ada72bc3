import { CHART_FORMAT } from '../../../../core/charts/series';
import type { ReportModelInput } from '../../../../core/report/model';
import { TelemetryChart } from '../../../../core/report/model';
import { db } from '../../db';
import type { ReportContributor } from '../reports/assemble';

/**
 * Telemetry charts attached as evidence (`demo-ledger.chart/v1` JSON, the "Data" of a chart) go
 * into the report as charts: drawn as vectors the way the screen draws them, with their figures.
 * Evidence is hostile input: only JSON files of a bounded size that parse as a valid chart
 * become charts; anything else stays an ordinary evidence file.
 */

const MAX_CHART_BYTES = 16 * 1024 * 1024;
const MAX_CHARTS = 50;

type ModelEvidence = NonNullable<ReportModelInput['evidence']>[number];

function mayBeChart(item: ModelEvidence): boolean {
  return (
    item.size <= MAX_CHART_BYTES &&
    (/json/i.test(item.mediaType ?? '') || /\.json$/i.test(item.name))
  );
}

/** The chart a stored evidence file holds, or null when it holds none. */
export async function chartOf(blob: Blob): Promise<TelemetryChart['spec'] | null> {
  const text = await blob.text();
  if (!text.includes(CHART_FORMAT)) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = TelemetryChart.shape.spec.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export const telemetryChartsReportContribution: ReportContributor = async (context, model) => {
  if (context.request.kind === 'post-mortem') return;
  const charts: NonNullable<ReportModelInput['telemetryCharts']> = [];
  const seen = new Set<string>();
  for (const item of model.evidence ?? []) {
    if (charts.length >= MAX_CHARTS) break;
    const sha256 = item.sha256.toLowerCase();
    if (seen.has(sha256) || !mayBeChart(item)) continue;
    seen.add(sha256);
    const blob = (await db.evidenceBlobs.get(sha256))?.blob;
    const spec = blob === undefined ? null : await chartOf(blob);
    if (spec !== null) charts.push({ id: `chart-${charts.length + 1}`, evidence: item.id, spec });
  }
  model.telemetryCharts = charts;
};
