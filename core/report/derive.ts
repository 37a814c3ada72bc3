import type { Evidence, ReportModel, VerdictOutcome } from './model';

/** Figures computed from a report model: shared by the PDF, the OSCAL export and the UI. */

export interface MatrixRow {
  ref: string;
  title: string;
  inScope: boolean;
  /** The latest verdict per demo id ('' for verdicts given outside a named demo). */
  byDemo: Map<string, VerdictOutcome>;
  latest: VerdictOutcome | null;
  evidence: Evidence[];
  exceptions: { demo: string; expires: string; rationale: string }[];
  gaps: string[];
}

const DAY = 86_400_000;

/**
 * One row per control (declared or merely judged), with its verdicts across demos, the evidence
 * linked to it, and the gaps an assessor would flag: in scope but never judged, not satisfied at
 * last judgement, no evidence, an exception past (or within 30 days of) its expiry.
 */
export function controlMatrix(
  model: ReportModel,
  today = model.generatedAt.slice(0, 10),
): MatrixRow[] {
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
  const demoOrder = new Map(model.demos.map((demo, index) => [demo.id, index]));
  const ordered = [...model.verdicts].sort(
    (a, b) =>
      (demoOrder.get(a.demo ?? '') ?? -1) - (demoOrder.get(b.demo ?? '') ?? -1) ||
      (a.decidedAt ?? '').localeCompare(b.decidedAt ?? ''),
  );
  for (const verdict of ordered) {
    const entry = row(verdict.control);
    entry.byDemo.set(verdict.demo ?? '', verdict.outcome);
    entry.latest = verdict.outcome;
    if (verdict.outcome === 'exception' && verdict.exceptionExpires !== undefined) {
      entry.exceptions.push({
        demo: verdict.demo ?? '',
        expires: verdict.exceptionExpires,
        rationale: verdict.rationale,
      });
    }
  }
  for (const item of model.evidence) {
    for (const ref of item.controls) row(ref).evidence.push(item);
  }
  const soon = new Date(Date.parse(today) + 30 * DAY).toISOString().slice(0, 10);
  for (const entry of rows.values()) {
    if (!entry.inScope) continue;
    if (entry.latest === null) entry.gaps.push('never judged');
    else if (entry.latest === 'not-satisfied') entry.gaps.push('not satisfied');
    if (entry.evidence.length === 0 && entry.latest !== 'not-applicable')
      entry.gaps.push('no evidence');
    const lastException = entry.exceptions.at(-1);
    if (entry.latest === 'exception' && lastException !== undefined) {
      if (lastException.expires < today)
        entry.gaps.push(`exception expired ${lastException.expires}`);
      else if (lastException.expires <= soon)
        entry.gaps.push(`exception expires ${lastException.expires}`);
    }
  }
  return [...rows.values()].sort((a, b) => a.ref.localeCompare(b.ref, 'en', { numeric: true }));
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
