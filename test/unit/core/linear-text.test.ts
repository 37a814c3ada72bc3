import { describe, expect, it } from 'vitest';
import { bundleFileName } from '../../../core/bundle/manifest';
import { parsePastedAgenda } from '../../../core/demo/agenda-import';
import { parseAttendeeLines } from '../../../core/demo/attendees';
import { markdownFileName } from '../../../core/postmortem/markdown';
import { LINEAR_BUDGET, costOverLinearPass, repeatTo } from '../../support/linear-time';

/**
 * Text from pasted lists and titles, each shaped as the worst case of the pattern that reads it:
 * an opening the rest of the line never completes.
 */
const SIZE = 64 * 1024;
const cases: [string, (text: string) => unknown, string][] = [
  ['attendees: name (role) with no closing', parseAttendeeLines, repeatTo('(', SIZE)],
  ['attendees: spaces before a comma', parseAttendeeLines, `a${' '.repeat(SIZE)}b`],
  ['attendees: separators never followed by a role', parseAttendeeLines, repeatTo('a - ', SIZE)],
  [
    'agenda: a key, then spaces and a line separator',
    parsePastedAgenda,
    `AB-1${' '.repeat(SIZE)}\r`,
  ],
  ['bundle names', (title) => bundleFileName(title, new Date(0)), `a${'-'.repeat(SIZE)}!`],
  ['post-mortem file names', (title) => markdownFileName('SEC-1', title), `${'-'.repeat(SIZE)}a`],
];

describe('text read with regular expressions stays linear', { timeout: 300_000 }, () => {
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
});
