import type { AlertRule, SilenceRule } from './model';
import { METRIC } from './model';

/**
 * The rules a workspace starts with (see README, Telemetry). Limits are per window: a burst that
 * trips them is an attack in progress or an outage, not background noise. The silent-source rule
 * watches every source's cadence across the workspace's imports (silence.ts).
 */
export const DEFAULT_RULES: readonly AlertRule[] = [
  {
    id: 'brute-force-logins',
    name: 'Brute-force logins',
    kind: 'ratio',
    numerator: METRIC.failedLogins,
    denominator: METRIC.successfulLogins,
    above: 3,
    minNumerator: 10,
    windowMinutes: 15,
    priority: 'P2',
    enabled: true,
    controls: ['nist-sp-800-53-rev5#ac-7', 'nist-sp-800-53-rev5#si-4', 'nist-sp-800-53-rev5#au-6'],
  },
  {
    id: 'xss-attempts',
    name: 'Cross-site scripting attempts',
    kind: 'threshold',
    metric: METRIC.xss,
    aggregate: 'sum',
    above: 5,
    windowMinutes: 5,
    priority: 'P2',
    enabled: true,
    controls: ['nist-sp-800-53-rev5#si-4', 'nist-sp-800-53-rev5#si-10', 'nist-sp-800-53-rev5#au-6'],
  },
  {
    id: 'sqli-attempts',
    name: 'SQL-injection attempts',
    kind: 'threshold',
    metric: METRIC.sqli,
    aggregate: 'sum',
    above: 5,
    windowMinutes: 5,
    priority: 'P2',
    enabled: true,
    controls: ['nist-sp-800-53-rev5#si-4', 'nist-sp-800-53-rev5#si-10', 'nist-sp-800-53-rev5#au-6'],
  },
  {
    id: 'server-error-rate',
    name: 'Server errors (5xx) above 5 % of requests',
    kind: 'ratio',
    numerator: METRIC.serverErrors,
    denominator: METRIC.requests,
    above: 0.05,
    minNumerator: 10,
    windowMinutes: 5,
    priority: 'P2',
    enabled: true,
    controls: ['nist-sp-800-53-rev5#si-4', 'nist-sp-800-53-rev5#au-6'],
  },
  {
    id: 'client-error-rate',
    name: 'Client errors (4xx) above half of requests (scanning)',
    kind: 'ratio',
    numerator: METRIC.clientErrors,
    denominator: METRIC.requests,
    above: 0.5,
    minNumerator: 50,
    windowMinutes: 5,
    priority: 'P2',
    enabled: true,
    controls: ['nist-sp-800-53-rev5#si-4', 'nist-sp-800-53-rev5#au-6'],
  },
  {
    id: 'silent-source',
    name: 'Silent source',
    kind: 'silence',
    tolerance: 3,
    minimumMinutes: 10,
    cadences: {},
    priority: 'P2',
    enabled: true,
    controls: ['nist-sp-800-53-rev5#au-5', 'nist-sp-800-53-rev5#au-6', 'nist-sp-800-53-rev5#si-4'],
  },
];

/** The first silence rule of a rule list: the one the Sources table sets cadences on. */
export function silenceRuleOf(rules: readonly AlertRule[]): SilenceRule | null {
  return rules.find((rule): rule is SilenceRule => rule.kind === 'silence') ?? null;
}
