import { describe, expect, it } from 'vitest';
import { CHART_FORMAT, chartJson, parseChartJson } from '../../../../core/charts/series';
import type { ChartSpec } from '../../../../core/charts/series';
import { sourceFromBytes } from '../../../../core/evidence/bytes';
import { suggestControls } from '../../../../core/evidence/controls';
import { inspectSource } from '../../../../core/evidence/inspect';
import type { EvidenceSummary } from '../../../../core/evidence/model';
import { toolPeriodOf } from '../../../../core/evidence/freshness';
import { headlineOf, sourceKeyOf } from '../../../../core/evidence/source';
import { DEFAULT_RULES, evaluateRules } from '../../../../core/telemetry/alerts';
import { dashboardCharts, datasetRange } from '../../../../core/telemetry/charts';
import { AuthLogScenario, changeEventsCsv } from '../../../../core/telemetry/generate';
import { importText } from '../../../../core/telemetry/importer';
import { chartEvidence } from '../../../../core/telemetry/issue-draft';

/** The logins chart of a generated auth.log with its brute-force burst and six change events. */
function loginsChart(): ChartSpec {
  const auth = importText([...new AuthLogScenario({ seed: 5 }).generate()].join('\n'), {
    kind: 'auth-log',
    format: 'text',
    year: 2026,
  });
  const changes = importText(changeEventsCsv(), { kind: 'changes', format: 'csv' });
  const dataset = {
    bucketMs: auth.bucketMs,
    series: auth.series,
    events: changes.events,
    alerts: evaluateRules(DEFAULT_RULES, auth.series, auth.bucketMs).map((alert, index) => ({
      ...alert,
      id: `alert-${index}`,
    })),
  };
  const range = datasetRange(dataset);
  if (!range) throw new Error('empty dataset');
  const chart = dashboardCharts(dataset, { ...range, maxPoints: 2000 }).find(
    (spec) => spec.id === 'logins',
  );
  if (!chart) throw new Error('no logins chart');
  return chart;
}

async function inspectText(name: string, text: string) {
  return inspectSource(sourceFromBytes(name, new TextEncoder().encode(text), 4096));
}

async function summaryOf(name: string, text: string): Promise<EvidenceSummary> {
  const { outcome } = await inspectText(name, text);
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.summary;
}

const chart = loginsChart();

describe('chart evidence (demo-ledger.chart/v1)', () => {
  it('is recognised by content and summarised with its period, series and figures', async () => {
    const { detection } = await inspectText('anything.txt', chartJson(chart));
    expect(detection).toMatchObject({ format: 'chart', variant: CHART_FORMAT });
    const summary = await summaryOf('telemetry-logins.json', chartJson(chart));
    expect(summary.chart).toEqual({
      id: 'logins',
      title: chart.title,
      description: chart.description,
      from: chart.x.from,
      to: chart.x.to,
      series: chart.series.map((series) => ({
        id: series.id,
        label: series.label,
        unit: series.unit,
        points: series.points.length,
        sourcePoints: series.sourcePoints,
      })),
      ranges: 1,
      markers: 6,
      figures: chart.figures,
    });
    expect(summary.findings).toBeNull();
    expect(summary.target).toBe('logins');
    expect(sourceKeyOf(summary.format, summary.origin, summary.target, 'x.json')).toBe(
      'chart|logins',
    );
    expect(headlineOf(summary)).toBe(
      `chart ${chart.title}: ${chart.series.length} series, 1 highlighted range, 6 markers`,
    );
    expect(toolPeriodOf(summary)).toEqual({ from: '2026-11-24', to: '2026-11-24' });
    expect(suggestControls(summary).map((suggestion) => suggestion.ref)).toEqual([
      'nist-sp-800-53-rev5#au-6',
      'nist-sp-800-53-rev5#si-4',
    ]);
  });

  it('reads back as the same ChartSpec, the form reports draw from', () => {
    expect(parseChartJson(chartJson(chart))).toEqual(chart);
    expect(chartJson(chart)).toBe(chartJson(parseChartJson(chartJson(chart))));
  });

  it('names the path of the first problem in a damaged chart', async () => {
    const broken = JSON.parse(chartJson(chart)) as { series: { points: { y: unknown }[] }[] };
    const point = broken.series[0]?.points[3];
    if (point) point.y = 'many';
    const { outcome } = await inspectText('bad.json', JSON.stringify(broken));
    expect(outcome).toEqual({
      ok: false,
      format: 'chart',
      error: expect.stringMatching(/^Not a valid chart: series\.0\.points\.3\.y: /) as unknown,
    });

    const noFigures = { ...chart, figures: undefined };
    const missing = await inspectText('bad.json', JSON.stringify(noFigures));
    expect(missing.outcome).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Not a valid chart: figures\.caption: /) as unknown,
    });

    const truncated = await inspectText('cut.json', chartJson(chart).slice(0, 5000));
    expect(truncated.outcome).toMatchObject({
      ok: false,
      error: expect.stringMatching(/truncated/) as unknown,
    });
  });

  it('counts every point of a million-point series', { timeout: 60_000 }, async () => {
    const points = Array.from({ length: 1_000_000 }, (_, index) => `{"x":${index},"y":1}`);
    const huge = chartJson({ ...chart, series: [] }).replace(
      '"series": []',
      `"series": [{"id":"s","label":"S","colour":"accent","kind":"bar","axis":"left","unit":"","sourcePoints":1000000,"points":[${points.join(',')}]}]`,
    );
    const summary = await summaryOf('huge.json', huge);
    expect(summary.chart?.series).toEqual([
      { id: 's', label: 'S', unit: '', points: 1_000_000, sourcePoints: 1_000_000 },
    ]);
  });
});

describe('SVG images', () => {
  it('are images, read through the safe XML parser', async () => {
    const svg = chartEvidence(chart).svg;
    const { detection, outcome } = await inspectText('chart', svg);
    expect(detection).toEqual({ format: 'image', variant: 'SVG', mediaType: 'image/svg+xml' });
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(outcome.summary.details['elements']).toBeGreaterThan(10);
  });

  it('with a DTD are refused, so they are never drawn', async () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;">]>' +
      '<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>';
    const { detection, outcome } = await inspectText('laughs.svg', laughs);
    expect(detection.format).toBe('image');
    expect(outcome.ok).toBe(false);
  });
});
