import { z } from 'zod';
import { ControlRef } from '../model/refs';

/** What an imported telemetry file holds; see detect.ts for how it is recognised. */
export const TELEMETRY_KINDS = [
  'access-log',
  'auth-log',
  'auth-events',
  'metrics',
  'changes',
] as const;
export const TelemetryKind = z.enum(TELEMETRY_KINDS);
export type TelemetryKind = z.infer<typeof TelemetryKind>;

/** `report`: one tool's report read whole (Puppet, Chef Infra, AIDE, Tripwire; core/change-reports). */
export const TELEMETRY_FORMATS = ['text', 'csv', 'json', 'ndjson', 'report'] as const;
export const TelemetryFormat = z.enum(TELEMETRY_FORMATS);
export type TelemetryFormat = z.infer<typeof TelemetryFormat>;

export const KIND_LABELS: Readonly<Record<TelemetryKind, string>> = {
  'access-log': 'Web server access log (nginx/Apache combined or common format)',
  'auth-log': 'Authentication log (Linux auth.log / sshd)',
  'auth-events': 'Login events (JSON)',
  metrics: 'Metric export (timestamp, metric, value, labels)',
  changes:
    'Change events (OS, packages, security groups, configuration, cloud, Puppet, Chef, AIDE, Tripwire, OSSEC)',
};

/** The series every log kind produces, by stable name. Metric exports keep their own names. */
export const METRIC = {
  requests: 'http.requests',
  clientErrors: 'http.4xx',
  serverErrors: 'http.5xx',
  xss: 'http.xss',
  sqli: 'http.sqli',
  failedLogins: 'auth.failed',
  successfulLogins: 'auth.success',
} as const;

export const METRIC_LABELS: Readonly<Record<string, string>> = {
  [METRIC.requests]: 'Requests',
  [METRIC.clientErrors]: '4xx responses',
  [METRIC.serverErrors]: '5xx responses',
  [METRIC.xss]: 'XSS attempts',
  [METRIC.sqli]: 'SQL-injection attempts',
  [METRIC.failedLogins]: 'Failed logins',
  [METRIC.successfulLogins]: 'Successful logins',
};

export function metricLabel(metric: string): string {
  return METRIC_LABELS[metric] ?? metric;
}

/** The figures the CLI prints and every import records. */
export const Totals = z.object({
  requests: z.number().int().nonnegative(),
  status4xx: z.number().int().nonnegative(),
  status5xx: z.number().int().nonnegative(),
  xssAttempts: z.number().int().nonnegative(),
  sqlInjectionAttempts: z.number().int().nonnegative(),
  failedLogins: z.number().int().nonnegative(),
  successfulLogins: z.number().int().nonnegative(),
  metricPoints: z.number().int().nonnegative(),
  changeEvents: z.number().int().nonnegative(),
});
export type Totals = z.infer<typeof Totals>;

export function emptyTotals(): Totals {
  return {
    requests: 0,
    status4xx: 0,
    status5xx: 0,
    xssAttempts: 0,
    sqlInjectionAttempts: 0,
    failedLogins: 0,
    successfulLogins: 0,
    metricPoints: 0,
    changeEvents: 0,
  };
}

export const CHANGE_CATEGORIES = [
  'os',
  'package',
  'security-group',
  'configuration',
  'integrity',
  'cloud',
  'other',
] as const;
export const ChangeCategory = z.enum(CHANGE_CATEGORIES);
export type ChangeCategory = z.infer<typeof ChangeCategory>;

export const ChangeEvent = z.object({
  at: z.number(),
  category: ChangeCategory,
  summary: z.string().max(500),
  actor: z.string().max(200),
  target: z.string().max(300),
  /** The host the change was made on, when the record names it. */
  host: z.string().max(200).optional(),
  /** What reported it: `puppet`, `chef-infra`, `aide`, `tripwire`, `ossec`, `dpkg`, `cloudtrail`, `rows`. */
  tool: z.string().max(40).optional(),
  /** How many changes the event stands for (a Puppet run that changed 3 resources is one event of 3). */
  count: z.number().int().nonnegative().optional(),
});
export type ChangeEvent = z.infer<typeof ChangeEvent>;

