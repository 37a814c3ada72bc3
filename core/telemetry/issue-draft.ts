import { z } from 'zod';
import { formatNumber, formatPeriod, formatTime } from '../charts/layout';
import type { ChartSpec } from '../charts/series';
import { ChartSpec as ChartSpecSchema } from '../charts/series';
import { chartToSvg } from '../charts/svg';
import { ControlRef } from '../model/refs';
import type { AlertFinding } from './model';
import { Priority, metricLabel } from './model';
import { describeSource, formatDuration } from './silence';

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
  const { title, description, values } =
    alert.source === undefined
      ? burstText(alert, context)
      : silenceText(alert, alert.source, context);
  return {
    title: title.slice(0, 200),
    priority: alert.suggestedPriority,
    description,
    from: alert.from,
    to: alert.to,
    metric: alert.metric,
    values,
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

interface DraftText {
  title: string;
  description: string;
  values: Record<string, number>;
}

/** A burst over a window rule: when, what was measured, the peak against the limit. */
function burstText(alert: AlertFinding, context: AlertContext): DraftText {
  const sums = Object.entries(alert.values).map(
    ([metric, value]) => `${metricLabel(metric)}: ${formatNumber(value)}`,
  );
  return {
    title: `${alert.ruleName}: ${alert.metric} peaked at ${formatNumber(alert.peak)} (${formatPeriod(alert.from, alert.to)})`,
    description: [
      `${alert.ruleName} detected in ${context.fileName}.`,
      '',
      `When: ${formatPeriod(alert.from, alert.to)}`,
      `Measured: ${alert.metric} over ${alert.windowMinutes}-minute windows`,
      `Peak: ${formatNumber(alert.peak)} at ${formatTime(alert.peakAt)} (limit ${formatNumber(alert.threshold)})`,
      `In the alert period: ${sums.join('; ')}`,
      '',
      'Investigate the source of the activity, confirm whether any attempt succeeded, and record the outcome.',
    ].join('\n'),
    values: { peak: alert.peak, threshold: alert.threshold, ...alert.values },
  };
}

/** A silent source: what stopped, for how long, against what cadence, and what to check. */
function silenceText(
  alert: AlertFinding,
  source: { host: string; kind: string },
  context: AlertContext,
): DraftText {
  const what = describeSource(source);
  const length = formatDuration(alert.to - alert.from);
  const allowed = formatDuration(alert.threshold * 60_000);
  return {
    title: `${alert.ruleName}: no lines from ${what} for ${length} (${formatPeriod(alert.from, alert.to)})`,
    description: [
      `No lines from ${what} between ${formatPeriod(alert.from, alert.to)} (${length}).`,
      `A silence is a gap longer than ${allowed} for this source (its cadence times the rule's tolerance); the last line before it came from ${context.fileName}.`,
      '',
      'Telemetry that stops arriving looks exactly like a host nobody attacks. Find out whether the host was down, its logging or log shipping failed, or the export is incomplete; restore the feed and record the outcome.',
    ].join('\n'),
    values: { ...alert.values },
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
