import { describe, expect, it } from 'vitest';
import type { CoverageInput } from '../../../core/demo/coverage';
import { computeCoverage, summarise } from '../../../core/demo/coverage';
import { combineVerdicts, daysUntilExpiry, isFailed, judge } from '../../../core/demo/verdicts';
import { VerdictDecision } from '../../../core/model';

const TODAY = '2026-11-26';

describe('judge', () => {
  it('keeps satisfied, not satisfied and not applicable as recorded', () => {
    for (const verdict of ['satisfied', 'not-satisfied', 'not-applicable'] as const) {
      expect(judge({ verdict, expires: null }, TODAY)).toEqual({
        outcome: verdict,
        recorded: verdict,
        expires: null,
        expired: false,
      });
    }
  });

  it('holds an exception through its expiry day and counts it as not satisfied the day after', () => {
    expect(judge({ verdict: 'exception', expires: '2026-11-26' }, TODAY)).toMatchObject({
      outcome: 'exception',
      expired: false,
    });
    expect(judge({ verdict: 'exception', expires: '2026-11-25' }, TODAY)).toEqual({
      outcome: 'not-satisfied',
      recorded: 'exception',
      expires: '2026-11-25',
      expired: true,
    });
  });

  it('never lets an exception without an expiry count as accepted', () => {
    expect(judge({ verdict: 'exception', expires: null }, TODAY).outcome).toBe('not-satisfied');
  });

  it('calls a verdict failed when it is not satisfied today (an issue is offered from it)', () => {
    expect(isFailed({ verdict: 'not-satisfied', expires: null }, TODAY)).toBe(true);
    expect(isFailed({ verdict: 'exception', expires: '2026-11-25' }, TODAY)).toBe(true);
    expect(isFailed({ verdict: 'exception', expires: '2026-11-26' }, TODAY)).toBe(false);
    expect(isFailed({ verdict: 'satisfied', expires: null }, TODAY)).toBe(false);
    expect(isFailed({ verdict: 'not-applicable', expires: null }, TODAY)).toBe(false);
  });

  it('counts days to expiry', () => {
    expect(daysUntilExpiry('2026-12-01', TODAY)).toBe(5);
    expect(daysUntilExpiry('2026-11-20', TODAY)).toBe(-6);
  });
});

describe('combineVerdicts', () => {
  it('returns null when nothing was judged', () => {
    expect(combineVerdicts([], TODAY)).toBeNull();
  });

  it('lets the worst outcome win: one failure outweighs passes', () => {
    const combined = combineVerdicts(
      [
        { verdict: 'satisfied', expires: null },
        { verdict: 'not-satisfied', expires: null },
        { verdict: 'exception', expires: '2027-01-01' },
      ],
      TODAY,
    );
    expect(combined?.outcome).toBe('not-satisfied');
  });

  it('ranks a valid exception below a pass, and an expired one as a failure', () => {
    expect(
      combineVerdicts(
        [
          { verdict: 'satisfied', expires: null },
          { verdict: 'exception', expires: '2027-01-01' },
        ],
        TODAY,
      )?.outcome,
    ).toBe('exception');
    expect(
      combineVerdicts(
        [
          { verdict: 'satisfied', expires: null },
          { verdict: 'exception', expires: '2026-01-01' },
        ],
        TODAY,
      ),
    ).toMatchObject({ outcome: 'not-satisfied', expired: true });
  });

  it('reports the exception that expires first', () => {
    expect(
      combineVerdicts(
        [
          { verdict: 'exception', expires: '2027-06-01' },
          { verdict: 'exception', expires: '2027-01-01' },
        ],
        TODAY,
      )?.expires,
    ).toBe('2027-01-01');
  });

  it('only reads not applicable when every verdict says so', () => {
    expect(
      combineVerdicts(
        [
          { verdict: 'not-applicable', expires: null },
          { verdict: 'satisfied', expires: null },
        ],
        TODAY,
      )?.outcome,
    ).toBe('satisfied');
  });
});

describe('VerdictDecision', () => {
  it('requires a reason and an expiry date for an exception only', () => {
    const missing = VerdictDecision.safeParse({ verdict: 'exception' });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'expires',
      'reason',
    ]);
    expect(
      VerdictDecision.safeParse({ verdict: 'exception', reason: 'legacy', expires: '2027-01-31' })
        .success,
    ).toBe(true);
    expect(VerdictDecision.safeParse({ verdict: 'satisfied' }).success).toBe(true);
  });
});

const A = 'nist-sp-800-53-rev5#ac-2';
const B = 'nist-sp-800-53-rev5#sc-12';
const C = 'owasp-asvs#V5.1.1';
const D = 'owasp-asvs#V9.1.1';

function input(overrides: Partial<CoverageInput> = {}): CoverageInput {
  return {
    today: TODAY,
    windowDays: 30,
    scope: [D],
    sprints: [
      { id: 's2', name: 'Sprint 2', startDate: '2026-11-09' },
      { id: 's1', name: 'Sprint 1', startDate: '2026-10-26' },
    ],
    demos: [
      { id: 'd1', sprintId: 's1', date: '2026-11-06' },
      { id: 'd2', sprintId: 's2', date: '2026-11-20' },
    ],
    items: [
      { id: 'i1', demoId: 'd1', controls: [A, B] },
      { id: 'i2', demoId: 'd2', controls: [A] },
      { id: 'i3', demoId: 'd2', controls: [C] },
    ],
    verdicts: [
      { demoId: 'd1', itemId: 'i1', control: A, verdict: 'not-satisfied', expires: null },
      { demoId: 'd1', itemId: 'i1', control: B, verdict: 'exception', expires: '2026-11-15' },
      { demoId: 'd2', itemId: 'i2', control: A, verdict: 'satisfied', expires: null },
    ],
    // A file counts for the controls it is linked to, on the day its tool (or a person) dates it.
    evidence: [
      { controls: [A, B], period: { from: '2026-09-01', to: '2026-09-01', by: 'tool' } },
      { controls: [A], period: { from: '2026-11-13', to: '2026-11-20', by: 'stated' } },
      { controls: [C], period: null },
    ],
    ...overrides,
  };
}

