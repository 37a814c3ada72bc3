import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { detectFormat } from '../../../../core/evidence/detect';
import type { WorkMeter } from '../../../../core/evidence/head-json';
import { jsonShape } from '../../../../core/evidence/head-json';
import { xmlHead } from '../../../../core/evidence/head-xml';
import { Utf8Repair, looksBinary } from '../../../../core/evidence/utf8';
import { sharedFixture } from '../../../fixtures';
import { WORST_JSON, WORST_TEXT, WORST_XML, fill } from '../../../support/hostile-heads';

/**
 * Detection must take time in proportion to the head whatever it holds. Each detector is fed
 * the shapes that made the old regular expressions backtrack (`<a`×128k, `<!--`×64k, `[`×100k
 * …) and random mutations of real heads, and its own count of characters visited must stay
 * within a small multiple of the input: work, not the wall clock, so a busy machine cannot fail
 * it. A generous wall-clock ceiling per input catches anything the count would miss.
 */

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
/** Steps allowed per character of input (each scanner visits a character a few times at most). */
const STEPS_PER_CHAR = 10;
const WALL_CEILING_MS = 5_000;

function withinBudget(run: (meter: WorkMeter) => unknown, length: number): void {
  const meter: WorkMeter = { steps: 0 };
  const started = performance.now();
  run(meter);
  const elapsed = performance.now() - started;
  expect(meter.steps, `steps for ${length} characters`).toBeLessThanOrEqual(
    STEPS_PER_CHAR * length + 64,
  );
  expect(elapsed).toBeLessThan(WALL_CEILING_MS);
}

const REAL_HEADS = [
  'sarif/gitleaks_7.5.0.sarif',
  'nmap/nmap-localhost-current.xml',
  'zap/zap-webgoat.json',
  'inspec/inspec-4.18-rhel7-stig-bad.json',
  'junit/jest-junit-16.xml',
].map((name) =>
  readFileSync(sharedFixture(name))
    .subarray(0, 16 * 1024)
    .toString('utf8'),
);

/** A real head with random characters replaced, inserted or deleted. */
const mutatedHead = fc
  .record({
    head: fc.constantFrom(...REAL_HEADS),
    edits: fc.array(
      fc.record({
        at: fc.nat(),
        kind: fc.constantFrom('replace', 'insert', 'delete'),
        char: fc.constantFrom(...'{}[]",:\\<>!-?/= \n\u0000\u00ff\ufffd'.split('')),
      }),
      { maxLength: 40 },
    ),
  })
  .map(({ head, edits }) => {
    let text = head;
    for (const edit of edits) {
      const at = edit.at % (text.length + 1);
      if (edit.kind === 'insert') text = text.slice(0, at) + edit.char + text.slice(at);
      else if (edit.kind === 'delete') text = text.slice(0, at) + text.slice(at + 1);
      else text = text.slice(0, at) + edit.char + text.slice(at + 1);
    }
    return text;
  });

/** Short runs of the worst units, concatenated and repeated to fill a head. */
const worstMix = (units: readonly string[]): fc.Arbitrary<string> =>
  fc
    .array(fc.constantFrom(...units), { minLength: 1, maxLength: 6 })
    .map((parts) => fill(parts.join('')));

