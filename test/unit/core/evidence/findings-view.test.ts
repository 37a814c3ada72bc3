import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { FindingQuery } from '../../../../core/evidence/findings-view';
import {
  DEFAULT_FINDING_QUERY,
  FINDING_GROUPS,
  FINDING_SORT_KEYS,
  fileOf,
  findingStatus,
  groupFindings,
  selectFindings,
  splitLocation,
} from '../../../../core/evidence/findings-view';
import type { Finding, Severity } from '../../../../core/evidence/model';
import { SEVERITIES } from '../../../../core/evidence/model';

function finding(fields: Partial<Finding> & { rule: string; location: string }): Finding {
  return {
    fingerprint: `sarif:${'0'.repeat(64)}`,
    kind: 'weakness',
    title: fields.rule,
    severity: 'medium',
    component: null,
    message: null,
    ...fields,
  };
}

const arbitraryFinding = fc
  .record({
    rule: fc.constantFrom('py/sql-injection', 'js/xss', 'go/path-injection', 'R1'),
    file: fc.constantFrom('src/a.py', 'src/b/c.ts', 'lib/Z.go', 'app.js'),
    line: fc.option(fc.integer({ min: 1, max: 500 }), { nil: null }),
    severity: fc.constantFrom(...SEVERITIES),
    message: fc.option(fc.string({ maxLength: 12 }), { nil: null }),
    suppression: fc.option(
      fc.constantFrom<'underReview' | 'rejected' | 'unknown'>('underReview', 'rejected', 'unknown'),
      { nil: undefined },
    ),
  })
  .map(({ file, line, suppression, ...rest }) =>
    finding({
      ...rest,
      location: line === null ? file : `${file}:${line}`,
      ...(suppression ? { suppression } : {}),
    }),
  );

const arbitraryQuery: fc.Arbitrary<FindingQuery> = fc.record({
  search: fc.constantFrom('', 'src', 'SQL', 'py/ src', 'nothing-matches'),
  severity: fc.constantFrom<Severity | 'all'>('all', ...SEVERITIES),
  status: fc.constantFrom('all', 'open', 'underReview', 'rejected', 'unknown'),
  sort: fc.record({ key: fc.constantFrom(...FINDING_SORT_KEYS), ascending: fc.boolean() }),
});

describe('selecting findings', () => {
  test('keeps exactly the findings that pass every filter, each once', () => {
    fc.assert(
      fc.property(fc.array(arbitraryFinding, { maxLength: 60 }), arbitraryQuery, (items, query) => {
        const selected = selectFindings(items, query);
        const words = query.search.toLowerCase().split(/\s+/u).filter(Boolean);
        const expected = items.filter(
          (item) =>
            (query.severity === 'all' || item.severity === query.severity) &&
            (query.status === 'all' || findingStatus(item) === query.status) &&
            words.every((word) =>
              [item.rule, item.title, item.location, item.component ?? '', item.message ?? '']
                .join('\n')
                .toLowerCase()
                .includes(word),
            ),
        );
        expect(new Set(selected)).toEqual(new Set(expected));
        expect(selected).toHaveLength(expected.length);
      }),
    );
  });

  test('sorts by the chosen key, either way, and the same query gives the same order', () => {
    fc.assert(
      fc.property(fc.array(arbitraryFinding, { maxLength: 60 }), arbitraryQuery, (items, query) => {
        const selected = selectFindings(items, query);
        const key = (item: Finding): string | number =>
          query.sort.key === 'severity'
            ? SEVERITIES.indexOf(item.severity)
            : query.sort.key === 'rule'
              ? item.rule.toLowerCase()
              : fileOf(item.location).toLowerCase();
        for (let index = 1; index < selected.length; index += 1) {
          const [before, after] = [key(selected[index - 1]!), key(selected[index]!)];
          if (query.sort.ascending) expect(before <= after).toBe(true);
          else expect(before >= after).toBe(true);
        }
        expect(selectFindings([...items].reverse(), query).map((item) => item.location)).toEqual(
          selected.map((item) => item.location),
        );
      }),
    );
  });

  test('severity ascending puts the most severe first; search matches any case', () => {
    const items = [
      finding({ rule: 'low-one', location: 'a.py:3', severity: 'low' }),
      finding({ rule: 'crit-one', location: 'b.py:1', severity: 'critical', message: 'SQL here' }),
      finding({ rule: 'high-one', location: 'c.py:2', severity: 'high' }),
    ];
    expect(selectFindings(items, DEFAULT_FINDING_QUERY).map((item) => item.rule)).toEqual([
      'crit-one',
      'high-one',
      'low-one',
    ]);
    expect(
      selectFindings(items, { ...DEFAULT_FINDING_QUERY, search: 'sql' }).map((item) => item.rule),
    ).toEqual(['crit-one']);
  });
});

