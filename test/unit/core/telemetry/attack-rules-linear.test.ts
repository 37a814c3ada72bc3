import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ATTACK_RULES,
  classifyRequestTarget,
  normaliseTarget,
} from '../../../../core/telemetry/attack-rules';
import { createSyslogParser } from '../../../../core/telemetry/auth-log';
import { SNIFF_BYTES, detectTelemetry, previewRecords } from '../../../../core/telemetry/detect';
import { LINEAR_BUDGET, costOverLinearPass, repeatTo } from '../../../support/linear-time';

/** Lines are cut at 64 KiB before any rule sees them (lines.ts). */
const LINE = 64 * 1024;

/**
 * Pieces of what the rules look for, repeated to fill a line: each rule's worst case is its own
 * prefix over and over with the rest never arriving (`/*` with no `*\/`, `<` and spaces with no
 * `script`, a quote and spaces with no comment, `union select` and a word with no column list).
 */
const FRAGMENTS = [
  '/*',
  '/*x',
  '/**/',
  '<',
  '< /',
  ' ',
  '\t',
  "'",
  '"',
  ')',
  '1',
  '11 ',
  "' or ",
  '1 or a',
  ' or x = ',
  'union ',
  'union select ',
  'select a',
  'select *',
  ' from',
  'on',
  ' onerror',
  '<a ',
  '=',
  '(',
  '--',
  ';',
  'script',
  'a',
  'a.b',
  '%',
  '%25',
  '%3C',
  '&#',
  '&#x',
  '&lt',
  '\\x',
  '+',
  'javascript',
  'data',
  'sleep(',
  'document.',
  'Failed password for ',
  ' from ',
  ' port ',
];

/** A fragment pattern filling a line, then a few random characters changed or inserted. */
const hostileLine = fc
  .tuple(
    fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 4 }),
    fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.string({ maxLength: 3 })), {
      maxLength: 8,
    }),
  )
  .map(([pieces, mutations]) => {
    let line = repeatTo(pieces.join(''), LINE);
    for (const [where, text] of mutations) {
      const at = Math.floor(where * line.length);
      line = line.slice(0, at) + text + line.slice(at + text.length);
    }
    return line.slice(0, LINE);
  });

const WORST_CASES = [
  '/*x',
  '< ',
  "' ",
  "'  )",
  '1 or ',
  "' or a ",
  'union select a',
  'select a',
  ' onerror',
  '%25',
  '&#x',
]
  .map((piece) => repeatTo(piece, LINE))
  .concat(
    // One opening, then a run that never completes it.
    ['<', "'", '"', "')", '1 or ', "' or a", 'union select ', 'select a'].map((start) =>
      `${start}${' '.repeat(LINE / 2)}${'a'.repeat(LINE / 2)}`.slice(0, LINE),
    ),
  );

function withinBudget(work: (input: string) => unknown): (input: string) => void {
  return (input) => {
    expect(costOverLinearPass(work, input)).toBeLessThan(LINEAR_BUDGET);
  };
}

const options = { numRuns: 25, endOnFailure: true, examples: WORST_CASES.map((line) => [line]) };

describe('attack rules run in linear time on any line', { timeout: 300_000 }, () => {
  it.each(ATTACK_RULES.map((rule) => [rule.id, rule.pattern] as const))(
    '%s, on raw and on normalised text',
    (_id, pattern) => {
      const test = (line: string): boolean => pattern.test(line);
      fc.assert(
        fc.property(hostileLine, (line) => {
          withinBudget(test)(line);
          withinBudget(test)(normaliseTarget(line));
        }),
        options as fc.Parameters<[string]>,
      );
    },
  );

  it('classifying a request line (normalisation and every rule)', () => {
    fc.assert(
      fc.property(hostileLine, withinBudget(classifyRequestTarget)),
      options as fc.Parameters<[string]>,
    );
  });

  it('a line full of unclosed SQL comments costs one pass', () => {
    const line = repeatTo('/*x', LINE);
    expect(normaliseTarget(`/?id=1/**/or/**/1=1${line}`)).toBe(`/?id=1 or 1=1${line}`);
    expect(costOverLinearPass(normaliseTarget, line)).toBeLessThan(LINEAR_BUDGET);
  });

  it('reading syslog lines', () => {
    const parse = createSyslogParser({ year: 2026 });
    fc.assert(
      fc.property(
        hostileLine.map((line) => `Nov 26 18:10:05 web-1 sshd[42]: ${line}`),
        withinBudget(parse),
      ),
      { numRuns: 25, endOnFailure: true },
    );
  });
});

/**
 * Telemetry samples (the first 64 KiB of a file): the shapes detection tells apart, opened and
 * never completed or repeated past any sensible count (arrays and objects never closed, a CSV
 * header of thousands of columns, nothing but line breaks), mixed with the rules' fragments.
 */
const SAMPLE_FRAGMENTS = [
  ...FRAGMENTS,
  '\n',
  '\r\n',
  '{',
  '}',
  '[',
  ',',
  ':',
  '{"a":',
  '{"t":1}\n',
  'a,b\n',
  '"a,',
  '127.0.0.1 - - [',
  'Nov 26 18:10:05 h sshd[1]: ',
  '2026-11-26 18:10:05 install ',
];

const hostileSample = fc
  .array(fc.constantFrom(...SAMPLE_FRAGMENTS), { minLength: 1, maxLength: 4 })
  .map((pieces) => repeatTo(pieces.join(''), SNIFF_BYTES));

function readSample(sample: string): unknown {
  const detection = detectTelemetry(sample);
  return previewRecords(sample, detection?.format ?? 'csv');
}

describe('telemetry detection runs in linear time on any sample', { timeout: 300_000 }, () => {
  it('recognising a sample and previewing its records', () => {
    const worst = ['{', '[', '{"a":', '[{', ',\n', '"a,', '\n', ';'].map((piece) => [
      repeatTo(piece, SNIFF_BYTES),
    ]);
    fc.assert(fc.property(hostileSample, withinBudget(readSample)), {
      numRuns: 25,
      endOnFailure: true,
      examples: worst,
    } as fc.Parameters<[string]>);
  });
});
