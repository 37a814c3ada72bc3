import { downsampleArrays } from '../charts/downsample';
import { formatNumber } from '../charts/layout';
import type { ChartSeries, ChartSpec } from '../charts/series';
import type { SeriesLike } from './alerts';
import { alertRanges, chartSpec, markers, silenceRanges } from './chart-parts';
import type { ChartView, TelemetryDataset } from './dataset';

const PALETTE: readonly ChartSeries['colour'][] = [
  'accent',
  'info',
  'violet',
  'warning',
  'good',
  'danger',
  'neutral',
];

/** One chart per imported metric name, a line per label set. */
export function metricCharts(dataset: TelemetryDataset, view: ChartView): ChartSpec[] {
  const byMetric = new Map<string, SeriesLike[]>();
  for (const series of dataset.series) {
    if (series.kind !== 'gauge') continue;
    byMetric.set(series.metric, [...(byMetric.get(series.metric) ?? []), series]);
  }
  return [...byMetric.entries()].map(([metric, list]) =>
    chartSpec({
      id: `metric-${metric}`,
      title: metric,
      description: `Imported metric ${metric}${list.length > 1 ? `, ${list.length} label sets` : ''}.`,
      x: { label: 'Time (UTC)', from: view.from, to: view.to },
      y: { left: { label: metric, unit: '' } },
      series: list.slice(0, 12).map((series, index) => ({
        id: `s${index}`,
        label: series.key,
        colour: PALETTE[index % PALETTE.length] ?? 'accent',
        kind: 'line',
        axis: 'left',
        unit: '',
        points: downsampleArrays(series.t, series.v, view.from, view.to, view.maxPoints),
        sourcePoints: series.t.length,
      })),
      annotations: [
        ...alertRanges(dataset, [metric, ...list.map((series) => series.key)], view),
        ...silenceRanges(dataset, ['metrics'], view),
        ...markers(dataset, view),
      ],
      figures: {
        caption: `${metric}: figures from all points`,
        columns: [
          { key: 'series', label: 'Series', align: 'left' },
          { key: 'points', label: 'Points', align: 'right' },
          { key: 'min', label: 'Min', align: 'right' },
          { key: 'mean', label: 'Mean', align: 'right' },
          { key: 'max', label: 'Max', align: 'right' },
        ],
        rows: list.map((series) => {
          let min = Infinity;
          let max = -Infinity;
          let sum = 0;
          for (let index = 0; index < series.v.length; index += 1) {
            const value = series.v[index] as number;
            min = Math.min(min, value);
            max = Math.max(max, value);
            sum += value;
          }
          const count = series.v.length;
          return {
            series: series.key,
            points: count,
            min: count ? formatNumber(min) : '—',
            mean: count ? formatNumber(sum / count) : '—',
            max: count ? formatNumber(max) : '—',
          };
        }),
      },
    }),
  );
}
