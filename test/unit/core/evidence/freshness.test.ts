import { describe, expect, it } from 'vitest';
import {
  controlFreshness,
  fileFreshness,
  periodOfEvidence,
  toolInstantOf,
  toolPeriodOf,
} from '../../../../core/evidence/freshness';

/** When evidence speaks for and whether it is fresh: one rule for every view and report. */

describe('freshness: one rule', () => {
  const tool = { from: '2026-11-01', to: '2026-11-01', by: 'tool' } as const;

  it('a stored file is dated by its tool or a statement, else undated', () => {
    expect(
      periodOfEvidence({ dating: 'undated', effectiveFrom: null, effectiveTo: null }),
    ).toBeNull();
    expect(
      periodOfEvidence({
        dating: 'stated',
        effectiveFrom: '2026-10-01',
        effectiveTo: '2026-10-31',
      }),
    ).toEqual({ from: '2026-10-01', to: '2026-10-31', by: 'stated' });
    // Rows stored before dating was recorded, until the data upgrade has run.
    expect(periodOfEvidence({ effectiveFrom: '2026-11-01', effectiveTo: '2026-11-01' })).toEqual(
      tool,
    );
  });

  it('a file is stale the day after its freshness window, never when it has none, undated without a date', () => {
    expect(fileFreshness(tool, 30, '2026-12-01')).toBe('fresh');
    expect(fileFreshness(tool, 30, '2026-12-02')).toBe('stale');
    expect(fileFreshness(tool, null, '2036-12-02')).toBe('fresh');
    expect(fileFreshness(null, 30, '2026-11-01')).toBe('undated');
    expect(fileFreshness(null, null, '2026-11-01')).toBe('undated');
  });

  it('a control is fresh by its newest dated file, undated when every file is undated', () => {
    expect(controlFreshness([], '2026-11-27', 90)).toEqual({
      staleness: 'no-evidence',
      lastEvidence: null,
      count: 0,
      undated: 0,
    });
    expect(controlFreshness([null, null], '2026-11-27', 90)).toEqual({
      staleness: 'undated',
      lastEvidence: null,
      count: 2,
      undated: 2,
    });
    expect(controlFreshness([null, tool], '2026-11-27', 90)).toMatchObject({
      staleness: 'fresh',
      lastEvidence: '2026-11-01',
      undated: 1,
    });
    expect(controlFreshness([tool], '2027-01-30', 90).staleness).toBe('fresh');
    expect(controlFreshness([tool], '2027-01-31', 90).staleness).toBe('evidence-too-old');
  });
});

describe('a file’s own period', () => {
  const summary = { producedAt: null, chart: null };

  it('is the UTC day its tool ran, a chart’s period, or nothing', () => {
    expect(toolPeriodOf({ ...summary, producedAt: '2026-07-31T23:30:00.000Z' })).toEqual({
      from: '2026-07-31',
      to: '2026-07-31',
    });
    expect(toolInstantOf({ ...summary, producedAt: '2026-07-31T23:30:00+02:00' })).toBe(
      '2026-07-31T21:30:00.000Z',
    );
    expect(toolPeriodOf(summary)).toBeNull();
    expect(toolPeriodOf(null)).toBeNull();
    expect(toolInstantOf({ ...summary, producedAt: 'not a date' })).toBeNull();
  });
});
