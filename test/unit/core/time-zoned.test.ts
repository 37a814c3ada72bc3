import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  formatZoned,
  instantOf,
  isValidTimeZone,
  isoWeekday,
  offsetAt,
  zonedParts,
} from '../../../core/time/zoned';

const wall = (date: string, hour: number, minute = 0) => {
  const [year = 0, month = 0, day = 0] = date.split('-').map(Number);
  return { year, month, day, hour, minute, second: 0 };
};

describe('zoned time', () => {
  it('reads wall clocks and offsets in several zones', () => {
    const instant = Date.parse('2026-07-01T12:00:00Z');
    expect(offsetAt(instant, 'Europe/London')).toBe(3_600_000);
    expect(offsetAt(instant, 'America/New_York')).toBe(-4 * 3_600_000);
    expect(offsetAt(instant, 'Asia/Kolkata')).toBe(5.5 * 3_600_000);
    expect(zonedParts(instant, 'Asia/Tokyo')).toMatchObject({ hour: 21, weekday: 3 });
  });

  it('converts ordinary local times to instants', () => {
    expect(new Date(instantOf(wall('2026-11-27', 17), 'Europe/London')).toISOString()).toBe(
      '2026-11-27T17:00:00.000Z',
    );
    expect(new Date(instantOf(wall('2026-07-01', 9, 30), 'Australia/Sydney')).toISOString()).toBe(
      '2026-06-30T23:30:00.000Z',
    );
  });

  it('moves a time skipped by the spring-forward jump forward by the jump', () => {
    const instant = instantOf(wall('2026-03-29', 1, 30), 'Europe/London');
    expect(new Date(instant).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(formatZoned(instant, 'Europe/London')).toBe('2026-03-29 02:30 +01:00');
  });

  it('resolves a repeated time when clocks go back to the earlier instant', () => {
    const instant = instantOf(wall('2026-10-25', 1, 30), 'Europe/London');
    expect(new Date(instant).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    const newYork = instantOf(wall('2026-11-01', 1, 30), 'America/New_York');
    expect(new Date(newYork).toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('does calendar arithmetic without time zones leaking in', () => {
    expect(addCalendarDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addCalendarDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(isoWeekday('2026-11-26')).toBe(4);
    expect(isoWeekday('2026-11-29')).toBe(7);
  });

  it('knows valid zones', () => {
    expect(isValidTimeZone('Europe/London')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

describe('agrees with the system time zone database (GNU date)', () => {
  const zones = [
    'Europe/London',
    'America/New_York',
    'Australia/Sydney',
    'Asia/Kolkata',
    'Pacific/Chatham',
    'America/Sao_Paulo',
  ];
  const dates = [
    '2026-01-15',
    '2026-03-08',
    '2026-03-29',
    '2026-04-05',
    '2026-06-30',
    '2026-10-04',
    '2026-10-25',
    '2026-11-01',
  ];

  it('converts 17:00 local on DST-change days and ordinary days to the same instants', () => {
    for (const timeZone of zones) {
      const expected = execFileSync('date', ['+%s', '-f', '-'], {
        env: { ...process.env, TZ: timeZone, LC_ALL: 'C' },
        input: dates.map((date) => `${date} 17:00`).join('\n'),
        encoding: 'utf8',
      })
        .trim()
        .split('\n')
        .map((seconds) => Number(seconds) * 1000);
      const ours = dates.map((date) => instantOf(wall(date, 17), timeZone));
      expect(ours, timeZone).toEqual(expected);
    }
  });
});