describe('format detection stays linear in the head', { timeout: 300_000 }, () => {
  test.each([...WORST_XML, ...WORST_JSON, ...WORST_TEXT])('the head filled with %j', (unit) => {
    const text = fill(unit);
    withinBudget((meter) => detectFormat(encode(text), meter), text.length);
  });

  test('the XML scanner, on mixes of the worst constructs', () => {
    fc.assert(
      fc.property(worstMix(WORST_XML), (text) => {
        withinBudget((meter) => xmlHead(text, meter), text.length);
      }),
      { numRuns: 40 },
    );
  });

  test('the JSON scanner, on mixes of the worst constructs', () => {
    fc.assert(
      fc.property(worstMix(WORST_JSON), (text) => {
        withinBudget((meter) => jsonShape(text, meter), text.length);
      }),
      { numRuns: 40 },
    );
  });

  test('text detection, on mixes of the worst lines', () => {
    fc.assert(
      fc.property(worstMix(WORST_TEXT), (text) => {
        withinBudget((meter) => detectFormat(encode(text), meter), text.length);
      }),
      { numRuns: 30 },
    );
  });

  test('every detector, on randomly mutated real heads', () => {
    fc.assert(
      fc.property(mutatedHead, (text) => {
        withinBudget((meter) => detectFormat(encode(text), meter), text.length);
        withinBudget((meter) => jsonShape(text, meter), text.length);
        withinBudget((meter) => xmlHead(text, meter), text.length);
      }),
      { numRuns: 200 },
    );
  });

  test('random text of JSON and XML punctuation', () => {
    const alphabet = fc.constantFrom(...'{}[]"\\:,<>!-?/=ab \n'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 20_000 }), (chars) => {
        const text = chars.join('');
        withinBudget((meter) => detectFormat(encode(text), meter), Math.max(1, text.length));
      }),
      { numRuns: 100 },
    );
  });
});

describe('the head scanners read what they should', () => {
  test('JSON: key paths, root keys, values, JSON lines', () => {
    const shape = jsonShape('{"a":{"b":[{"c":1}]},"d":"x"}\n{"a":2}\n');
    expect([...shape.paths].sort()).toEqual(['a', 'a.b', 'a.b.*', 'a.b.*.c', 'd']);
    expect(shape.rootKeys).toEqual(['a', 'd']);
    expect(shape.values.get('d')).toBe('x');
    expect(shape.documents).toBe(2);
    expect(shape.firstComplete).toBe(true);
  });

  test('XML: the root after a declaration, comments and a DOCTYPE with a subset', () => {
    const head = xmlHead(
      '<?xml version="1.0" encoding="ISO-8859-1"?><!-- <x> --><!DOCTYPE r [<!ENTITY a "b">]><p:bom xmlns:p="http://cyclonedx.org/schema/bom/1.5" a=\'>\'><c/></p:bom>',
    );
    expect(head.encoding).toBe('iso-8859-1');
    expect(head.root).toEqual({
      name: 'bom',
      attrs: { 'xmlns:p': 'http://cyclonedx.org/schema/bom/1.5', a: '>' },
    });
    expect([...head.names]).toEqual(['bom', 'c']);
  });
});

describe('UTF-8 repair', () => {
  test('gives exactly what the platform decoder gives, whatever the bytes and chunking', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.array(fc.nat({ max: 300 }), { maxLength: 5 }),
        (bytes, cuts) => {
          const repair = new Utf8Repair();
          const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort(
            (a, b) => a - b,
          );
          const parts: Uint8Array[] = [];
          let start = 0;
          for (const point of [...points, bytes.length]) {
            parts.push(repair.push(bytes.subarray(start, point)));
            start = point;
          }
          parts.push(repair.finish());
          const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
          let offset = 0;
          for (const part of parts) {
            out.set(part, offset);
            offset += part.length;
          }
          const expected = new TextDecoder().decode(bytes);
          expect(new TextDecoder('utf-8', { fatal: true }).decode(out)).toBe(expected);
          // Replacements counted = U+FFFD decoded, less those the file itself held (EF BF BD).
          const decoded = [...expected].filter((char) => char === '\ufffd').length;
          let genuine = 0;
          for (let index = 0; index + 2 < bytes.length; index += 1)
            if (bytes[index] === 0xef && bytes[index + 1] === 0xbf && bytes[index + 2] === 0xbd)
              genuine += 1;
          expect(repair.replaced).toBe(decoded - genuine);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('binary detection: a stray byte is text, noise is binary', () => {
    const text = encode('{"a": "caf\u00e9"}'.repeat(100));
    const stray = text.slice();
    stray[10] = 0xff;
    expect(looksBinary(stray)).toBe(false);
    expect(
      looksBinary(Uint8Array.from({ length: 2048 }, (_, index) => (index * 37) % 256 || 1)),
    ).toBe(true);
  });
});
