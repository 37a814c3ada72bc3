import { formatNumber, formatPeriod, formatTime } from '../charts/layout';
import type { ChartAnnotation, ChartSeries, ChartSpec, FiguresTable } from '../charts/series';
import { CHART_FORMAT, SILENCE_CATEGORY } from '../charts/series';
import { downsampleArrays } from '../charts/downsample';
import type { SeriesLike } from './alerts';
import type { ChartView, TelemetryDataset } from './dataset';
import type { ChangeCategory } from './model';
import { metricLabel } from './model';
import { describeSource, formatDuration } from './silence';

/** The parts every telemetry chart shares: change markers, alert bands and rows, count series. */
export const CHANGE_COLOURS: Readonly<Record<ChangeCategory, ChartAnnotation['colour']>> = {
  os: 'info',
  package: 'info',
  'security-group': 'warning',
  configuration: 'violet',
  integrity: 'danger',
  cloud: 'accent',
  other: 'neutral',
};

export const CHANGE_LABELS: Readonly<Record<ChangeCategory, string>> = {
  os: 'OS',
  package: 'package',
  'security-group': 'security group',
  configuration: 'configuration',
  integrity: 'file integrity',
  cloud: 'cloud',
  other: 'other',
};

export function countSeries(
  series: SeriesLike | undefined,
  view: ChartView,
  fields: Pick<ChartSeries, 'id' | 'label' | 'colour' | 'kind' | 'axis' | 'unit'>,
): ChartSeries {
  return {
    ...fields,
    points: series ? downsampleArrays(series.t, series.v, view.from, view.to, view.maxPoints) : [],
    sourcePoints: series?.t.length ?? 0,
  };
}

export function markers(dataset: TelemetryDataset, view: ChartView): ChartAnnotation[] {
  return dataset.events
    .filter((event) => event.at >= view.from && event.at <= view.to)
    .slice(0, 500)
    .map((event, index) => ({
      kind: 'marker',
      id: `change-${index}-${event.at}`,
      at: event.at,
      label: `${CHANGE_LABELS[event.category]} change: ${event.summary}${event.actor ? ` (by ${event.actor})` : ''}`,
      colour: CHANGE_COLOURS[event.category],
      category: CHANGE_LABELS[event.category],
    }));
}

/** The kinds whose series the dashboard charts; silences of other sources show on every chart. */
const CHARTED_KINDS = new Set(['access-log', 'auth-log', 'auth-events', 'metrics']);

function silencesFor(dataset: TelemetryDataset, kinds: readonly string[]) {
  return dataset.alerts.filter(
    (alert) =>
      alert.source !== undefined &&
      (kinds.includes(alert.source.kind) || !CHARTED_KINDS.has(alert.source.kind)),
  );
}

/** Stretches in which a source whose data the chart shows sent nothing, as grey bands. */
export function silenceRanges(
  dataset: TelemetryDataset,
  kinds: readonly string[],
  view: ChartView,
): ChartAnnotation[] {
  return silencesFor(dataset, kinds)
    .filter((alert) => alert.to >= view.from && alert.from <= view.to)
    .map((alert) => ({
      kind: 'range',
      id: `silence-${alert.id}`,
      from: alert.from,
      to: alert.to,
      label: `${describeSource(alert.source ?? { host: '', kind: '' })} silent ${formatPeriod(alert.from, alert.to)}`,
      colour: 'neutral',
      category: SILENCE_CATEGORY,
    }));
}

export function silenceRows(
  dataset: TelemetryDataset,
  kinds: readonly string[],
): FiguresTable['rows'] {
  return silencesFor(dataset, kinds).map((alert) => ({
    figure: `Silent: ${describeSource(alert.source ?? { host: '', kind: '' })}, ${formatTime(alert.from)} – ${formatTime(alert.to)}`,
    value: `${formatDuration(alert.to - alert.from)} (allowed ${formatDuration(alert.threshold * 60_000)})`,
  }));
}

export function alertRanges(
  dataset: TelemetryDataset,
  metrics: readonly string[],
  view: ChartView,
): ChartAnnotation[] {
  return dataset.alerts
    .filter((alert) => alert.source === undefined)
    .filter((alert) => alert.metrics.some((metric) => metrics.includes(metric)))
    .filter((alert) => alert.to >= view.from && alert.from <= view.to)
    .map((alert) => ({
      kind: 'range',
      id: `alert-${alert.id}`,
      from: alert.from,
      to: alert.to,
      label: `${alert.ruleName}: peak ${formatNumber(alert.peak)} (limit ${formatNumber(alert.threshold)} within ${alert.windowMinutes} min)`,
      colour: 'danger',
    }));
}

export function alertRows(
  dataset: TelemetryDataset,
  metrics: readonly string[],
): FiguresTable['rows'] {
  return dataset.alerts
    .filter((alert) => alert.metrics.some((metric) => metrics.includes(metric)))
    .map((alert) => ({
      figure: `${alert.ruleName}, ${formatTime(alert.from)} – ${formatTime(alert.to)}`,
      value: `peak ${formatNumber(alert.peak)} > ${formatNumber(alert.threshold)}; ${Object.entries(
        alert.values,
      )
        .map(([metric, value]) => `${metricLabel(metric)} ${formatNumber(value)}`)
        .join(', ')}`,
    }));
}

export const FIGURE_COLUMNS: FiguresTable['columns'] = [
  { key: 'figure', label: 'Figure', align: 'left' },
  { key: 'value', label: 'Value', align: 'right' },
];

export function chartSpec(fields: Omit<ChartSpec, 'format'>): ChartSpec {
  return { format: CHART_FORMAT, ...fields };
}
