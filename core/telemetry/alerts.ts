import { lowerBound, upperBound } from '../charts/downsample';
import type { AlertFinding, AlertRule, AlertRuleInput, Priority } from './model';
import { AlertRule as AlertRuleSchema, metricLabel } from './model';

/**
 * Alert rules evaluated over time series with a sliding window. For every point in time the
 * window (end − window, end] is summed (or its maximum or mean taken); where the value is above
 * the rule's limit the window breaches. Overlapping breaches merge into one alert. Its time range
 * starts where the shortest tail of the first breaching window that still breaches starts (the
 * onset of the burst, not an unrelated event earlier in the window) and ends after the last point
 * with events, so an alert covers the burst itself rather than the burst plus a window either side.
 *
 * Suggested priority: the rule's own, raised to P1 when the peak is at least five times the
 * limit (an attack in full swing rather than a borderline reading).
 */
export interface SeriesLike {
  key: string;
  metric: string;
  kind: 'count' | 'gauge';
  t: ArrayLike<number>;
  v: ArrayLike<number>;
}

export const ESCALATION_FACTOR = 5;

export { DEFAULT_RULES, silenceRuleOf } from './default-rules';

export function parseRule(input: AlertRuleInput): AlertRule {
  return AlertRuleSchema.parse(input);
}

/** Rules over one import's series; silence rules look at every import and run apart (silence.ts). */
export function evaluateRules(
  rules: readonly AlertRule[],
  series: readonly SeriesLike[],
  bucketMs: number,
): AlertFinding[] {
  const findings: AlertFinding[] = [];
  for (const rule of rules) {
    if (!rule.enabled) continue;
    findings.push(...evaluateRule(rule, series, bucketMs));
  }
  return findings.sort((a, b) => a.from - b.from || a.ruleId.localeCompare(b.ruleId));
}

export type WindowRule = Exclude<AlertRule, { kind: 'silence' }>;

/** One rule over one import's series; a silence rule finds nothing here (see silence.ts). */
export function evaluateRule(
  rule: AlertRule,
  series: readonly SeriesLike[],
  bucketMs: number,
): AlertFinding[] {
  if (rule.kind === 'silence') return [];
  const windowMs = rule.windowMinutes * 60_000;
  if (rule.kind === 'threshold') {
    const matching = series.filter((one) => one.key === rule.metric || one.metric === rule.metric);
    return matching.flatMap((one) => thresholdFindings(rule, one, windowMs, bucketMs));
  }
  const numerator = series.find((one) => one.key === rule.numerator);
  const denominator = series.find((one) => one.key === rule.denominator);
  if (numerator === undefined) return [];
  return ratioFindings(rule, numerator, denominator, windowMs, bucketMs);
}

interface Breach {
  /** First index of the first breaching window. */
  start: number;
  /** Last index of the first breaching window. */
  firstEnd: number;
  end: number;
  peak: number;
  peakAt: number;
}

function thresholdFindings(
  rule: Extract<AlertRule, { kind: 'threshold' }>,
  series: SeriesLike,
  windowMs: number,
  bucketMs: number,
): AlertFinding[] {
  const { t, v } = series;
  const prefix = prefixSums(v);
  const breaches: Breach[] = [];
  const deque: number[] = [];
  let low = 0;
  for (let index = 0; index < t.length; index += 1) {
    const end = t[index] as number;
    while (low < index && (t[low] as number) <= end - windowMs) low += 1;
    while (
      deque.length > 0 &&
      (v[deque[deque.length - 1] as number] as number) <= (v[index] as number)
    )
      deque.pop();
    deque.push(index);
    while ((deque[0] as number) < low) deque.shift();
    const sum = (prefix[index + 1] as number) - (prefix[low] as number);
    const value =
      rule.aggregate === 'sum'
        ? sum
        : rule.aggregate === 'mean'
          ? sum / (index - low + 1)
          : (v[deque[0] as number] as number);
    if (value > rule.above) addBreach(breaches, low, index, value, end);
  }
  const holds = (first: number, last: number): boolean => {
    const sum = (prefix[last + 1] as number) - (prefix[first] as number);
    if (rule.aggregate === 'sum') return sum > rule.above;
    if (rule.aggregate === 'mean') return sum / (last - first + 1) > rule.above;
    let max = -Infinity;
    for (let index = first; index <= last; index += 1) max = Math.max(max, v[index] as number);
    return max > rule.above;
  };
  const stepMs = series.kind === 'count' ? bucketMs : 0;
  return breaches.map((breach) => {
    const [from, to] = trim(t, v, breach, stepMs, holds);
    return finding(rule, {
      metric: metricLabel(series.key),
      metrics: [series.key],
      from,
      to,
      threshold: rule.above,
      peak: breach.peak,
      peakAt: breach.peakAt,
      values: { [series.key]: sumBetween(t, v, from, to) },
    });
  });
}

