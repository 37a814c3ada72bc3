import { describe, expect, it } from 'vitest';
import { ChartSpec } from '../../../../core/charts/series';
import type { TelemetryDataset } from '../../../../core/telemetry/charts';
import { attackChart, datasetRange } from '../../../../core/telemetry/charts';
import {
  SecurityIssueDraft,
  chartEvidence,
  issueDraftFromAlert,
} from '../../../../core/telemetry/issue-draft';
import { BRUTE_FORCE_ALERT } from '../support/alerts';

const alert = BRUTE_FORCE_ALERT;

describe('issue drafts from alerts', () => {
  it('carries everything an issue needs: title, priority, period, metric, values, controls, source', () => {
    const draft = issueDraftFromAlert(alert, {
      alertId: 'a1',
      importId: 'i1',
      fileName: 'auth.log',
    });
    expect(SecurityIssueDraft.parse(draft)).toEqual(draft);
    expect(draft).toMatchObject({
      title:
        'Brute-force logins: Failed logins / Successful logins peaked at 419 (2026-11-24 09:18–09:38 UTC)',
      priority: 'P1',
      from: alert.from,
      to: alert.to,
      metric: 'Failed logins / Successful logins',
      values: { peak: 419, threshold: 3, 'auth.failed': 721, 'auth.success': 4 },
      controls: ['nist-sp-800-53-rev5#ac-7', 'nist-sp-800-53-rev5#si-4'],
      source: {
        kind: 'telemetry-alert',
        alertId: 'a1',
        ruleId: 'brute-force-logins',
        importId: 'i1',
        fileName: 'auth.log',
      },
    });
    expect(draft.description).toContain('Peak: 419 at 2026-11-24 09:29 UTC (limit 3)');
    expect(draft.description).toContain(
      'In the alert period: Failed logins: 721; Successful logins: 4',
    );
  });

  it('drops control references that are not valid', () => {
    const draft = issueDraftFromAlert(
      { ...alert, controls: ['nist-sp-800-53-rev5#au-6', 'no ref'] },
      { alertId: 'a', importId: 'i', fileName: 'f' },
    );
    expect(draft.controls).toEqual(['nist-sp-800-53-rev5#au-6']);
  });
});

describe('chart evidence', () => {
  it('packs the chart data, its SVG and the detective controls it supports', () => {
    const t = Float64Array.from([0, 60_000, 120_000]);
    const dataset: TelemetryDataset = {
      bucketMs: 60_000,
      series: [
        {
          key: 'http.requests',
          metric: 'http.requests',
          kind: 'count',
          t,
          v: Float64Array.from([10, 10, 10]),
        },
        { key: 'http.xss', metric: 'http.xss', kind: 'count', t, v: Float64Array.from([0, 7, 0]) },
      ],
      events: [],
      alerts: [],
    };
    const chart = attackChart(dataset, {
      ...(datasetRange(dataset) as { from: number; to: number }),
      maxPoints: 100,
    });
    if (!chart) throw new Error('expected a chart');
    const evidence = chartEvidence(chart);
    expect(evidence.fileName).toBe('telemetry-attacks');
    expect(ChartSpec.parse(evidence.chart)).toEqual(chart);
    expect(evidence.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(evidence.controls).toContain('nist-sp-800-53-rev5#si-4');
    expect(evidence.chart.figures.rows).toContainEqual({ figure: 'XSS attempts', value: 7 });
  });
});
