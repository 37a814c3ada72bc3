import type { EvidencePeriod, Staleness } from '../evidence/freshness';
import { controlFreshness } from '../evidence/freshness';
import type { ControlRef } from '../model/refs';
import type { Judgement, RecordedVerdict } from './verdicts';
import { combineVerdicts } from './verdicts';
import { sortNatural } from '../util/natural';

/**
 * Control coverage: which in-scope controls were demonstrated, with what outcome, and which
 * have gone stale (no dated evidence within the window, or undated evidence only). Pure: the
 * caller reads the rows and passes `today`, so a view and a report computed on the same day
 * agree; freshness is core/evidence/freshness.ts's rule, the same as the period matrix's.
 */

export interface CoverageSprint {
  id: string;
  name: string;
  startDate: string;
}

export interface CoverageDemo {
  id: string;
  sprintId: string;
  date: string;
}

export interface CoverageItem {
  id: string;
  demoId: string;
  controls: readonly ControlRef[];
}

export interface CoverageVerdict extends RecordedVerdict {
  demoId: string;
  itemId: string;
  control: ControlRef;
}

/** A stored file: it counts only for the controls it is linked to, dated as it is dated. */
export interface CoverageEvidence {
  controls: readonly ControlRef[];
  /** The days it demonstrates (its tool's date or a stated period); null when undated. */
  period: EvidencePeriod | null;
  /**
   * False for a file that shows nothing: its scan failed or is incomplete, it could not be read,
   * or it looks like a report no reader understood. Such a file demonstrates no control, whatever
   * it is linked to.
   */
  counts?: boolean;
}

export interface CoverageInput {
  today: string;
  /** Evidence older than this many days (or none at all, or undated only) makes a control stale. */
  windowDays: number;
  /** Controls in scope; controls linked or judged in the demos are added to them. */
  scope: readonly ControlRef[];
  /** Controls decided not to apply: left out even when linked or judged. */
  outOfScope?: readonly ControlRef[];
  sprints: readonly CoverageSprint[];
  demos: readonly CoverageDemo[];
  items: readonly CoverageItem[];
  verdicts: readonly CoverageVerdict[];
  evidence: readonly CoverageEvidence[];
}

export interface ControlCoverage {
  control: ControlRef;
  /** The outcome in the latest demo that judged the control, on `today`; null if never judged. */
  current: Judgement | null;
  /** The latest demo that judged the control. */
  lastDemonstrated: { demoId: string; sprintId: string; date: string } | null;
  /** Outcome per sprint id (combined over that sprint's demos), for sprints that judged it. */
  bySprint: Readonly<Record<string, Judgement>>;
  /** Files linked to the control, and how many of them are undated. */
  evidenceCount: number;
  undatedCount: number;
  /** The last day the newest dated evidence linked to the control demonstrates. */
  lastEvidence: string | null;
  staleness: Staleness;
}

export interface CoverageSummary {
  inScope: number;
  demonstrated: number;
  satisfied: number;
  notSatisfied: number;
  exceptions: number;
  notApplicable: number;
  /** Controls with no evidence, or none within the window. */
  stale: number;
  /** Controls whose evidence is all undated (never fresh either). */
  undated: number;
}

export interface Coverage {
  /** Sprints oldest first, as columns. */
  sprints: readonly CoverageSprint[];
  controls: readonly ControlCoverage[];
}

export const DEFAULT_WINDOW_DAYS = 90;
export const MAX_WINDOW_DAYS = 3650;

export function computeCoverage(input: CoverageInput): Coverage {
  const demoById = new Map(input.demos.map((demo) => [demo.id, demo]));

  const controls = new Set<ControlRef>(input.scope);
  for (const item of input.items) for (const control of item.controls) controls.add(control);
  for (const verdict of input.verdicts) controls.add(verdict.control);
  for (const control of input.outOfScope ?? []) controls.delete(control);

  const verdictsByControl = groupBy(input.verdicts, (verdict) => verdict.control);

  const evidenceByControl = new Map<ControlRef, (EvidencePeriod | null)[]>();
  for (const evidence of input.evidence) {
    if (evidence.counts === false) continue;
    for (const control of new Set(evidence.controls)) {
      const periods = evidenceByControl.get(control) ?? [];
      periods.push(evidence.period);
      evidenceByControl.set(control, periods);
    }
  }

  const rows: ControlCoverage[] = sortNatural(controls).map((control) => {
    const verdicts = (verdictsByControl.get(control) ?? []).filter((verdict) =>
      demoById.has(verdict.demoId),
    );
    const bySprintVerdicts = groupBy(verdicts, (verdict) => demoById.get(verdict.demoId)?.sprintId);
    const bySprint: Record<string, Judgement> = {};
    for (const [sprintId, sprintVerdicts] of bySprintVerdicts) {
      if (sprintId === undefined) continue;
      const combined = combineVerdicts(sprintVerdicts, input.today);
      if (combined) bySprint[sprintId] = combined;
    }
    const latest = latestDemo(verdicts, demoById);
    const current = latest
      ? combineVerdicts(
          verdicts.filter((verdict) => verdict.demoId === latest.id),
          input.today,
        )
      : null;
    const freshness = controlFreshness(
      evidenceByControl.get(control) ?? [],
      input.today,
      input.windowDays,
    );
    return {
      control,
      current,
      lastDemonstrated: latest
        ? { demoId: latest.id, sprintId: latest.sprintId, date: latest.date }
        : null,
      bySprint,
      evidenceCount: freshness.count,
      undatedCount: freshness.undated,
      lastEvidence: freshness.lastEvidence,
      staleness: freshness.staleness,
    };
  });

  const sprints = [...input.sprints].sort((a, b) => a.startDate.localeCompare(b.startDate));
  return { sprints, controls: rows };
}

/** Counts for the whole workspace (`sprintId` null) or for one sprint's column. */
export function summarise(
  controls: readonly ControlCoverage[],
  sprintId: string | null,
): CoverageSummary {
  const summary: CoverageSummary = {
    inScope: controls.length,
    demonstrated: 0,
    satisfied: 0,
    notSatisfied: 0,
    exceptions: 0,
    notApplicable: 0,
    stale: 0,
    undated: 0,
  };
  for (const row of controls) {
    const judgement = sprintId === null ? row.current : (row.bySprint[sprintId] ?? null);
    if (row.staleness === 'undated') summary.undated += 1;
    else if (row.staleness !== 'fresh') summary.stale += 1;
    if (judgement === null) continue;
    summary.demonstrated += 1;
    if (judgement.outcome === 'satisfied') summary.satisfied += 1;
    else if (judgement.outcome === 'not-satisfied') summary.notSatisfied += 1;
    else if (judgement.outcome === 'exception') summary.exceptions += 1;
    else summary.notApplicable += 1;
  }
  return summary;
}

function latestDemo(
  verdicts: readonly CoverageVerdict[],
  demoById: ReadonlyMap<string, CoverageDemo>,
): CoverageDemo | null {
  let latest: CoverageDemo | null = null;
  for (const verdict of verdicts) {
    const demo = demoById.get(verdict.demoId);
    if (!demo) continue;
    if (
      latest === null ||
      demo.date > latest.date ||
      (demo.date === latest.date && demo.id > latest.id)
    )
      latest = demo;
  }
  return latest;
}

function groupBy<T, K>(values: readonly T[], keyOf: (value: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const value of values) {
    const key = keyOf(value);
    const group = groups.get(key);
    if (group) group.push(value);
    else groups.set(key, [value]);
  }
  return groups;
}
