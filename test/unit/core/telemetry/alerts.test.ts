import { describe, expect, it } from 'vitest';
import type { SeriesLike } from '../../../../core/telemetry/alerts';
import {
  DEFAULT_RULES,
  evaluateRule,
  evaluateRules,
  parseRule,
  suggestPriority,
} from '../../../../core/telemetry/alerts';
import { AccessLogScenario, AuthLogScenario } from '../../../../core/telemetry/generate';
import { importText } from '../../../../core/telemetry/importer';
import { AlertRule, METRIC } from '../../../../core/telemetry/model';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 26, 12, 0);

/** A per-minute count series from a list of values, starting at T0. */
function counts(key: string, values: number[]): SeriesLike {
  return {
    key,
    metric: key,
    kind: 'count',
    t: Float64Array.from(values, (_, index) => T0 + index * MINUTE),
    v: Float64Array.from(values),
  };
}

const threshold = (
  above: number,
  windowMinutes: number,
  aggregate: 'sum' | 'max' | 'mean' = 'sum',
) =>
  parseRule({
    id: 't',
    name: 'XSS',
    kind: 'threshold',
    metric: METRIC.xss,
    above,
    windowMinutes,
    aggregate,
    priority: 'P2',
  });

describe('threshold rules', () => {
  it('raises one alert for a burst, trimmed to the minutes that had events', () => {
    const series = counts(METRIC.xss, [0, 0, 0, 4, 9, 7, 0, 0, 0, 0, 0, 0]);
    const [alert, ...rest] = evaluateRule(threshold(10, 5), [series], MINUTE);
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({
      ruleId: 't',
      from: T0 + 3 * MINUTE,
      to: T0 + 6 * MINUTE,
      peak: 20,
      peakAt: T0 + 5 * MINUTE,
      threshold: 10,
      values: { [METRIC.xss]: 20 },
      suggestedPriority: 'P2',
    });
  });

  it('keeps separate bursts apart and merges bursts whose windows overlap', () => {
    const series = counts(METRIC.xss, [6, 6, 0, 0, 0, 0, 0, 0, 0, 0, 7, 0, 7]);
    const alerts = evaluateRule(threshold(5, 2), [series], MINUTE);
    expect(alerts.map((alert) => [(alert.from - T0) / MINUTE, (alert.to - T0) / MINUTE])).toEqual([
      [0, 2],
      [10, 13],
    ]);
  });

  it('supports max and mean over the window', () => {
    const series = counts('cpu', [10, 95, 10, 10]);
    const cpuRule = {
      id: 'm',
      name: 'CPU',
      kind: 'threshold' as const,
      metric: 'cpu',
      above: 90,
      windowMinutes: 3,
      aggregate: 'max' as const,
      priority: 'P2' as const,
    };
    const max = parseRule(cpuRule);
    const mean = parseRule({ ...cpuRule, id: 'a', aggregate: 'mean', above: 40 });
    expect(evaluateRule(max, [series], MINUTE).map((alert) => alert.peak)).toEqual([95]);
    expect(evaluateRule(mean, [series], MINUTE).map((alert) => alert.peak)).toEqual([52.5]);
  });

  it('does not fire at or below the limit, nor when disabled', () => {
    const series = counts(METRIC.xss, [5, 0, 0]);
    expect(evaluateRule(threshold(5, 5), [series], MINUTE)).toEqual([]);
    expect(evaluateRules([{ ...threshold(1, 5), enabled: false }], [series], MINUTE)).toEqual([]);
  });
});

