import { formatNumber } from '../charts/layout';
import type { SourceActivity } from './activity';
import { sourceKey } from './activity';
import type { AlertFinding, SilenceRule } from './model';
import { KIND_NAMES } from './source-names';

/**
 * Telemetry that stops arriving. Every source (host × kind) has a cadence: the interval within
 * which a line is expected, learned from its history (the 95th percentile of the gaps between
 * the minutes in which it sent lines, so one gap in twenty may be longer) or set by the user. A gap longer than
 * `tolerance` × cadence, and longer than the rule's minimum, is a silence; so is the stretch
 * after a source's last line when the other sources with a cadence went on for longer than that.
 * A source alive in fewer than MIN_GAPS_TO_LEARN + 1 minutes and with no cadence set is not
 * judged: its table row
 * says so. Nothing here escalates: a silence is raised at the rule's priority.
 */
export const MIN_GAPS_TO_LEARN = 20;
export const CADENCE_QUANTILE = 0.95;

export interface Silence {
  from: number;
  to: number;
  /** The source's last line came this long before the end of the other sources. */
  ending: boolean;
}

export interface SourceAssessment {
  source: SourceActivity;
  key: string;
  /** Expected interval between lines (ms), and where it came from; null when unknown. */
  cadence: { ms: number; origin: 'learned' | 'set' } | null;
  /** The longest gap that is not a silence; null when the source is not judged. */
  allowedMs: number | null;
  silences: Silence[];
  /** Lines per hour between the first and the last line; null for a single instant. */
  linesPerHour: number | null;
}

export interface SourcesAssessment {
  sources: SourceAssessment[];
  /** The end of the period the judged sources cover: the latest last line among them. */
  periodEnd: number | null;
}

/**
 * The 95th-percentile gap between the moments a source was alive, or null with too little
 * history. Moments are slots of the activity's resolution (a minute), not lines, so a burst of a
 * thousand lines in one minute counts once and cannot make a quiet source look chatty: inside a
 * run every gap is at most one slot, between runs it is the run gap.
 */
export function learnCadence(source: SourceActivity): number | null {
  const gaps = runGaps(source);
  let slotGaps = gaps.length;
  for (let index = 0; index + 1 < source.runs.length; index += 2)
    slotGaps += Math.floor(
      ((source.runs[index + 1] as number) - (source.runs[index] as number)) / source.resolutionMs,
    );
  if (slotGaps < MIN_GAPS_TO_LEARN) return null;
  gaps.sort((a, b) => b - a);
  const above = Math.floor((1 - CADENCE_QUANTILE) * slotGaps);
  const gap = gaps.length > above ? (gaps[above] as number) : source.resolutionMs;
  return Math.max(source.resolutionMs, Math.ceil(gap / 1000) * 1000);
}

/** The gaps between runs: every gap longer than the resolution, in time order. */
function runGaps(source: SourceActivity): number[] {
  const gaps: number[] = [];
  for (let index = 1; index + 1 < source.runs.length; index += 2)
    gaps.push((source.runs[index + 1] as number) - (source.runs[index] as number));
  return gaps;
}

export function assessSources(
  sources: readonly SourceActivity[],
  rule: SilenceRule | null,
): SourcesAssessment {
  const judged = sources.map((source) => {
    const key = sourceKey(source);
    const set = rule?.cadences[key];
    const learned = set === undefined ? learnCadence(source) : null;
    const cadence =
      set !== undefined
        ? { ms: set * 60_000, origin: 'set' as const }
        : learned !== null
          ? { ms: learned, origin: 'learned' as const }
          : null;
    const allowedMs =
      rule === null || cadence === null
        ? null
        : Math.max(rule.minimumMinutes * 60_000, rule.tolerance * cadence.ms, source.resolutionMs);
    const span = source.last - source.first;
    return {
      source,
      key,
      cadence,
      allowedMs,
      silences: [] as Silence[],
      linesPerHour: span > 0 ? (source.lines / span) * 3_600_000 : null,
    };
  });
  const ends = judged.filter((one) => one.allowedMs !== null).map((one) => one.source.last);
  const periodEnd = ends.length > 0 ? Math.max(...ends) : null;
  for (const one of judged) {
    const allowed = one.allowedMs;
    if (allowed === null) continue;
    const runs = one.source.runs;
    for (let index = 1; index + 1 < runs.length; index += 2) {
      const from = runs[index] as number;
      const to = runs[index + 1] as number;
      if (to - from > allowed) one.silences.push({ from, to, ending: false });
    }
    if (periodEnd !== null && periodEnd - one.source.last > allowed)
      one.silences.push({ from: one.source.last, to: periodEnd, ending: true });
  }
  return { sources: judged, periodEnd };
}

/** What a source is, in words: `web-2 authentication log`. */
export function describeSource(source: { host: string; kind: string }): string {
  const kind = KIND_NAMES[source.kind] ?? source.kind;
  return `${source.host === '' ? '(host not named)' : source.host} ${kind}`;
}

/** The key an alert about a source's lines uses in `metrics`. */
export function activityMetric(source: { host: string; kind: string }): string {
  return `activity:${sourceKey(source)}`;
}

/** Every silence of every judged source as an alert of `rule`. */
export function silenceFindings(assessment: SourcesAssessment, rule: SilenceRule): AlertFinding[] {
  if (!rule.enabled) return [];
  const findings: AlertFinding[] = [];
  for (const one of assessment.sources) {
    if (one.allowedMs === null || one.cadence === null) continue;
    const allowedMinutes = Math.ceil(one.allowedMs / 60_000);
    for (const silence of one.silences) {
      const minutes = Math.round((silence.to - silence.from) / 60_000);
      findings.push({
        ruleId: rule.id,
        ruleName: rule.name,
        metric: `Lines from ${describeSource(one.source)}`,
        metrics: [activityMetric(one.source)],
        from: silence.from,
        to: silence.to,
        windowMinutes: allowedMinutes,
        threshold: allowedMinutes,
        peak: minutes,
        peakAt: silence.from,
        values: { 'minutes silent': minutes, 'minutes allowed': allowedMinutes },
        suggestedPriority: rule.priority,
        controls: [...rule.controls],
        source: { host: one.source.host, kind: one.source.kind },
      });
    }
  }
  return findings.sort((a, b) => a.from - b.from || a.metric.localeCompare(b.metric));
}

/** `6 h 5 min`, `45 min`, `3 d 2 h`: a duration for people. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return `${formatNumber(Math.round(ms / 1000))} s`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return rest > 0 ? `${hours} h ${rest} min` : `${hours} h`;
  return `${rest} min`;
}
