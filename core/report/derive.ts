import { DEFAULT_WINDOW_DAYS } from '../demo/coverage';
import type { Staleness } from '../evidence/freshness';
import { controlFreshness } from '../evidence/freshness';
import type { Judgement } from '../demo/verdicts';
import { EXPIRY_WARNING_DAYS, combineVerdicts, daysUntilExpiry, judge } from '../demo/verdicts';
import { reportEvidencePeriod } from './evidence-dates';
import type { Evidence, ReportModel, VerdictOutcome } from './model';
import { compareNatural } from '../util/natural';

/**
 * Figures computed from a report model: shared by the PDF, the OSCAL export and the UI. Verdicts
 * are read with the demo rules of core/demo (an exception holds through its expiry date and
 * counts as not satisfied after; several verdicts in one demo combine to the worst; evidence
 * goes stale after a window, undated evidence is never fresh: core/evidence/freshness.ts), so
 * the report and the app's coverage page say the same thing.
 */

export interface MatrixException {
  demo: string;
  expires: string;
  rationale: string;
  /** Past its expiry on the report's day: it counts as not satisfied. */
  expired: boolean;
}

export interface MatrixRow {
  ref: string;
  title: string;
  inScope: boolean;
  /** The combined judgement per demo id ('' for verdicts given outside a named demo), in demo order. */
  byDemo: Map<string, Judgement>;
  /** The judgement of the latest demo that judged the control, on the report's day. */
  latest: Judgement | null;
  /** The files linked to the control (an entry's `controls`) that show something (no `flag`). */
  evidence: Evidence[];
  /** Calendar day of the newest dated evidence (its effective date), null without any. */
  lastEvidence: string | null;
  staleness: Staleness;
  exceptions: MatrixException[];
  gaps: string[];
}

export interface MatrixOptions {
  /** The day the verdicts are read on (`YYYY-MM-DD`); the model's generation day by default. */
  today?: string;
  /** Evidence older than this many days makes a control stale. */
  windowDays?: number;
}

/**
 * One row per control (declared, linked to an agenda item, judged, or named by evidence), with
 * its verdicts across demos, the evidence linked to it (only that: a file shown on an agenda
 * item speaks for the item's controls it is linked to, not for all of them), and the gaps an
 * assessor would flag: in scope but never judged, not satisfied at the latest demo (an expired
 * exception included), an exception expiring within 30 days, no evidence, evidence gone stale,
 * or undated evidence only.
 */
export function controlMatrix(model: ReportModel, options: MatrixOptions = {}): MatrixRow[] {
  const today = options.today ?? model.generatedAt.slice(0, 10);
  const windowDays = options.windowDays ?? DEFAULT_WINDOW_DAYS;
  const rows = new Map<string, MatrixRow>();
  const row = (ref: string): MatrixRow => {
    let found = rows.get(ref);
    if (found === undefined) {
      found = {
        ref,
        title: '',
        inScope: true,
        byDemo: new Map(),
        latest: null,
        evidence: [],
        lastEvidence: null,
        staleness: 'no-evidence',
        exceptions: [],
        gaps: [],
      };
      rows.set(ref, found);
    }
    return found;
  };
  for (const control of model.controls) {
    const entry = row(control.ref);
    entry.title = control.title;
    entry.inScope = control.inScope;
  }
  for (const item of model.agenda) for (const ref of item.controls) row(ref);

  const demoRank = demoOrder(model);
  const verdictsByControl = new Map<string, ReportModel['verdicts']>();
  for (const verdict of model.verdicts) {
    const list = verdictsByControl.get(verdict.control) ?? [];
    list.push(verdict);
    verdictsByControl.set(verdict.control, list);
  }
  for (const [ref, verdicts] of verdictsByControl) {
    const entry = row(ref);
    const byDemo = new Map<string, ReportModel['verdicts']>();
    for (const verdict of verdicts) {
      const key = verdict.demo ?? '';
      byDemo.set(key, [...(byDemo.get(key) ?? []), verdict]);
    }
    const demos = [...byDemo.keys()].sort(
      (a, b) => (demoRank.get(a) ?? -1) - (demoRank.get(b) ?? -1),
    );
    for (const demo of demos) {
      const judged = combineVerdicts((byDemo.get(demo) ?? []).map(recorded), today);
      if (judged !== null) entry.byDemo.set(demo, judged);
    }
    const lastDemo = demos.at(-1);
    entry.latest = lastDemo === undefined ? null : (entry.byDemo.get(lastDemo) ?? null);
    for (const verdict of verdicts) {
      if (verdict.outcome !== 'exception' || verdict.exceptionExpires === undefined) continue;
      entry.exceptions.push({
        demo: verdict.demo ?? '',
        expires: verdict.exceptionExpires,
        rationale: verdict.rationale,
        expired: judge(recorded(verdict), today).expired,
      });
    }
  }

  for (const item of model.evidence) {
    // A file that shows nothing (failed scan, not understood) counts for no control.
    if (item.flag !== undefined) continue;
    for (const ref of item.controls) row(ref).evidence.push(item);
  }
  for (const entry of rows.values()) {
    const freshness = controlFreshness(entry.evidence.map(reportEvidencePeriod), today, windowDays);
    entry.lastEvidence = freshness.lastEvidence;
    entry.staleness = freshness.staleness;
    if (entry.inScope) entry.gaps = gapsOf(entry, today, windowDays);
  }
  return [...rows.values()].sort((a, b) => compareNatural(a.ref, b.ref));
}

