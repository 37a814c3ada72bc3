import { downsampleArrays, lowerBound, upperBound } from '../charts/downsample';
import { formatNumber, formatTime } from '../charts/layout';
import type { ChartAnnotation, ChartSeries, ChartSpec, FiguresTable } from '../charts/series';
import { CHART_FORMAT } from '../charts/series';
import type { SeriesLike } from './alerts';
import { prefixSums } from './alerts';
import type { AlertFinding, ChangeCategory, ChangeEvent } from './model';
import { METRIC, metricLabel } from './model';

/**
 * Chart data for the telemetry dashboard, computed from full-resolution series. Components and
 * the PDF only draw the result. Each builder takes the visible range and a point budget: the
 * drawn points are reduced to fit (peaks kept), the figures table never is.
 */
export interface TelemetryDataset {
  bucketMs: number;
  series: SeriesLike[];
  events: ChangeEvent[];
  alerts: (AlertFinding & { id: string })[];
}

export interface ChartView {
  from: number;
  to: number;
  maxPoints: number;
}

const CHANGE_COLOURS: Readonly<Record<ChangeCategory, ChartAnnotation['colour']>> = {
  os: 'info',
  package: 'info',
  'security-group': 'warning',
  configuration: 'violet',
  cloud: 'accent',
  other: 'neutral',
};

export const CHANGE_LABELS: Readonly<Record<ChangeCategory, string>> = {
  os: 'OS',
  package: 'package',
  'security-group': 'security group',
  configuration: 'configuration',
  cloud: 'cloud',
  other: 'other',
};

/** The full time range of everything in the dataset, or null when it is empty. */
export function datasetRange(dataset: TelemetryDataset): { from: number; to: number } | null {
  let from = Infinity;
  let to = -Infinity;
  for (const series of dataset.series) {
    if (series.t.length === 0) continue;
    from = Math.min(from, series.t[0] as number);
    const last = series.t[series.t.length - 1] as number;
    to = Math.max(to, series.kind === 'count' ? last + dataset.bucketMs : last);
  }
  for (const event of dataset.events) {
    from = Math.min(from, event.at);
    to = Math.max(to, event.at);
  }
  return Number.isFinite(from) ? { from, to: to > from ? to : from + dataset.bucketMs } : null;
}

/**
 * Sums count series with the same key from several imports (bucket by bucket, on the widest
 * interval among them) and joins gauge series, so the dashboard shows one line per metric.
 */
export function mergeSeries(list: readonly SeriesLike[], bucketMs = 0): SeriesLike[] {
  const groups = new Map<string, SeriesLike[]>();
  for (const series of list) groups.set(series.key, [...(groups.get(series.key) ?? []), series]);
  const merged: SeriesLike[] = [];
  for (const [key, group] of groups) {
    const first = group[0] as SeriesLike;
    const rebucket = first.kind === 'count' && bucketMs > 0;
    if (group.length === 1 && !rebucket) {
      merged.push(first);
      continue;
    }
    const byTime = new Map<number, number>();
    for (const series of group) {
      for (let index = 0; index < series.t.length; index += 1) {
        const raw = series.t[index] as number;
        const at = rebucket ? Math.floor(raw / bucketMs) * bucketMs : raw;
        const value = series.v[index] as number;
        byTime.set(at, first.kind === 'count' ? (byTime.get(at) ?? 0) + value : value);
      }
    }
    const times = [...byTime.keys()].sort((a, b) => a - b);
    merged.push({
      key,
      metric: first.metric,
      kind: first.kind,
      t: Float64Array.from(times),
      v: Float64Array.from(times, (at) => byTime.get(at) ?? 0),
    });
  }
  return merged.sort((a, b) => a.key.localeCompare(b.key));
}

function find(dataset: TelemetryDataset, key: string): SeriesLike | undefined {
  return dataset.series.find((series) => series.key === key);
}

function hasEvents(series: SeriesLike | undefined): boolean {
  if (series === undefined) return false;
  for (let index = 0; index < series.v.length; index += 1)
    if ((series.v[index] as number) > 0) return true;
  return false;
}