describe('computeCoverage', () => {
  const coverage = computeCoverage(input());
  const row = (control: string) => coverage.controls.find((entry) => entry.control === control);

  it('covers scope plus every control linked or judged, sorted, with sprints oldest first', () => {
    expect(coverage.controls.map((entry) => entry.control)).toEqual([B, A, D, C].sort());
    expect(coverage.sprints.map((sprint) => sprint.id)).toEqual(['s1', 's2']);
  });

  it('takes the current outcome from the latest demo that judged the control', () => {
    expect(row(A)?.current?.outcome).toBe('satisfied');
    expect(row(A)?.lastDemonstrated).toEqual({ demoId: 'd2', sprintId: 's2', date: '2026-11-20' });
    expect(row(A)?.bySprint['s1']?.outcome).toBe('not-satisfied');
    expect(row(A)?.bySprint['s2']?.outcome).toBe('satisfied');
  });

  it('counts an expired exception as not satisfied', () => {
    expect(row(B)?.current).toMatchObject({
      outcome: 'not-satisfied',
      recorded: 'exception',
      expired: true,
    });
  });

  it('reports in-scope and linked controls never judged as not demonstrated', () => {
    expect(row(C)?.current).toBeNull();
    expect(row(D)?.current).toBeNull();
    expect(row(D)?.lastDemonstrated).toBeNull();
  });

  it('reports stale evidence: none at all, older than the window, or undated only', () => {
    expect(row(A)?.staleness).toBe('fresh');
    expect(row(A)?.lastEvidence).toBe('2026-11-20');
    expect(row(A)?.evidenceCount).toBe(2);
    expect(row(B)?.staleness).toBe('evidence-too-old');
    expect(row(B)?.lastEvidence).toBe('2026-09-01');
    expect(row(C)).toMatchObject({
      staleness: 'undated',
      lastEvidence: null,
      evidenceCount: 1,
      undatedCount: 1,
    });
    expect(row(D)?.staleness).toBe('no-evidence');
  });

  it('counts a file only for the controls it is linked to, not every control of its item', () => {
    // Item i1 links A and B; a file shown on it but linked to A only says nothing about B.
    const linkedToA = computeCoverage(
      input({ evidence: [{ controls: [A], period: { from: TODAY, to: TODAY, by: 'tool' } }] }),
    );
    const rowOf = (control: string) =>
      linkedToA.controls.find((entry) => entry.control === control);
    expect(rowOf(A)?.staleness).toBe('fresh');
    expect(rowOf(B)?.staleness).toBe('no-evidence');
    expect(rowOf(B)?.evidenceCount).toBe(0);
  });

  it('does not count a file that shows nothing (failed scan, not understood) for any control it is linked to', () => {
    const flagged = computeCoverage(
      input({
        evidence: [
          { controls: [A, B], period: { from: '2026-09-01', to: '2026-09-01', by: 'tool' } },
          {
            controls: [A],
            period: { from: '2026-11-20', to: '2026-11-20', by: 'tool' },
            counts: false,
          },
          { controls: [C], period: null, counts: false },
        ],
      }),
    );
    const rowOf = (control: string) => flagged.controls.find((entry) => entry.control === control);
    expect(rowOf(A)?.evidenceCount).toBe(1);
    expect(rowOf(A)?.lastEvidence).toBe('2026-09-01');
    expect(rowOf(A)?.staleness).toBe('evidence-too-old');
    expect(rowOf(C)).toMatchObject({ staleness: 'no-evidence', evidenceCount: 0, undatedCount: 0 });
  });

  it('makes the window configurable', () => {
    const wide = computeCoverage(input({ windowDays: 120 }));
    expect(wide.controls.find((entry) => entry.control === B)?.staleness).toBe('fresh');
  });

  it('leaves out controls decided not to apply, even when linked or judged', () => {
    const scoped = computeCoverage(input({ outOfScope: [B, D] }));
    expect(scoped.controls.map((entry) => entry.control)).toEqual([A, C].sort());
    expect(summarise(scoped.controls, null).inScope).toBe(2);
  });

  it('ignores verdicts of demos that are not in the input', () => {
    const orphan = computeCoverage(
      input({ demos: [{ id: 'd2', sprintId: 's2', date: '2026-11-20' }] }),
    );
    expect(orphan.controls.find((entry) => entry.control === B)?.current).toBeNull();
  });

  it('summarises the workspace and one sprint', () => {
    expect(summarise(coverage.controls, null)).toEqual({
      inScope: 4,
      demonstrated: 2,
      satisfied: 1,
      notSatisfied: 1,
      exceptions: 0,
      notApplicable: 0,
      stale: 2,
      undated: 1,
    });
    expect(summarise(coverage.controls, 's1')).toMatchObject({
      demonstrated: 2,
      satisfied: 0,
      notSatisfied: 2,
    });
  });
});