describe('grouping findings', () => {
  test('every selected finding appears once, under the heading of its own group', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryFinding, { maxLength: 60 }),
        fc.constantFrom(...FINDING_GROUPS),
        (items, group) => {
          const lines = groupFindings(items, group);
          const shown = lines.flatMap((line) => (line.type === 'finding' ? [line.finding] : []));
          expect(shown).toHaveLength(items.length);
          expect(new Set(shown)).toEqual(new Set(items));
          let heading: string | null = null;
          for (const line of lines) {
            if (line.type === 'group') {
              heading = line.group.key;
              const members = items.filter((item) =>
                group === 'rule'
                  ? item.rule === heading
                  : group === 'severity'
                    ? item.severity === heading
                    : fileOf(item.location) === heading,
              );
              expect(line.group.count).toBe(members.length);
            } else expect(line.group).toBe(group === 'none' ? null : heading);
          }
        },
      ),
    );
  });

  test('a collapsed group keeps its heading and count and hides its findings', () => {
    const items = [
      finding({ rule: 'js/xss', location: 'a.js:1', severity: 'high' }),
      finding({ rule: 'js/xss', location: 'b.js:1', severity: 'high' }),
      finding({ rule: 'py/sqli', location: 'c.py:1', severity: 'critical' }),
    ];
    const lines = groupFindings(items, 'rule', new Set(['js/xss']));
    expect(lines.map((line) => (line.type === 'group' ? line.group.label : 'finding'))).toEqual([
      'py/sqli',
      'finding',
      'js/xss',
    ]);
    const xss = lines.find((line) => line.type === 'group' && line.group.key === 'js/xss');
    expect(xss).toMatchObject({ expanded: false, group: { count: 2, bySeverity: { high: 2 } } });
  });

  test('severity groups come in severity order', () => {
    const items = (['low', 'critical', 'medium'] as const).map((severity, index) =>
      finding({ rule: `r${index}`, location: `f${index}`, severity }),
    );
    expect(
      groupFindings(items, 'severity').flatMap((line) =>
        line.type === 'group' ? [line.group.key] : [],
      ),
    ).toEqual(['critical', 'medium', 'low']);
  });
});

describe('locations', () => {
  test('the file of a location drops a trailing line and column, nothing else', () => {
    expect(fileOf('src/app/main.py:12')).toBe('src/app/main.py');
    expect(fileOf('src/app/main.py:12:5')).toBe('src/app/main.py');
    expect(fileOf('src/app/main.py')).toBe('src/app/main.py');
    expect(fileOf('https://example.test:8443/login')).toBe('https://example.test:8443/login');
    expect(fileOf('C:\\repo\\x.cs:7')).toBe('C:\\repo\\x.cs');
    expect(fileOf('10.0.0.5:443')).toBe('10.0.0.5');
    expect(fileOf('pkg:npm/lodash@4.17.20')).toBe('pkg:npm/lodash@4.17.20');
  });

  test('a location splits into its folders and its file name with the line, losing nothing', () => {
    expect(splitLocation('services/api/handler.py:12')).toEqual({
      head: 'services/api/',
      tail: 'handler.py:12',
    });
    expect(splitLocation('C:\\repo\\x.cs:7')).toEqual({ head: 'C:\\repo\\', tail: 'x.cs:7' });
    expect(splitLocation('app.js:3')).toEqual({ head: '', tail: 'app.js:3' });
    expect(splitLocation('10.0.0.5:443')).toEqual({ head: '', tail: '10.0.0.5:443' });
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z0-9_-]{1,14}$/u), { minLength: 1, maxLength: 12 }),
        fc.option(fc.integer({ min: 1, max: 99_999 }), { nil: null }),
        (folders, line) => {
          const location = `${folders.join('/')}${line === null ? '' : `:${line}`}`;
          const { head, tail } = splitLocation(location);
          expect(head + tail).toBe(location);
          expect(tail.startsWith(folders.at(-1)!)).toBe(true);
        },
      ),
    );
  });
});