function recorded(verdict: ReportModel['verdicts'][number]) {
  return { verdict: verdict.outcome, expires: verdict.exceptionExpires ?? null };
}

/** Demos by date, then as listed; verdicts outside a named demo ('') come first. */
function demoOrder(model: ReportModel): Map<string, number> {
  const sorted = model.demos
    .map((demo, index) => ({ demo, index }))
    .sort((a, b) => a.demo.date.localeCompare(b.demo.date) || a.index - b.index);
  return new Map(sorted.map(({ demo }, rank) => [demo.id, rank]));
}

function gapsOf(entry: MatrixRow, today: string, windowDays: number): string[] {
  const gaps: string[] = [];
  const latest = entry.latest;
  if (latest === null) gaps.push('never judged');
  else if (latest.expired) gaps.push(`exception expired ${latest.expires ?? ''}`.trim());
  else if (latest.outcome === 'not-satisfied') gaps.push('not satisfied');
  else if (
    latest.outcome === 'exception' &&
    latest.expires !== null &&
    daysUntilExpiry(latest.expires, today) <= EXPIRY_WARNING_DAYS
  )
    gaps.push(`exception expires ${latest.expires}`);
  if (latest?.outcome !== 'not-applicable') {
    if (entry.staleness === 'no-evidence') gaps.push('no evidence');
    else if (entry.staleness === 'evidence-too-old')
      gaps.push(`evidence older than ${windowDays} days`);
    else if (entry.staleness === 'undated') gaps.push('evidence undated');
  }
  return gaps;
}

export type OutcomeCounts = Record<VerdictOutcome, number>;

export function emptyCounts(): OutcomeCounts {
  return { satisfied: 0, 'not-satisfied': 0, 'not-applicable': 0, exception: 0 };
}

/** Verdict outcomes per demo, in demo order (a single '' bucket when the model has no demos). */
export function outcomesByDemo(model: ReportModel): { label: string; counts: OutcomeCounts }[] {
  const buckets =
    model.demos.length > 0
      ? model.demos.map((demo) => ({ id: demo.id, label: demo.label, counts: emptyCounts() }))
      : [{ id: '', label: model.sprint?.name ?? 'All verdicts', counts: emptyCounts() }];
  const byId = new Map(buckets.map((bucket) => [bucket.id, bucket]));
  for (const verdict of model.verdicts) {
    const bucket = byId.get(verdict.demo ?? '') ?? buckets[0];
    if (bucket) bucket.counts[verdict.outcome] += 1;
  }
  return buckets.map(({ label, counts }) => ({ label, counts }));
}
