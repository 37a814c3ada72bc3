import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { downsampleArrays, downsamplePoints } from '../../../../core/charts/downsample';
import { formatTimeTick, layoutChart, niceTicks, timeTicks } from '../../../../core/charts/layout';
import type { ChartSpec } from '../../../../core/charts/series';
import {
  CHART_FORMAT,
  ChartSpec as ChartSpecSchema,
  chartRows,
} from '../../../../core/charts/series';
import { chartToSvg, escapeXml } from '../../../../core/charts/svg';
import { DEFAULT_RULES, evaluateRules } from '../../../../core/telemetry/alerts';
import type { TelemetryDataset } from '../../../../core/telemetry/charts';
import {
  dashboardCharts,
  datasetRange,
  loginChart,
  mergeSeries,
} from '../../../../core/telemetry/charts';
import {
  AccessLogScenario,
  AuthLogScenario,
  changeEventsCsv,
  seededRandom,
} from '../../../../core/telemetry/generate';
import { importText } from '../../../../core/telemetry/importer';

describe('downsampling for display', () => {
  it('keeps every peak and dip of 300,000 points within the budget', () => {
    const random = seededRandom(1);
    const t = Float64Array.from({ length: 300_000 }, (_, index) => index * 1000);
    const v = Float64Array.from({ length: 300_000 }, () => random() * 10);
    v[123_456] = 500;
    v[234_567] = -50;
    const points = downsampleArrays(t, v, 0, 299_999_000, 2000);
    expect(points.length).toBeLessThanOrEqual(2000 + 4);
    expect(points.some((point) => point.y === 500)).toBe(true);
    expect(points.some((point) => point.y === -50)).toBe(true);
    expect(
      points.every((point, index) => index === 0 || point.x > (points[index - 1]?.x ?? 0)),
    ).toBe(true);
  });

  it('returns the points of a zoomed range with one neighbour either side', () => {
    const points = Array.from({ length: 100 }, (_, index) => ({ x: index * 10, y: index }));
    expect(downsamplePoints(points, 200, 300, 1000).map((point) => point.x)).toEqual(
      Array.from({ length: 13 }, (_, index) => 190 + index * 10),
    );
  });
});

