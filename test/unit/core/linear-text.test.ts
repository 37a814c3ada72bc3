import { describe, expect, it } from 'vitest';
import { parsePastedAgenda } from '../../../core/demo/agenda-import';
import { parseAttendeeLines } from '../../../core/demo/attendees';
import { certificatesFromFile, derToPem, pemBlocks } from '../../../core/signing/der';
import { LINEAR_BUDGET, costOverLinearPass, repeatTo } from '../../support/linear-time';

/**
 * Text from pasted lists and certificate files, each shaped as the worst case of what
 * reads it: an opening the rest of the text never completes.
 */
const SIZE = 64 * 1024;
const cases: [string, (text: string) => unknown, string][] = [
  ['attendees: name (role) with no closing', parseAttendeeLines, repeatTo('(', SIZE)],
  ['attendees: spaces before a comma', parseAttendeeLines, `a${' '.repeat(SIZE)}b`],
  [
    'attendees: separators, then a line separator the role cannot cross',
    parseAttendeeLines,
    `${repeatTo('a - ', SIZE)}\ra`,
  ],
  [
    'agenda: a key, then spaces and a line separator',
    parsePastedAgenda,
    `AB-1${' '.repeat(SIZE)}a\rb`,
  ],
  [
    'certificate files: BEGIN lines never ended',
    (text) => certificatesFromFile(new TextEncoder().encode(text)),
    repeatTo('-----BEGIN CERTIFICATE-----\n', SIZE),
  ],
];

describe('pasted lists and certificate files are read in linear time', { timeout: 300_000 }, () => {
  it.each(cases)('%s', (_name, read, text) => {
    expect(costOverLinearPass(read, text)).toBeLessThan(LINEAR_BUDGET);
  });

  it('still reads attendees and agenda lines as before', () => {
    expect(
      parseAttendeeLines('Sam (x) (infosec)\nA, B, auditor\nLee Wong - dev').attendees,
    ).toEqual([
      { name: 'Sam (x)', role: 'infosec' },
      { name: 'A, B', role: 'auditor' },
      { name: 'Lee Wong', role: 'developer' },
    ]);
    expect(
      parsePastedAgenda('ABC-12: Login form\nABC-13').items.map((item) => [item.key, item.title]),
    ).toEqual([
      ['ABC-12', 'Login form'],
      ['ABC-13', 'ABC-13'],
    ]);
  });

  it('still reads every PEM block, in order, and nothing after an unended one', () => {
    const first = Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x01]);
    const second = Uint8Array.from({ length: 200 }, (_, index) => index);
    const text = `junk\n${derToPem(first)}between\n${derToPem(second)}-----BEGIN CERTIFICATE-----\nAAAA`;
    expect(pemBlocks(text)).toEqual([first, second]);
    expect(certificatesFromFile(new TextEncoder().encode(text))).toEqual([first, second]);
    expect(pemBlocks(derToPem(first, 'PUBLIC KEY') + derToPem(second), 'PUBLIC KEY')).toEqual([
      first,
    ]);
  });
});
