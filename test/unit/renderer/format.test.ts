import { describe, expect, it } from 'vitest';
import { localeFormat } from '../../../renderer/src/lib/format';

// The formatter follows the user's locale and zone; each case names both, so the suite's own
// locale and zone (Pacific/Kiritimati in one run) change nothing.
const british = localeFormat('en-GB', 'Europe/London');
const american = localeFormat('en-US', 'America/New_York');
const german = localeFormat('de-DE', 'Europe/Berlin');

describe('one formatter for the screen', () => {
  it('writes an instant one way per locale: date and minutes, in the user’s zone', () => {
    const instant = '2026-12-07T03:21:37.000Z';
    expect(british.dateTime(instant)).toBe('7 Dec 2026, 03:21');
    expect(american.dateTime(instant)).toBe('Dec 6, 2026, 10:21 PM');
    expect(german.dateTime(instant)).toBe('07.12.2026, 04:21');
    expect(british.timeOfDay(instant)).toBe('03:21');
  });

  it('writes calendar days in the same words as instants, never shifted by the zone', () => {
    expect(british.date('2026-12-07')).toBe('7 Dec 2026');
    expect(localeFormat('en-GB', 'Pacific/Kiritimati').date('2026-12-07')).toBe('7 Dec 2026');
    expect(american.date('2026-12-07')).toBe('Dec 7, 2026');
    expect(british.date('2026-12-07')).toBe(british.dayOf('2026-12-07T12:00:00Z'));
  });

  it('gives the day an instant falls on where the user is', () => {
    const lateEvening = '2026-12-07T23:30:00Z';
    expect(british.dayOf(lateEvening)).toBe('7 Dec 2026');
    expect(localeFormat('en-GB', 'Pacific/Kiritimati').dayOf(lateEvening)).toBe('8 Dec 2026');
  });

  it('groups digits as the locale does', () => {
    expect(british.number(1234567)).toBe('1,234,567');
    expect(german.number(1234567)).toBe('1.234.567');
    expect(british.number(0.125)).toBe('0.13');
    expect(british.number(Number.NaN)).toBe('—');
  });

  it('writes sizes in binary units with the locale’s decimal sign', () => {
    expect(british.bytes(512)).toBe('512 bytes');
    expect(british.bytes(1536)).toBe('1.5 KiB');
    expect(german.bytes(1536)).toBe('1,5 KiB');
    expect(british.bytes(5 * 1024 ** 3)).toBe('5.0 GiB');
    expect(british.bytes(123 * 1024 ** 2)).toBe('123 MiB');
    expect(british.bytes(-1)).toBe('—');
  });

  it('gives back what is not a date rather than “Invalid Date”', () => {
    expect(british.dateTime('not a time')).toBe('not a time');
    expect(british.date('someday')).toBe('someday');
  });
});