function total(series: SeriesLike | undefined): number {
  let sum = 0;
  if (series)
    for (let index = 0; index < series.v.length; index += 1) sum += series.v[index] as number;
  return sum;
}

function peak(series: SeriesLike | undefined): { value: number; at: number | null } {
  let value = 0;
  let at: number | null = null;
  if (series) {
    for (let index = 0; index < series.v.length; index += 1) {
      if ((series.v[index] as number) > value) {
        value = series.v[index] as number;
        at = series.t[index] as number;
      }
    }
  }
  return { value, at };
}

function countSeries(
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

function markers(dataset: TelemetryDataset, view: ChartView): ChartAnnotation[] {
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

function alertRanges(
  dataset: TelemetryDataset,
  metrics: readonly string[],
  view: ChartView,
): ChartAnnotation[] {
  return dataset.alerts
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

function alertRows(dataset: TelemetryDataset, metrics: readonly string[]): FiguresTable['rows'] {
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

const FIGURE_COLUMNS: FiguresTable['columns'] = [
  { key: 'figure', label: 'Figure', align: 'left' },
  { key: 'value', label: 'Value', align: 'right' },
];

function spec(fields: Omit<ChartSpec, 'format'>): ChartSpec {
  return { format: CHART_FORMAT, ...fields };
}

/** Rolling ratio numerator / max(1, denominator) over `windowMs`, at each numerator point. */
export function rollingRatio(
  numerator: SeriesLike,
  denominator: SeriesLike | undefined,
  windowMs: number,
): { t: Float64Array; v: Float64Array } {
  const t = Float64Array.from(numerator.t);
  const v = new Float64Array(t.length);
  const nPrefix = prefixSums(numerator.v);
  const dT = denominator?.t ?? [];
  const dPrefix = prefixSums(denominator?.v ?? []);
  for (let index = 0; index < t.length; index += 1) {
    const end = t[index] as number;
    const failed =
      (nPrefix[upperBound(numerator.t, end)] as number) -
      (nPrefix[upperBound(numerator.t, end - windowMs)] as number);
    const ok =
      (dPrefix[upperBound(dT, end)] as number) -
      (dPrefix[upperBound(dT, end - windowMs)] as number);
    v[index] = failed / Math.max(1, ok);
  }
  return { t, v };
}

export function loginChart(
  dataset: TelemetryDataset,
  view: ChartView,
  windowMinutes = 15,
): ChartSpec | null {
  const failed = find(dataset, METRIC.failedLogins);
  const success = find(dataset, METRIC.successfulLogins);
  if (!hasEvents(failed) && !hasEvents(success)) return null;
  const ratio = failed ? rollingRatio(failed, success, windowMinutes * 60_000) : null;
  const failedTotal = total(failed);
  const successTotal = total(success);
  const ratioPeak = ratio
    ? peak({ key: 'ratio', metric: 'ratio', kind: 'gauge', ...ratio })
    : { value: 0, at: null };
  const metrics = [METRIC.failedLogins, METRIC.successfulLogins];
  const bursts = dataset.alerts.filter((alert) => alert.metrics.includes(METRIC.failedLogins));
  return spec({
    id: 'logins',
    title: 'Failed and successful logins',
    description: `Logins per ${intervalLabel(dataset.bucketMs)} (bars) and the ratio of failed to successful logins over a rolling ${windowMinutes}-minute window (line). Shaded: brute-force alerts.`,
    x: { label: 'Time (UTC)', from: view.from, to: view.to },
    y: {
      left: { label: 'Logins', unit: `per ${intervalLabel(dataset.bucketMs)}`, min: 0 },
      right: { label: 'Failed / successful', unit: '', min: 0 },
    },
    series: [
      countSeries(failed, view, {
        id: 'failed',
        label: 'Failed logins',
        colour: 'danger',
        kind: 'bar',
        axis: 'left',
        unit: 'logins',
      }),
      countSeries(success, view, {
        id: 'success',
        label: 'Successful logins',
        colour: 'good',
        kind: 'bar',
        axis: 'left',
        unit: 'logins',
      }),
      {
        id: 'ratio',
        label: `Failed / successful (${windowMinutes} min)`,
        colour: 'warning',
        kind: 'line',
        axis: 'right',
        unit: '',
        points: ratio ? downsampleArrays(ratio.t, ratio.v, view.from, view.to, view.maxPoints) : [],
        sourcePoints: ratio?.t.length ?? 0,
      },
    ],
    annotations: [...alertRanges(dataset, metrics, view), ...markers(dataset, view)],
    figures: {
      caption: 'Login figures over the whole import (not only the visible range)',
      columns: FIGURE_COLUMNS,
      rows: [
        { figure: 'Failed logins', value: failedTotal },
        { figure: 'Successful logins', value: successTotal },
        {
          figure: 'Failed / successful overall',
          value: formatNumber(failedTotal / Math.max(1, successTotal)),
        },
        {
          figure: `Highest ${windowMinutes}-minute ratio`,
          value:
            ratioPeak.at === null
              ? '—'
              : `${formatNumber(ratioPeak.value)} at ${formatTime(ratioPeak.at)}`,
        },
        { figure: 'Brute-force bursts (alerts)', value: bursts.length },
        ...alertRows(dataset, metrics),
      ],
    },
  });
}

export function attackChart(dataset: TelemetryDataset, view: ChartView): ChartSpec | null {
  const requests = find(dataset, METRIC.requests);
  if (!hasEvents(requests)) return null;
  const xss = find(dataset, METRIC.xss);
  const sqli = find(dataset, METRIC.sqli);
  const metrics = [METRIC.xss, METRIC.sqli];
  const xssPeak = peak(xss);
  const sqliPeak = peak(sqli);
  return spec({
    id: 'attacks',
    title: 'XSS and SQL-injection attempts',
    description: `Requests whose request line matched the cross-site scripting or SQL-injection rules, per ${intervalLabel(dataset.bucketMs)}. Shaded: alerts.`,
    x: { label: 'Time (UTC)', from: view.from, to: view.to },
    y: { left: { label: 'Attempts', unit: `per ${intervalLabel(dataset.bucketMs)}`, min: 0 } },
    series: [
      countSeries(xss, view, {
        id: 'xss',
        label: 'XSS attempts',
        colour: 'violet',
        kind: 'bar',
        axis: 'left',
        unit: 'requests',
      }),
      countSeries(sqli, view, {
        id: 'sqli',
        label: 'SQL-injection attempts',
        colour: 'danger',
        kind: 'bar',
        axis: 'left',
        unit: 'requests',
      }),
    ],
    annotations: [...alertRanges(dataset, metrics, view), ...markers(dataset, view)],
    figures: {
      caption: 'Attack figures over the whole import',
      columns: FIGURE_COLUMNS,
      rows: [
        { figure: 'Requests', value: total(requests) },
        { figure: 'XSS attempts', value: total(xss) },
        { figure: 'SQL-injection attempts', value: total(sqli) },
        {
          figure: `Most XSS attempts in one ${intervalLabel(dataset.bucketMs)}`,
          value: peakText(xssPeak),
        },
        {
          figure: `Most SQL-injection attempts in one ${intervalLabel(dataset.bucketMs)}`,
          value: peakText(sqliPeak),
        },
        ...alertRows(dataset, metrics),
      ],
    },
  });
}

/** Share of requests per bucket, in percent; null where there were no requests. */
export function ratePercent(
  part: SeriesLike | undefined,
  whole: SeriesLike,
): { t: Float64Array; v: (number | null)[] } {
  const t = Float64Array.from(whole.t);
  const v: (number | null)[] = [];
  for (let index = 0; index < t.length; index += 1) {
    const requests = whole.v[index] as number;
    if (requests === 0) {
      v.push(null);
      continue;
    }
    const at = t[index] as number;
    const position = part ? lowerBound(part.t, at) : -1;
    const count = part && part.t[position] === at ? (part.v[position] as number) : 0;
    v.push((count / requests) * 100);
  }
  return { t, v };
}

export function httpErrorChart(dataset: TelemetryDataset, view: ChartView): ChartSpec | null {
  const requests = find(dataset, METRIC.requests);
  if (requests === undefined || !hasEvents(requests)) return null;
  const clientErrors = find(dataset, METRIC.clientErrors);
  const serverErrors = find(dataset, METRIC.serverErrors);
  const clientRate = ratePercent(clientErrors, requests);
  const serverRate = ratePercent(serverErrors, requests);
  const requestTotal = total(requests);
  const metrics = [METRIC.clientErrors, METRIC.serverErrors];
  const rateSeries = (
    id: string,
    label: string,
    colour: ChartSeries['colour'],
    rate: { t: Float64Array; v: (number | null)[] },
  ): ChartSeries => ({
    id,
    label,
    colour,
    kind: 'line',
    axis: 'left',
    unit: '%',
    points: downsampleArrays(rate.t, rate.v, view.from, view.to, view.maxPoints),
    sourcePoints: rate.t.length,
  });
  return spec({
    id: 'http-errors',
    title: '4xx and 5xx responses',
    description: `Share of requests answered with a client error (4xx) or a server error (5xx), per ${intervalLabel(dataset.bucketMs)}, with the number of requests.`,
    x: { label: 'Time (UTC)', from: view.from, to: view.to },
    y: {
      left: { label: 'Share of requests', unit: '%', min: 0 },
      right: { label: 'Requests', unit: `per ${intervalLabel(dataset.bucketMs)}`, min: 0 },
    },
    series: [
      countSeries(requests, view, {
        id: 'requests',
        label: 'Requests',
        colour: 'neutral',
        kind: 'area',
        axis: 'right',
        unit: 'requests',
      }),
      rateSeries('rate4xx', '4xx rate', 'warning', clientRate),
      rateSeries('rate5xx', '5xx rate', 'danger', serverRate),
    ],
    annotations: [...alertRanges(dataset, metrics, view), ...markers(dataset, view)],
    figures: {
      caption: 'Response figures over the whole import',
      columns: FIGURE_COLUMNS,
      rows: [
        { figure: 'Requests', value: requestTotal },
        { figure: '4xx responses', value: total(clientErrors) },
        { figure: '5xx responses', value: total(serverErrors) },
        {
          figure: '4xx rate overall',
          value: `${formatNumber((total(clientErrors) / Math.max(1, requestTotal)) * 100)} %`,
        },
        {
          figure: '5xx rate overall',
          value: `${formatNumber((total(serverErrors) / Math.max(1, requestTotal)) * 100)} %`,
        },
        ...alertRows(dataset, metrics),
      ],
    },
  });
}

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
    spec({
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

/** Every chart that has data, in dashboard order. */
export function dashboardCharts(dataset: TelemetryDataset, view: ChartView): ChartSpec[] {
  return [
    loginChart(dataset, view),
    attackChart(dataset, view),
    httpErrorChart(dataset, view),
    ...metricCharts(dataset, view),
  ].filter((chart): chart is ChartSpec => chart !== null);
}

function peakText(value: { value: number; at: number | null }): string {
  return value.at === null ? '0' : `${formatNumber(value.value)} at ${formatTime(value.at)}`;
}

export function intervalLabel(bucketMs: number): string {
  if (bucketMs % 86_400_000 === 0)
    return bucketMs === 86_400_000 ? 'day' : `${bucketMs / 86_400_000} days`;
  if (bucketMs % 3_600_000 === 0)
    return bucketMs === 3_600_000 ? 'hour' : `${bucketMs / 3_600_000} h`;
  if (bucketMs % 60_000 === 0) return bucketMs === 60_000 ? 'minute' : `${bucketMs / 60_000} min`;
  return `${bucketMs / 1000} s`;
}
