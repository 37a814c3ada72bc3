import { describe, expect, it } from 'vitest';
import { computeCoverage } from '../../../../core/demo/coverage';
import { compareNatural, sortNatural } from '../../../../core/util/natural';

describe('natural order of identifiers', () => {
  it('orders numbers inside ids as numbers', () => {
    expect(sortNatural(['ac-11', 'ac-2', 'ac-1', 'ac-2.1', 'ac-2.10', 'ac-2.2'])).toEqual([
      'ac-1',
      'ac-2',
      'ac-2.1',
      'ac-2.2',
      'ac-2.10',
      'ac-11',
    ]);
    expect(sortNatural(['V5.1.10', 'V5.1.9', 'V10.1.1'])).toEqual(['V5.1.9', 'V5.1.10', 'V10.1.1']);
  });

  it('is a total order: ids differing only in case still compare, the same way each time', () => {
    expect(compareNatural('A.8.8', 'a.8.8')).not.toBe(0);
    expect(Math.sign(compareNatural('A.8.8', 'a.8.8'))).toBe(
      -Math.sign(compareNatural('a.8.8', 'A.8.8')),
    );
    expect(compareNatural('ac-2', 'ac-2')).toBe(0);
  });

  it('gives coverage rows in natural id order', () => {
    const nist = (id: string) => `nist-sp-800-53-rev5#${id}`;
    const coverage = computeCoverage({
      today: '2026-11-27',
      windowDays: 90,
      scope: ['ac-11', 'ac-2', 'ac-1', 'si-4', 'ac-20'].map(nist),
      sprints: [],
      demos: [],
      items: [],
      verdicts: [],
      evidence: [],
    });
    expect(coverage.controls.map((row) => row.control)).toEqual(
      ['ac-1', 'ac-2', 'ac-11', 'ac-20', 'si-4'].map(nist),
    );
  });
});
