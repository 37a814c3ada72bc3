/**
 * Calendar arithmetic in named IANA time zones, with nothing but `Intl` (present in Node and
 * every browser). Calendar dates are `YYYY-MM-DD` strings; instants are epoch milliseconds.
 *
 * Converting a local wall-clock time to an instant follows Temporal's `compatible` rule: a
 * time that does not exist (skipped by a daylight-saving jump forward) moves forward by the
 * length of the jump; a time that exists twice (the hour repeated when clocks go back) resolves
 * to the earlier of the two instants.
 */

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export interface ZonedParts extends LocalDateTime {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading of `instant` in `timeZone`. */
export function zonedParts(instant: number, timeZone: string): ZonedParts {
  const values: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  const local = {
    year: values['year'] ?? 1970,
    month: values['month'] ?? 1,
    day: values['day'] ?? 1,
    hour: values['hour'] ?? 0,
    minute: values['minute'] ?? 0,
    second: values['second'] ?? 0,
  };
  return { ...local, weekday: isoWeekday(dateOf(local)) };
}

/** The wall-clock reading as if it were UTC, in epoch milliseconds. */
function wallClockMs(local: LocalDateTime): number {
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds (positive east of Greenwich). */
export function offsetAt(instant: number, timeZone: string): number {
  const local = zonedParts(instant, timeZone);
  return wallClockMs(local) - (instant - (((instant % 1000) + 1000) % 1000));
}

function sameWallClock(a: LocalDateTime, b: LocalDateTime): boolean {
  return (
    a.year === b.year &&
    a.month === b.month &&
    a.day === b.day &&
    a.hour === b.hour &&
    a.minute === b.minute &&
    a.second === b.second
  );
}

const DAY_MS = 86_400_000;

/** The instant at which the wall clock in `timeZone` reads `local` (see the rule above). */
export function instantOf(local: LocalDateTime, timeZone: string): number {
  const wall = wallClockMs(local);
  // Offsets a day either side cover every transition the wall time could fall near.
  const offsets = new Set([offsetAt(wall - DAY_MS, timeZone), offsetAt(wall + DAY_MS, timeZone)]);
  offsets.add(offsetAt(wall, timeZone));
  const candidates = [...offsets]
    .map((offset) => wall - offset)
    .filter((instant) => sameWallClock(zonedParts(instant, timeZone), local))
    .sort((a, b) => a - b);
  const earliest = candidates[0];
  if (earliest !== undefined) return earliest;
  // Skipped by a jump forward: read the time with the offset in force before the jump.
  return wall - offsetAt(wall - DAY_MS, timeZone);
}

/** `YYYY-MM-DD` of a local date-time. */
export function dateOf(local: { year: number; month: number; day: number }): string {
  return `${String(local.year).padStart(4, '0')}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
}

export function parseDate(date: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a calendar date: ${date}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** The calendar date `days` after `date` (negative: before). */
export function addCalendarDays(date: string, days: number): string {
  const { year, month, day } = parseDate(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const { year, month, day } = parseDate(date);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** The local calendar date of `instant` in `timeZone`. */
export function localDate(instant: number, timeZone: string): string {
  return dateOf(zonedParts(instant, timeZone));
}

/** `HH:MM` (24-hour) → hours and minutes. */
export function parseClockTime(time: string): { hour: number; minute: number } {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`not a time of day: ${time}`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** The instant a calendar date reaches `time` (HH:MM) on the wall clock of `timeZone`. */
export function instantAtLocalTime(date: string, time: string, timeZone: string): number {
  const { hour, minute } = parseClockTime(time);
  return instantOf({ ...parseDate(date), hour, minute, second: 0 }, timeZone);
}

/** Formats an instant as local `YYYY-MM-DD HH:MM` with the zone's offset, e.g. `+01:00`. */
export function formatZoned(instant: number, timeZone: string): string {
  const local = zonedParts(instant, timeZone);
  const offsetMinutes = Math.round(offsetAt(instant, timeZone) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
  return `${dateOf(local)} ${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')} ${offset}`;
}
