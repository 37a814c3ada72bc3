import { z } from 'zod';
import { formatNumber, formatPeriod, formatTime } from '../charts/layout';
import type { ChartSpec } from '../charts/series';
import { ChartSpec as ChartSpecSchema } from '../charts/series';
import { chartToSvg } from '../charts/svg';
import { ControlRef } from '../model/refs';
import type { AlertFinding } from './model';
import { Priority, metricLabel } from './model';

/**
 * What the telemetry area hands to other features. Security issues and evidence are built by their
 * own features; these plain objects carry everything those need, and the app wires them in.
 */

/** A security issue prefilled from an alert; the user reviews and confirms it. */
export const SecurityIssueDraft = z.object({
  title: z.string().trim().min(1, 'a title is required').max(200),
  priority: Priority,
  description: z.string().max(20_000),
  /** The time range the alert covers (epoch ms, UTC). */
  from: z.number(),
  to: z.number(),
  metric: z.string().max(300),
  /** The figures behind the alert: peak, limit, and the sums of each metric in the range. */
  values: z.record(z.string(), z.number()),
  controls: z.array(ControlRef),
  source: z.object({
    kind: z.literal('telemetry-alert'),
    alertId: z.string(),
    ruleId: z.string(),
    importId: z.string(),
    fileName: z.string(),
  }),
});
export type SecurityIssueDraft = z.infer<typeof SecurityIssueDraft>;

export interface AlertContext {
  alertId: string;
  importId: string;
  fileName: string;
}

export function issueDraftFromAlert(
  alert: AlertFinding,
  context: AlertContext,
): SecurityIssueDraft {
  const sums = Object.entries(alert.values).map(
    ([metric, value]) => `${metricLabel(metric)}: ${formatNumber(value)}`,
  );
  const description = [
    `${alert.ruleName} detected in ${context.fileName}.`,
    '',
    `When: ${formatPeriod(alert.from, alert.to)}`,
    `Measured: ${alert.metric} over ${alert.windowMinutes}-minute windows`,
    `Peak: ${formatNumber(alert.peak)} at ${formatTime(alert.peakAt)} (limit ${formatNumber(alert.threshold)})`,
    `In the alert period: ${sums.join('; ')}`,
    '',
    'Investigate the source of the activity, confirm whether any attempt succeeded, and record the outcome.',
  ].join('\n');
  return {
    title:
      `${alert.ruleName}: ${alert.metric} peaked at ${formatNumber(alert.peak)} (${formatPeriod(alert.from, alert.to)})`.slice(
        0,
        200,
      ),
    priority: alert.suggestedPriority,
    description,
    from: alert.from,
    to: alert.to,
    metric: alert.metric,
    values: { peak: alert.peak, threshold: alert.threshold, ...alert.values },
    controls: alert.controls.filter((ref) => ControlRef.safeParse(ref).success),
    source: {
      kind: 'telemetry-alert',
      alertId: context.alertId,
      ruleId: alert.ruleId,
      importId: context.importId,
      fileName: context.fileName,
    },
  };
}

/** A chart ready to attach as evidence: the data object, its SVG, and the controls it supports. */
export const ChartEvidence = z.object({
  fileName: z.string(),
  chart: ChartSpecSchema,
  svg: z.string(),
  controls: z.array(ControlRef),
});
export type ChartEvidence = z.infer<typeof ChartEvidence>;

/** Detective controls a telemetry chart demonstrates (audit review, system monitoring ...). */
export const TELEMETRY_CONTROLS: Readonly<Record<string, readonly ControlRef[]>> = {
  logins: ['nist-sp-800-53-rev5#ac-7', 'nist-sp-800-53-rev5#au-6', 'nist-sp-800-53-rev5#si-4'],
  attacks: ['nist-sp-800-53-rev5#si-4', 'nist-sp-800-53-rev5#si-10', 'nist-sp-800-53-rev5#au-6'],
  'http-errors': ['nist-sp-800-53-rev5#si-4', 'nist-sp-800-53-rev5#au-6'],
};

export function chartEvidence(chart: ChartSpec): ChartEvidence {
  const slug = chart.id.replace(/[^a-z0-9-]+/gi, '-').slice(0, 60) || 'chart';
  return {
    fileName: `telemetry-${slug}`,
    chart,
    svg: chartToSvg(chart, { theme: 'light' }),
    controls: [
      ...(TELEMETRY_CONTROLS[chart.id] ?? ['nist-sp-800-53-rev5#si-4', 'nist-sp-800-53-rev5#au-6']),
    ],
  };
}
