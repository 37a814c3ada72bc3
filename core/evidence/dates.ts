import type { LocalDateTime } from '../time/zoned';

/**
 * When a tool says it ran, read by one rule everywhere (the app, its workers and the CLI), so
 * the same file gets the same date on every machine and in every time zone:
 *
 * - A time that names its zone (`Z`, `+01:00`, `-0500`, `GMT`, `UTC`) is that instant.
 * - A time that names no zone (Lynis' `2026-11-26 17:29:53`, ZAP's `Thu, 6 Dec 2018 10:53:11`,
 *   JUnit's `2011-03-21T16:51:12`) is read as UTC: the file does not say where it was written,
 *   and reading it in the zone of whoever opens it would give another day on another machine.
 * - A bare date is that day, 00:00 UTC; numbers are Unix seconds (or milliseconds past 10^12).
 * - Anything else, and any year before 1970 (Go's zero time `0001-01-01` means "unset"), is no
 *   date at all: the file is then undated, never given a date it does not state.
 *
 * The grammars are read by a cursor left to right (no regular expression, no backtracking over
 * untrusted text), and the calendar is checked (no 31 April), so `Date.parse` and its engine-
 * and zone-dependent guesses are never used.
 */

/** What a summary's notes say when its tool's time named no zone. */
export const ZONE_LESS_NOTE = 'The file gives its time without a time zone; read as UTC.';

export interface ToolTime {
  /** The instant, ISO 8601 in UTC (`2026-11-26T17:29:53.000Z`). */
  iso: string;
  /** Whether the file named the zone; false when the zone-less rule above was applied. */
  zoneStated: boolean;
}

const MAX_TEXT = 64;
const EARLIEST = Date.UTC(1970, 0, 1);

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

interface Parts extends LocalDateTime {
  millisecond: number;
  /** Minutes east of UTC, or null when the text names no zone. */
  offset: number | null;
}

/** Reads a short text left to right; every step is one look at the next characters. */
class Cursor {
  private at = 0;
  constructor(private readonly text: string) {}

  get done(): boolean {
    return this.at === this.text.length;
  }

  /** `min`..`max` digits as written, or null (nothing consumed). */
  digitText(min: number, max = min): string | null {
    let end = this.at;
    while (end < this.text.length && end - this.at < max && isDigit(this.text[end] ?? '')) end += 1;
    if (end - this.at < min) return null;
    const digits = this.text.slice(this.at, end);
    this.at = end;
    return digits;
  }

  digits(min: number, max = min): number | null {
    const digits = this.digitText(min, max);
    return digits === null ? null : Number(digits);
  }

  /** Takes `word` (any case) if it comes next. */
  take(word: string): boolean {
    if (this.text.slice(this.at, this.at + word.length).toLowerCase() !== word.toLowerCase())
      return false;
    this.at += word.length;
    return true;
  }

  letters(count: number): string | null {
    const word = this.text.slice(this.at, this.at + count);
    if (word.length !== count || !/^[a-z]+$/i.test(word)) return null;
    this.at += count;
    return word;
  }

  spaces(): number {
    const start = this.at;
    while (this.text[this.at] === ' ') this.at += 1;
    return this.at - start;
  }
}

function isDigit(char: string): boolean {
  return char >= '0' && char <= '9';
}

/** `Z`, `GMT`, `UTC`, `+01:00`, `-0500`, `+01`: minutes east of UTC; NaN for a malformed one. */
function zoneOf(cursor: Cursor): number | null {
  if (cursor.take('GMT') || cursor.take('UTC') || cursor.take('UT') || cursor.take('Z')) return 0;
  const sign = cursor.take('+') ? 1 : cursor.take('-') ? -1 : 0;
  if (sign === 0) return null;
  const hours = cursor.digits(2);
  cursor.take(':');
  const minutes = cursor.digits(2) ?? 0;
  if (hours === null || hours > 23 || minutes > 59) return Number.NaN;
  return sign * (hours * 60 + minutes);
}