describe('ratio rules', () => {
  const bruteForce = DEFAULT_RULES.find((rule) => rule.id === 'brute-force-logins') as AlertRule;

  it('fires when failed logins outnumber successful ones more than 3 to 1 within 15 minutes', () => {
    const failed = counts(
      METRIC.failedLogins,
      [1, 0, 0, 30, 40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    );
    const success = counts(
      METRIC.successfulLogins,
      [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
    );
    const [alert, ...rest] = evaluateRule(bruteForce, [failed, success], MINUTE);
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({
      from: T0 + 3 * MINUTE,
      to: T0 + 5 * MINUTE,
      metric: 'Failed logins / Successful logins',
      values: { [METRIC.failedLogins]: 70, [METRIC.successfulLogins]: 2 },
    });
    expect(alert?.peak).toBeCloseTo(71 / 5);
    expect(alert?.suggestedPriority).toBe('P2');
  });

  it('treats no successful logins as a denominator of one', () => {
    const failed = counts(METRIC.failedLogins, [12]);
    expect(evaluateRule(bruteForce, [failed], MINUTE)[0]).toMatchObject({
      peak: 12,
      values: { [METRIC.successfulLogins]: 0 },
    });
  });

  it('stays quiet below the minimum number of failures (a few typos)', () => {
    const failed = counts(METRIC.failedLogins, [4, 3]);
    const success = counts(METRIC.successfulLogins, [0, 0]);
    expect(evaluateRule(bruteForce, [failed, success], MINUTE)).toEqual([]);
  });
});

describe('alerts on generated logs', () => {
  it('finds the brute-force burst of the auth-log scenario and nothing else', () => {
    const scenario = new AuthLogScenario({ seed: 5 });
    const result = importText([...scenario.generate()].join('\n'), {
      kind: 'auth-log',
      format: 'text',
      year: 2026,
    });
    const alerts = evaluateRules(DEFAULT_RULES, result.series, result.bucketMs);
    expect(alerts.map((alert) => alert.ruleId)).toEqual(['brute-force-logins']);
    expect(alerts[0]?.from).toBeGreaterThanOrEqual(scenario.truth.burst.from);
    expect(alerts[0]?.to).toBeLessThanOrEqual(scenario.truth.burst.to + MINUTE);
    expect(alerts[0]?.suggestedPriority).toBe('P1');
  });

  it('finds the XSS and SQL-injection burst of the access-log scenario', () => {
    const scenario = new AccessLogScenario(20_000, { seed: 8 });
    const result = importText([...scenario.generate()].join('\n'), {
      kind: 'access-log',
      format: 'text',
    });
    const alerts = evaluateRules(DEFAULT_RULES, result.series, result.bucketMs);
    for (const id of ['xss-attempts', 'sqli-attempts']) {
      const found = alerts.filter((alert) => alert.ruleId === id);
      expect(found, id).toHaveLength(1);
      expect(found[0]?.from).toBeGreaterThanOrEqual(scenario.truth.burst.from);
      expect(found[0]?.to).toBeLessThanOrEqual(scenario.truth.burst.to + MINUTE);
    }
  });

  it('raises nothing on ordinary traffic', () => {
    const quiet = new AccessLogScenario(20_000, { seed: 8 });
    const lines = [...quiet.generate()].filter(
      (line) => !line.startsWith(quiet.truth.burst.source) && !/" 502 /.test(line),
    );
    const result = importText(lines.join('\n'), { kind: 'access-log', format: 'text' });
    expect(evaluateRules(DEFAULT_RULES, result.series, result.bucketMs)).toEqual([]);
  });
});

describe('rule definitions', () => {
  it('validates rules with messages a form can show', () => {
    const result = AlertRule.safeParse({
      id: 'x',
      name: '',
      kind: 'threshold',
      metric: '',
      above: -1,
      windowMinutes: 0,
      priority: 'P3',
    });
    expect(result.success).toBe(false);
    const messages =
      result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];
    expect(messages).toEqual(
      expect.arrayContaining([
        'name: a rule needs a name',
        'metric: choose a metric',
        'above: must be zero or more',
        'windowMinutes: at least one minute',
      ]),
    );
    expect(AlertRule.safeParse({ ...DEFAULT_RULES[0], controls: ['not a ref'] }).success).toBe(
      false,
    );
  });

  it('escalates to P1 at five times the limit', () => {
    expect(suggestPriority('P2', 14.9, 3)).toBe('P2');
    expect(suggestPriority('P2', 15, 3)).toBe('P1');
    expect(suggestPriority('P1', 0, 3)).toBe('P1');
  });
});
