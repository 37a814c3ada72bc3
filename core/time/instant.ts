/**
 * ISO 8601 date-times as tools write them, to epoch milliseconds, without `Date.parse` (whose
 * reading of anything but the exact ECMAScript form is up to the engine, and which reads a
 * time without a zone in the machine's own zone). Accepted: `T` or a space between date and
 * time, seconds and a fraction of up to nine digits optional (cut to milliseconds), a zone as
 * `Z`, `+HH:MM` or `+HHMM`, optionally after a space. A time without a zone is read at
 * `offsetMinutes` east of UTC (UTC unless told) and says so.
 */
export interface Instant {
  at: number;
  /** The text carried its own zone. */
  zoned: boolean;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)? ?(Z|[+-]\d{2}:?\d{2})?$/i;

export function parseInstant(text: string, offsetMinutes = 0): Instant | null {
  const match = ISO.exec(text.trim());
  if (!match) return null;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0] = match
    .slice(1, 6)
    .map((part) => Number(part));
  const second = match[6] === undefined ? 0 : Number(match[6]);
  const fraction = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const local = Date.UTC(year, month - 1, day, hour, minute, second, fraction);
  const check = new Date(local);
  if (
    check.getUTCDate() !== day ||
    check.getUTCMonth() !== month - 1 ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    return null;
  const zone = match[8];
  if (zone === undefined) return { at: local - offsetMinutes * 60_000, zoned: false };
  if (zone.toUpperCase() === 'Z') return { at: local, zoned: true };
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  return { at: local - offset * 60_000, zoned: true };
}

const MONTHS: Readonly<Record<string, number>> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};

/** The month of an English three-letter abbreviation (`Nov` → 10), as logs write them. */
export function monthIndex(name: string): number | undefined {
  return MONTHS[name];
}

/**
 * C's `ctime` form, `Mon Dec  7 05:34:00 2026`, which carries no zone: read at `offsetMinutes`
 * east of UTC.
 */
export function parseCtime(text: string, offsetMinutes = 0): number | null {
  const match =
    /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/.exec(
      text.trim(),
    );
  const month = monthIndex(match?.[1] ?? '');
  if (!match || month === undefined) return null;
  const [day, hour, minute, second, year] = match.slice(2, 7).map(Number);
  return Date.UTC(year as number, month, day, hour, minute, second) - offsetMinutes * 60_000;
}
