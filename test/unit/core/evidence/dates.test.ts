import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileSource } from '../../../../cli/file-source';
import { ZONE_LESS_NOTE, toolTime } from '../../../../core/evidence/dates';
import { inspectSource } from '../../../../core/evidence/inspect';
import type { EvidenceSummary } from '../../../../core/evidence/model';
import { sharedFixture } from '../../../fixtures';

/**
 * When a tool says it ran: one rule in every process and zone (this file also runs in
 * Pacific/Kiritimati, UTC+14, and a year ahead: every expectation is an explicit UTC instant).
 */

async function summaryOf(...parts: string[]): Promise<EvidenceSummary> {
  const { outcome } = await inspectSource(await fileSource(sharedFixture(...parts)));
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.summary;
}

describe('the tool’s own time', () => {
  it.each([
    // A zone-less time is UTC, in whichever form the tool writes it.
    ['Thu, 6 Dec 2018 10:53:11', '2018-12-06T10:53:11.000Z', false],
    ['2026-11-26 17:29:53', '2026-11-26T17:29:53.000Z', false],
    ['2011-03-21T16:51:12', '2011-03-21T16:51:12.000Z', false],
    ['2024-01-03T 12:40:13', '2024-01-03T12:40:13.000Z', false],
    ['2024-01-03T11:23:00.29', '2024-01-03T11:23:00.290Z', false],
    // A stated zone is that instant.
    ['2024-01-03 12:27:54Z', '2024-01-03T12:27:54.000Z', true],
    ['2024-01-03T12:27:11.21-01:00', '2024-01-03T13:27:11.210Z', true],
    ['2024-01-03T12:27:15+0130', '2024-01-03T10:57:15.000Z', true],
    ['2024-01-15T08:58:29.82753744Z', '2024-01-15T08:58:29.827Z', true],
    ['Thu, 06 Dec 2018 10:53:11 GMT', '2018-12-06T10:53:11.000Z', true],
    ['06 Dec 2018 10:53 +0200', '2018-12-06T08:53:00.000Z', true],
    // A day, and Unix seconds (Nmap, testssl) or milliseconds.
    ['2024-01-03', '2024-01-03T00:00:00.000Z', true],
    [1795714065, '2026-11-26T17:27:45.000Z', true],
    ['1795714065', '2026-11-26T17:27:45.000Z', true],
    [1795714065123, '2026-11-26T17:27:45.123Z', true],
  ] as const)('%s → %s', (value, iso, zoneStated) => {
    expect(toolTime(value)).toEqual({ iso, zoneStated });
  });

  it.each([
    // Go's zero time means "unset"; a day the month does not have; no date at all.
    '0001-01-01T00:00:00Z',
    '2024-04-31T00:00:00Z',
    '2024-13-01',
    '2024-01-03T24:00:00',
    '2024-01-03T12:00:00+25:00',
    'Thu, 6 Foo 2018 10:53:11',
    'yesterday',
    '',
    `2024-01-03T12:00:00${'0'.repeat(100)}`,
    null,
    { time: '2024-01-03' },
  ])('%j is no date', (value) => {
    expect(toolTime(value)).toBeNull();
  });

  it('any zone-less date-time reads as the same UTC wall clock, and nothing throws', () => {
    const instant = fc.date({
      min: new Date('1970-01-02T00:00:00Z'),
      max: new Date('9999-12-30T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(instant, fc.constantFrom('T', ' '), (date, separator) => {
        const iso = date.toISOString();
        const written = `${iso.slice(0, 10)}${separator}${iso.slice(11, 19)}`;
        expect(toolTime(written)).toEqual({
          iso: `${iso.slice(0, 19)}.000Z`,
          zoneStated: false,
        });
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const time = toolTime(text);
        if (time !== null) expect(Date.parse(time.iso)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('reads a hostile near-miss in linear time', () => {
    const started = performance.now();
    for (let index = 0; index < 2000; index += 1) toolTime(`${'1'.repeat(4)}-${' '.repeat(58)}`);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('readers date their files by the tool', () => {
  it('ZAP: the report’s generated time, XML and JSON, zone-less so read as UTC and noted', async () => {
    const xml = await summaryOf('zap', 'zap-results-second-scan.xml');
    expect(xml.producedAt).toBe('2021-06-18T09:21:51.000Z');
    expect(xml.notes).toContain(ZONE_LESS_NOTE);
    const json = await summaryOf('zap', 'zap-webgoat.json');
    expect(json.producedAt).toBe('2018-12-06T10:53:11.000Z');
  });

  it('Lynis: report_datetime_start as UTC, the same day in every zone', async () => {
    const lynis = await summaryOf('lynis', 'lynis-report-one-warning.dat');
    // Read in London this was 2026-07-30T23:00Z: another day.
    expect(lynis.producedAt).toBe('2026-07-31T00:00:00.000Z');
  });

  it('a SARIF file without invocation times has no date of its own', async () => {
    const sarif = await summaryOf('sarif', 'eslint-8-sarif-formatter.sarif');
    expect(sarif.producedAt).toBeNull();
  });
});
