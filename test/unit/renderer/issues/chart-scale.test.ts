import { describe, expect, it } from 'vitest';
import { labelEvery, niceTicks } from '../../../../renderer/src/features/issues/dashboard/scale';

describe('chart axes', () => {
  it('ticks from 0 in round steps up to at least the largest value', () => {
    expect(niceTicks(51, { integers: true })).toEqual([0, 20, 40, 60]);
    expect(niceTicks(4, { integers: true })).toEqual([0, 1, 2, 3, 4]);
    expect(niceTicks(2, { integers: true })).toEqual([0, 1, 2]);
    expect(niceTicks(4050)).toEqual([0, 2000, 4000, 6000]);
    expect(niceTicks(0.7)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
  });

  it('draws an empty chart with one step rather than none', () => {
    expect(niceTicks(0, { integers: true })).toEqual([0, 1]);
    expect(niceTicks(Number.NaN)).toEqual([0, 0.5, 1]);
  });

  it('thins out labels that would overlap', () => {
    expect(labelEvery(4, 230, 26)).toBe(1);
    expect(labelEvery(12, 300, 61)).toBe(3);
    expect(labelEvery(0, 300, 61)).toBe(1);
  });
});