describe('chart geometry', () => {
  it('makes round value ticks covering the data', () => {
    expect(niceTicks(0, 87, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('puts time ticks on round UTC boundaries and labels them in UTC', () => {
    const from = Date.UTC(2026, 10, 26, 6, 7);
    const ticks = timeTicks(from, from + 6 * 3_600_000, 6);
    expect(ticks.every((tick) => tick % 3_600_000 === 0)).toBe(true);
    expect(formatTimeTick(Date.UTC(2026, 10, 26, 9, 0), 6 * 3_600_000)).toBe('09:00');
    expect(formatTimeTick(Date.UTC(2026, 10, 26, 9, 0), 10 * 86_400_000)).toBe('11-26 09:00');
  });

  it('merges series into rows by time for recharts', () => {
    expect(
      chartRows([
        {
          id: 'a',
          label: 'A',
          colour: 'accent',
          kind: 'line',
          axis: 'left',
          unit: '',
          points: [
            { x: 1, y: 2 },
            { x: 3, y: 4 },
          ],
          sourcePoints: 2,
        },
        {
          id: 'b',
          label: 'B',
          colour: 'danger',
          kind: 'bar',
          axis: 'left',
          unit: '',
          points: [{ x: 3, y: 5 }],
          sourcePoints: 1,
        },
      ]),
    ).toEqual([
      { x: 1, a: 2, b: null },
      { x: 3, a: 4, b: 5 },
    ]);
  });
});

function telemetryDataset(): TelemetryDataset {
  const auth = new AuthLogScenario({ seed: 2 });
  const access = new AccessLogScenario(10_000, { seed: 2 });
  const authResult = importText([...auth.generate()].join('\n'), {
    kind: 'auth-log',
    format: 'text',
    year: 2026,
  });
  const accessResult = importText([...access.generate()].join('\n'), {
    kind: 'access-log',
    format: 'text',
  });
  const changes = importText(changeEventsCsv(), { kind: 'changes', format: 'csv' });
  const series = mergeSeries([...authResult.series, ...accessResult.series]);
  const alerts = evaluateRules(DEFAULT_RULES, series, 60_000).map((alert, index) => ({
    ...alert,
    id: `a${index}`,
  }));
  return { bucketMs: 60_000, series, events: changes.events, alerts };
}

describe('telemetry charts', () => {
  const dataset = telemetryDataset();
  const range = datasetRange(dataset);

  it('builds the login, attack and 4xx/5xx charts with alert bands and change markers', () => {
    expect(range).not.toBeNull();
    const charts = dashboardCharts(dataset, {
      ...(range as { from: number; to: number }),
      maxPoints: 400,
    });
    expect(charts.map((chart) => chart.id)).toEqual(['logins', 'attacks', 'http-errors']);
    for (const chart of charts) {
      expect(ChartSpecSchema.safeParse(chart).success, chart.id).toBe(true);
      expect(chart.annotations.filter((annotation) => annotation.kind === 'marker')).toHaveLength(
        6,
      );
    }
    const logins = charts[0] as ChartSpec;
    const bands = logins.annotations.filter((annotation) => annotation.kind === 'range');
    expect(bands).toHaveLength(1);
    expect(bands[0]?.label).toMatch(/^Brute-force logins: peak/);
  });

  it('computes the figures from all points, whatever the display budget', () => {
    const view = { ...(range as { from: number; to: number }), maxPoints: 8 };
    const small = loginChart(dataset, view) as ChartSpec;
    const large = loginChart(dataset, { ...view, maxPoints: 100_000 }) as ChartSpec;
    expect(small.series[0]?.points.length).toBeLessThan(large.series[0]?.points.length ?? 0);
    expect(small.figures).toEqual(large.figures);
    const failed = dataset.series.find((series) => series.key === 'auth.failed');
    const totalFailed = Array.from(failed?.v ?? []).reduce((sum, value) => sum + value, 0);
    expect(small.figures.rows[0]).toEqual({ figure: 'Failed logins', value: totalFailed });
    expect(small.series[0]?.sourcePoints).toBe(failed?.t.length);
  });

  it('exports a self-describing chart that round-trips through JSON and the schema', () => {
    const chart = loginChart(dataset, {
      ...(range as { from: number; to: number }),
      maxPoints: 300,
    }) as ChartSpec;
    const parsed = ChartSpecSchema.parse(JSON.parse(JSON.stringify(chart)));
    expect(parsed.format).toBe(CHART_FORMAT);
    expect(parsed).toEqual(chart);
  });

  it('draws a well-formed SVG with escaped text (checked by xmllint)', () => {
    const chart = loginChart(dataset, {
      ...(range as { from: number; to: number }),
      maxPoints: 300,
    }) as ChartSpec;
    const hostile: ChartSpec = {
      ...chart,
      title: 'Logins <script>alert("x")</script> & more\u0000',
      annotations: [
        ...chart.annotations,
        {
          kind: 'marker',
          id: 'm',
          at: chart.x.from + 1,
          label: ']]><evil/>',
          colour: 'warning',
          category: 'cfg',
        },
      ],
    };
    const svg = chartToSvg(hostile, { theme: 'dark' });
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<evil');
    expect(svg).toContain('&lt;script&gt;');
    const dir = mkdtempSync(path.join(tmpdir(), 'chart-svg-'));
    const file = path.join(dir, 'chart.svg');
    writeFileSync(file, svg);
    const check = spawnSync('xmllint', ['--noout', file], { encoding: 'utf8' });
    expect(check.error, 'xmllint (libxml2-utils) must be installed').toBeUndefined();
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    expect((svg.match(/<path /g) ?? []).length).toBe(1);
    expect((svg.match(/<line [^>]*stroke-dasharray/g) ?? []).length).toBeGreaterThanOrEqual(6);
  });

  it('lays the chart out inside its box', () => {
    const chart = loginChart(dataset, {
      ...(range as { from: number; to: number }),
      maxPoints: 300,
    }) as ChartSpec;
    const layout = layoutChart(chart, 600, 300);
    expect(layout.x(chart.x.from)).toBe(layout.plot.left);
    expect(layout.x(chart.x.to)).toBeCloseTo(layout.plot.left + layout.plot.width);
    expect(layout.rightTicks.length).toBeGreaterThan(1);
    expect(escapeXml('a"b\'c')).toBe('a&quot;b&apos;c');
  });
});
