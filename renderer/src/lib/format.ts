/**
 * The one place the screen turns dates, times and numbers into text, in the user's locale and
 * time zone (the runtime's: the system's in the app, en-GB and Europe/London in end-to-end
 * tests). ISO 8601 is for machine outputs only (files, CSV, JSON, `<time dateTime>`); lint keeps
 * `toLocale*String` and `Intl` formatters out of the rest of the renderer.
 */

const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];

export interface LocaleFormat {
  /** `1234567` → `1,234,567` (en-GB), `1.234.567` (de); at most two decimals. */
  number: (value: number) => string;
  /** `1536` → `1.5 KiB`. */
  bytes: (bytes: number) => string;
  /** A calendar day `2026-11-26` → `26 Nov 2026`, never shifted by the time zone. */
  date: (isoDate: string) => string;
  /** The day an instant falls on where the user is: `2026-11-26T23:30:00Z` → `26 Nov 2026`. */
  dayOf: (instant: string | number | Date) => string;
  /** An instant → `26 Nov 2026, 18:10`. */
  dateTime: (instant: string | number | Date) => string;
  /** An instant's time of day: `18:10` (en-GB), `06:10 PM` (en-US). */
  timeOfDay: (instant: string | number | Date) => string;
}

/** Formatters for a locale and zone (the runtime's when absent), each built once. */
export function localeFormat(locale?: string, timeZone?: string): LocaleFormat {
  const zone = timeZone === undefined ? {} : { timeZone };
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const oneDecimal = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const dayParts = { day: 'numeric', month: 'short', year: 'numeric' } as const;
  const calendarDay = new Intl.DateTimeFormat(locale, { ...dayParts, timeZone: 'UTC' });
  const day = new Intl.DateTimeFormat(locale, { ...dayParts, ...zone });
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...zone,
  });
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', ...zone });
  const instant = (value: string | number | Date, format: Intl.DateTimeFormat): string => {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? String(value) : format.format(date);
  };
  const formatNumber = (value: number): string =>
    Number.isFinite(value) ? number.format(value) : '—';
  return {
    number: formatNumber,
    bytes: (bytes) => {
      if (!Number.isFinite(bytes) || bytes < 0) return '—';
      let value = bytes;
      let unit = 0;
      while (value >= 1024 && unit < UNITS.length - 1) {
        value /= 1024;
        unit += 1;
      }
      if (unit === 0) return `${formatNumber(value)} ${UNITS[0]}`;
      const shown = value < 10 ? oneDecimal.format(value) : formatNumber(Math.round(value));
      return `${shown} ${UNITS[unit]}`;
    },
    date: (isoDate) => {
      const [year, month, dayOfMonth] = isoDate.split('-').map(Number);
      if (year === undefined || month === undefined || dayOfMonth === undefined) return isoDate;
      const date = new Date(Date.UTC(year, month - 1, dayOfMonth));
      return Number.isNaN(date.getTime()) ? isoDate : calendarDay.format(date);
    },
    dayOf: (value) => instant(value, day),
    dateTime: (value) => instant(value, dateTime),
    timeOfDay: (value) => instant(value, time),
  };
}

const screen = localeFormat();

/** The zone this computer runs in (e.g. the default zone of a new workspace's SLA policy). */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export const formatNumber = screen.number;
export const formatBytes = screen.bytes;
export const formatDate = screen.date;
export const formatDayOf = screen.dayOf;
export const formatTimeOfDay = screen.timeOfDay;

/** An instant in the user's locale and zone; `fallback` (else `—`) when there is none. */
export function formatDateTime(
  value: string | number | Date | null | undefined,
  fallback = '—',
): string {
  return value === null || value === undefined || value === '' ? fallback : screen.dateTime(value);
}

/** A period of days as people read it: `26 Nov 2026`, or `1 Nov 2026 – 20 Nov 2026`. */
export function formatPeriod(from: string, to: string): string {
  return from === to ? formatDate(to) : `${formatDate(from)} – ${formatDate(to)}`;
}

export function todayIso(now: Date = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  const [year = 1970, month = 1, day = 1] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** `1 record`, `3 records`, `1,204 records` (irregular plurals are given). */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(count)} ${count === 1 ? singular : plural}`;
}
