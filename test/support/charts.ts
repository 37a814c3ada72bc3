import type { ChartSpec } from '../../core/charts/series';
import type { TelemetryDataset } from '../../core/telemetry/charts';
import { attackChart, datasetRange, loginChart } from '../../core/telemetry/charts';

/**
 * Telemetry charts as the app makes them (core/telemetry/charts.ts), from two hours of per-minute
 * counts with an attack burst, a brute-force alert and a security-group change: what a test stores
 * as chart evidence (`demo-ledger.chart/v1`) before a report draws it.
 */

const START = Date.UTC(2026, 10, 24, 8, 0);
const MINUTE = 60_000;
const MINUTES = 120;

function counts(shape: (minute: number) => number): Float64Array {
  return Float64Array.from({ length: MINUTES }, (_, minute) => shape(minute));
}

export function sampleDataset(): TelemetryDataset {
  const t = Float64Array.from({ length: MINUTES }, (_, minute) => START + minute * MINUTE);
  const burst = (minute: number): boolean => minute >= 60 && minute < 75;
  const series = (key: string, shape: (minute: number) => number) => ({
    key,
    metric: key,
    kind: 'count' as const,
    t,
    v: counts(shape),
  });
  return {
    bucketMs: MINUTE,
    series: [
      series('http.requests', (minute) => 200 + (minute % 7) * 3),
      series('http.xss', (minute) => (burst(minute) ? 9 + (minute % 3) : 0)),
      series('http.sqli', (minute) => (burst(minute) ? 5 + (minute % 2) : minute === 20 ? 1 : 0)),
      series('auth.failed', (minute) => (burst(minute) ? 40 + minute : 1)),
      series('auth.success', (minute) => 3 + (minute % 2)),
    ],
    events: [
      {
        at: START + 50 * MINUTE,
        category: 'security-group',
        summary: 'Opened port 8443 to 0.0.0.0/0',
        actor: 'terraform',
        target: 'sg-web',
      },
    ],
    alerts: [
      {
        id: 'alert-1',
        ruleId: 'brute-force-logins',
        ruleName: 'Brute-force logins',
        metric: 'Failed logins / Successful logins',
        metrics: ['auth.failed', 'auth.success'],
        from: START + 60 * MINUTE,
        to: START + 75 * MINUTE,
        windowMinutes: 15,
        threshold: 3,
        peak: 37,
        peakAt: START + 74 * MINUTE,
        values: { 'auth.failed': 1007, 'auth.success': 52 },
        suggestedPriority: 'P1',
        controls: ['nist-sp-800-53-rev5#ac-7'],
      },
    ],
  };
}

/** The login chart (bars, ratio line on a right axis, alert band, change marker) and the attack chart. */
export function sampleCharts(): ChartSpec[] {
  const dataset = sampleDataset();
  const range = datasetRange(dataset);
  if (range === null) throw new Error('the sample dataset is empty');
  const view = { ...range, maxPoints: 2000 };
  return [loginChart(dataset, view), attackChart(dataset, view)].filter(
    (chart): chart is ChartSpec => chart !== null,
  );
}