/** Activity of one client address: where attacks come from. */
export const SourceStat = z.object({
  source: z.string().max(100),
  requests: z.number().int().nonnegative(),
  xss: z.number().int().nonnegative(),
  sqli: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  success: z.number().int().nonnegative(),
});
export type SourceStat = z.infer<typeof SourceStat>;

export const LineProblem = z.object({ line: z.number().int(), reason: z.string().max(300) });
export type LineProblem = z.infer<typeof LineProblem>;

export const Priority = z.enum(['P1', 'P2']);
export type Priority = z.infer<typeof Priority>;

const ruleCommon = {
  id: z.string().min(1).max(80),
  name: z.string().trim().min(1, 'a rule needs a name').max(120),
  priority: Priority,
  enabled: z.boolean().default(true),
  /** Detective controls this rule gives evidence for, as `<catalogId>#<controlId>`. */
  controls: z.array(ControlRef).max(20).default([]),
};

const ruleBase = {
  ...ruleCommon,
  windowMinutes: z
    .number()
    .int('whole minutes')
    .min(1, 'at least one minute')
    .max(24 * 60, 'at most a day'),
};

/** Longest cadence a source can be given: a month. */
export const MAX_CADENCE_MINUTES = 31 * 24 * 60;

export const CadenceMinutes = z
  .number()
  .int('whole minutes')
  .min(1, 'at least one minute')
  .max(MAX_CADENCE_MINUTES, 'at most a month');

/**
 * Telemetry that stops arriving: per source (host × kind) a cadence, learned from its history or
 * set here; a gap longer than `tolerance` × cadence (and than `minimumMinutes`) is a silence, as
 * is a source ending that much earlier than the others (see silence.ts).
 */
export const SilenceRule = z.object({
  ...ruleCommon,
  kind: z.literal('silence'),
  tolerance: z.number().min(1, 'at least 1').max(100, 'at most 100').default(3),
  minimumMinutes: z
    .number()
    .int('whole minutes')
    .min(1, 'at least one minute')
    .max(7 * 24 * 60, 'at most a week')
    .default(10),
  /** Cadences set by the user, in minutes, by source key (`kind|host`). */
  cadences: z.record(z.string().max(300), CadenceMinutes).default({}),
});
export type SilenceRule = z.infer<typeof SilenceRule>;

/** Sum, maximum or mean of one metric within the window, above a value. */
export const ThresholdRule = z.object({
  ...ruleBase,
  kind: z.literal('threshold'),
  metric: z.string().trim().min(1, 'choose a metric').max(200),
  aggregate: z.enum(['sum', 'max', 'mean']).default('sum'),
  above: z.number().nonnegative('must be zero or more'),
});

/**
 * Sum of one metric over the sum of another within the window, above a value (e.g. failed over
 * successful logins > 3 within 15 minutes). A window with no denominator counts as 1 so that 40
 * failures and no success read as a ratio of 40; `minNumerator` keeps a handful of typos quiet.
 */
export const RatioRule = z.object({
  ...ruleBase,
  kind: z.literal('ratio'),
  numerator: z.string().trim().min(1, 'choose a metric').max(200),
  denominator: z.string().trim().min(1, 'choose a metric').max(200),
  above: z.number().nonnegative('must be zero or more'),
  minNumerator: z.number().int().nonnegative().default(1),
});

export const AlertRule = z.discriminatedUnion('kind', [ThresholdRule, RatioRule, SilenceRule]);
export type AlertRule = z.infer<typeof AlertRule>;
export type AlertRuleInput = z.input<typeof AlertRule>;

/** One breach of a rule: a time range, the value at its worst, and the counts behind it. */
export const AlertFinding = z.object({
  ruleId: z.string(),
  ruleName: z.string(),
  /** Human description of what was measured, e.g. `Failed logins / Successful logins`. */
  metric: z.string(),
  metrics: z.array(z.string()),
  from: z.number(),
  to: z.number(),
  windowMinutes: z.number(),
  threshold: z.number(),
  peak: z.number(),
  peakAt: z.number(),
  /** Sums over the whole alert range: numerator and denominator for ratios, the metric else. */
  values: z.record(z.string(), z.number()),
  suggestedPriority: Priority,
  controls: z.array(z.string()),
  /** A silence: the source (host × kind) whose lines stopped arriving. */
  source: z.object({ host: z.string(), kind: z.string() }).optional(),
});
export type AlertFinding = z.infer<typeof AlertFinding>;