/** `2026-11-26`, `2026-11-26T17:29:53`, `2026-11-26 17:29:53.123456+01:00`, `2024-01-03T 12:40:13Z`. */
function isoParts(text: string): Parts | null {
  const cursor = new Cursor(text);
  const year = cursor.digits(4);
  const month = cursor.take('-') ? cursor.digits(2) : null;
  const day = cursor.take('-') ? cursor.digits(2) : null;
  if (year === null || month === null || day === null) return null;
  const date = { year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 };
  // A bare date is that day in UTC; a zone after it (`2024-01-03Z`) names the same.
  if (cursor.done || (zoneOf(cursor) === 0 && cursor.done)) return { ...date, offset: 0 };
  if (!(cursor.take('T') || cursor.take(' '))) return null;
  cursor.take(' ');
  const hour = cursor.digits(2);
  const minute = cursor.take(':') ? cursor.digits(2) : null;
  if (hour === null || minute === null) return null;
  const second = cursor.take(':') ? cursor.digits(2) : 0;
  if (second === null) return null;
  const fraction = cursor.take('.') || cursor.take(',') ? cursor.digitText(1, 9) : '';
  if (fraction === null) return null;
  cursor.take(' ');
  const offset = zoneOf(cursor);
  if (!cursor.done) return null;
  const millisecond = Number(fraction.padEnd(3, '0').slice(0, 3));
  return { ...date, hour, minute, second, millisecond, offset };
}

/** `Thu, 6 Dec 2018 10:53:11` (ZAP), `06 Dec 2018 10:53:11 GMT`, `Thu, 06 Dec 2018 10:53 +0000`. */
function rfc2822Parts(text: string): Parts | null {
  const cursor = new Cursor(text);
  const weekday = cursor.letters(3);
  if (weekday !== null) {
    cursor.take(',');
    if (cursor.spaces() === 0) return null;
  }
  const day = cursor.digits(1, 2);
  const monthName = cursor.spaces() === 1 ? cursor.letters(3) : null;
  const year = cursor.spaces() === 1 ? cursor.digits(4) : null;
  const hour = cursor.spaces() === 1 ? cursor.digits(2) : null;
  const minute = cursor.take(':') ? cursor.digits(2) : null;
  if (day === null || monthName === null || year === null || hour === null || minute === null)
    return null;
  const second = cursor.take(':') ? cursor.digits(2) : 0;
  if (second === null) return null;
  const offset = cursor.spaces() === 1 ? zoneOf(cursor) : null;
  const month = MONTHS.indexOf(monthName.toLowerCase()) + 1;
  if (!cursor.done || month === 0) return null;
  return { year, month, day, hour, minute, second, millisecond: 0, offset };
}

function instantOf(parts: Parts): ToolTime | null {
  const { year, month, day, hour, minute, second, millisecond, offset } = parts;
  if (Number.isNaN(offset)) return null;
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 60) return null;
  const midnight = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 31 April over to 1 May: a day the month does not have is no date.
  if (new Date(midnight).getUTCDate() !== day) return null;
  const time = midnight + ((hour * 60 + minute - (offset ?? 0)) * 60 + Math.min(second, 59)) * 1000;
  return fromEpoch(time + millisecond, offset !== null);
}

function fromEpoch(milliseconds: number, zoneStated: boolean): ToolTime | null {
  if (!Number.isFinite(milliseconds) || milliseconds < EARLIEST) return null;
  const date = new Date(milliseconds);
  if (Number.isNaN(date.getTime())) return null;
  return { iso: date.toISOString(), zoneStated };
}

/** The instant a tool wrote, by the rule above; null when the value is not a date it can read. */
export function toolTime(value: unknown): ToolTime | null {
  if (typeof value === 'number') {
    // Unix seconds (Nmap, testssl) versus milliseconds.
    return fromEpoch(value > 1e12 ? value : value * 1000, true);
  }
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (text === '' || text.length > MAX_TEXT) return null;
  if (text.length >= 9 && text.length <= 11 && [...text].every(isDigit))
    return fromEpoch(Number(text) * 1000, true);
  const parts = isoParts(text) ?? rfc2822Parts(text);
  return parts ? instantOf(parts) : null;
}

/**
 * Sets a summary's `producedAt` from the tool's own time and, when the file named no zone, says
 * so in its notes, so a reader of the summary knows the hour is read as UTC.
 */
export function setProducedAt(
  summary: { producedAt: string | null; note(message: string): void },
  value: unknown,
): void {
  const time = toolTime(value);
  summary.producedAt = time?.iso ?? null;
  if (time !== null && !time.zoneStated) summary.note(ZONE_LESS_NOTE);
}
