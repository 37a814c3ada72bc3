import { downsampleArrays } from '../charts/downsample';
import { formatNumber, formatTime } from '../charts/layout';
import type { ChartSeries, ChartSpec } from '../charts/series';
import {
  FIGURE_COLUMNS,
  alertRanges,
  alertRows,
  chartSpec,
  countSeries,
  markers,
  silenceRanges,
  silenceRows,
} from './chart-parts';
import type { ChartView, TelemetryDataset } from './dataset';
import {
  findSeries,
  hasEvents,
  intervalLabel,
  ratePercent,
  rollingRatio,
  seriesPeak,
  seriesTotal,
} from './dataset';
import { metricCharts } from './metric-charts';
import { METRIC } from './model';

export type { ChartView, TelemetryDataset } from './dataset';
export { datasetRange, mergeSeries } from './dataset';
export { metricCharts } from './metric-charts';

/** The source kinds whose lines each chart shows, for drawing their silences. */
const LOGIN_KINDS = ['auth-log', 'auth-events'];
const WEB_KINDS = ['access-log'];

/**
 * Chart data for the telemetry dashboard, computed from full-resolution series. Components and
 * the PDF only draw the result. Each builder takes the visible range and a point budget: the
 * drawn points are reduced to fit (peaks kept), the figures table never is.
 */
export function loginChart(
  dataset: TelemetryDataset,
  view: ChartView,
  windowMinutes = 15,
): ChartSpec | null {
  const failed = findSeries(dataset, METRIC.failedLogins);
  const success = findSeries(dataset, METRIC.successfulLogins);
  if (!hasEvents(failed) && !hasEvents(success)) return null;
  const ratio = failed ? rollingRatio(failed, success, windowMinutes * 60_000) : null;
  const failedTotal = seriesTotal(failed);
  const successTotal = seriesTotal(success);
  const ratioPeak = ratio
    ? seriesPeak({ key: 'ratio', metric: 'ratio', kind: 'gauge', ...ratio })
    : { value: 0, at: null };
  const metrics = [METRIC.failedLogins, METRIC.successfulLogins];
  const bursts = dataset.alerts.filter((alert) => alert.metrics.includes(METRIC.failedLogins));
  return chartSpec({
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
    annotations: [
      ...alertRanges(dataset, metrics, view),
      ...silenceRanges(dataset, LOGIN_KINDS, view),
      ...markers(dataset, view),
    ],
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
        ...silenceRows(dataset, LOGIN_KINDS),
      ],
    },
  });
}

export function attackChart(dataset: TelemetryDataset, view: ChartView): ChartSpec | null {
  const requests = findSeries(dataset, METRIC.requests);
  if (!hasEvents(requests)) return null;
  const xss = findSeries(dataset, METRIC.xss);
  const sqli = findSeries(dataset, METRIC.sqli);
  const metrics = [METRIC.xss, METRIC.sqli];
  const xssPeak = seriesPeak(xss);
  const sqliPeak = seriesPeak(sqli);
  return chartSpec({
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
    annotations: [
      ...alertRanges(dataset, metrics, view),
      ...silenceRanges(dataset, WEB_KINDS, view),
      ...markers(dataset, view),
    ],
    figures: {
      caption: 'Attack figures over the whole import',
      columns: FIGURE_COLUMNS,
      rows: [
        { figure: 'Requests', value: seriesTotal(requests) },
        { figure: 'XSS attempts', value: seriesTotal(xss) },
        { figure: 'SQL-injection attempts', value: seriesTotal(sqli) },
        {
          figure: `Most XSS attempts in one ${intervalLabel(dataset.bucketMs)}`,
          value: peakText(xssPeak),
        },
        {
          figure: `Most SQL-injection attempts in one ${intervalLabel(dataset.bucketMs)}`,
          value: peakText(sqliPeak),
        },
        ...alertRows(dataset, metrics),
        ...silenceRows(dataset, WEB_KINDS),
      ],
    },
  });
}

export function httpErrorChart(dataset: TelemetryDataset, view: ChartView): ChartSpec | null {
  const requests = findSeries(dataset, METRIC.requests);
  if (requests === undefined || !hasEvents(requests)) return null;
  const clientErrors = findSeries(dataset, METRIC.clientErrors);
  const serverErrors = findSeries(dataset, METRIC.serverErrors);
  const clientRate = ratePercent(clientErrors, requests);
  const serverRate = ratePercent(serverErrors, requests);
  const requestTotal = seriesTotal(requests);
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
  return chartSpec({
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
    annotations: [
      ...alertRanges(dataset, metrics, view),
      ...silenceRanges(dataset, WEB_KINDS, view),
      ...markers(dataset, view),
    ],
    figures: {
      caption: 'Response figures over the whole import',
      columns: FIGURE_COLUMNS,
      rows: [
        { figure: 'Requests', value: requestTotal },
        { figure: '4xx responses', value: seriesTotal(clientErrors) },
        { figure: '5xx responses', value: seriesTotal(serverErrors) },
        {
          figure: '4xx rate overall',
          value: `${formatNumber((seriesTotal(clientErrors) / Math.max(1, requestTotal)) * 100)} %`,
        },
        {
          figure: '5xx rate overall',
          value: `${formatNumber((seriesTotal(serverErrors) / Math.max(1, requestTotal)) * 100)} %`,
        },
        ...alertRows(dataset, metrics),
        ...silenceRows(dataset, WEB_KINDS),
      ],
    },
  });
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