function ratioFindings(
  rule: Extract<AlertRule, { kind: 'ratio' }>,
  numerator: SeriesLike,
  denominator: SeriesLike | undefined,
  windowMs: number,
  bucketMs: number,
): AlertFinding[] {
  const nt = numerator.t;
  const nPrefix = prefixSums(numerator.v);
  const dt = denominator?.t ?? [];
  const dPrefix = prefixSums(denominator?.v ?? []);
  const breaches: Breach[] = [];
  let low = 0;
  for (let index = 0; index < nt.length; index += 1) {
    const end = nt[index] as number;
    while (low < index && (nt[low] as number) <= end - windowMs) low += 1;
    const failed = (nPrefix[index + 1] as number) - (nPrefix[low] as number);
    if (failed < rule.minNumerator || failed === 0) continue;
    const succeeded =
      (dPrefix[upperBound(dt, end)] as number) -
      (dPrefix[upperBound(dt, end - windowMs)] as number);
    const ratio = failed / Math.max(1, succeeded);
    if (ratio > rule.above) addBreach(breaches, low, index, ratio, end);
  }
  const holds = (first: number, last: number): boolean => {
    const failed = (nPrefix[last + 1] as number) - (nPrefix[first] as number);
    const succeeded =
      (dPrefix[upperBound(dt, nt[last] as number)] as number) -
      (dPrefix[lowerBound(dt, nt[first] as number)] as number);
    return (
      failed >= rule.minNumerator && failed > 0 && failed / Math.max(1, succeeded) > rule.above
    );
  };
  const stepMs = numerator.kind === 'count' ? bucketMs : 0;
  return breaches.map((breach) => {
    const [from, to] = trim(nt, numerator.v, breach, stepMs, holds);
    const values: Record<string, number> = {
      [numerator.key]: sumBetween(nt, numerator.v, from, to),
    };
    values[rule.denominator] = denominator ? sumBetween(dt, denominator.v, from, to) : 0;
    return finding(rule, {
      metric: `${metricLabel(rule.numerator)} / ${metricLabel(rule.denominator)}`,
      metrics: [rule.numerator, rule.denominator],
      from,
      to,
      threshold: rule.above,
      peak: breach.peak,
      peakAt: breach.peakAt,
      values,
    });
  });
}

function addBreach(
  breaches: Breach[],
  start: number,
  end: number,
  value: number,
  at: number,
): void {
  const last = breaches[breaches.length - 1];
  if (last !== undefined && start <= last.end + 1) {
    last.end = end;
    if (value > last.peak) {
      last.peak = value;
      last.peakAt = at;
    }
    return;
  }
  breaches.push({ start, firstEnd: end, end, peak: value, peakAt: at });
}

/** The breach's time range: from the onset of the burst to its last point with events. */
function trim(
  t: ArrayLike<number>,
  v: ArrayLike<number>,
  breach: Breach,
  stepMs: number,
  holds: (first: number, last: number) => boolean,
): [number, number] {
  let first = breach.start;
  let last = breach.end;
  while (first < breach.firstEnd && holds(first + 1, breach.firstEnd)) first += 1;
  while (first < last && (v[first] as number) === 0) first += 1;
  while (last > first && (v[last] as number) === 0) last -= 1;
  return [t[first] as number, (t[last] as number) + stepMs];
}

function finding(
  rule: WindowRule,
  fields: Omit<
    AlertFinding,
    'ruleId' | 'ruleName' | 'windowMinutes' | 'suggestedPriority' | 'controls'
  >,
): AlertFinding {
  return {
    ruleId: rule.id,
    ruleName: rule.name,
    windowMinutes: rule.windowMinutes,
    suggestedPriority: suggestPriority(rule.priority, fields.peak, rule.above),
    controls: [...rule.controls],
    ...fields,
  };
}

export function suggestPriority(base: Priority, peak: number, threshold: number): Priority {
  if (base === 'P1') return 'P1';
  return threshold > 0 && peak >= threshold * ESCALATION_FACTOR ? 'P1' : 'P2';
}

/** prefix[i] = sum of the first i values, so any window's sum is one subtraction. */
export function prefixSums(values: ArrayLike<number>): Float64Array {
  const prefix = new Float64Array(values.length + 1);
  for (let index = 0; index < values.length; index += 1) {
    prefix[index + 1] = (prefix[index] as number) + (values[index] as number);
  }
  return prefix;
}

/** Sum of the points with from <= t < to. */
function sumBetween(t: ArrayLike<number>, v: ArrayLike<number>, from: number, to: number): number {
  let sum = 0;
  for (let index = 0; index < t.length; index += 1) {
    const at = t[index] as number;
    if (at >= from && (at < to || (from === to && at === to))) sum += v[index] as number;
  }
  return sum;
}
