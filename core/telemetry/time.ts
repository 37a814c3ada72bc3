/** Timestamp formats found in logs and metric exports, parsed to epoch milliseconds (UTC). */

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

export function monthIndex(name: string): number | undefined {
  return MONTHS[name];
}

/** Common Log Format time: `26/Nov/2026:18:10:05 +0100`. */
export function parseClfTime(text: string): number | null {
  const match =
    /^(\d{1,2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?: ([+-])(\d{2})(\d{2}))?$/.exec(
      text,
    );
  if (!match) return null;
  const month = MONTHS[match[2] ?? ''];
  if (month === undefined) return null;
  const local = Date.UTC(
    Number(match[3]),
    month,
    Number(match[1]),
    Number(match[4]),
    Number(match[5]),
    Number(match[6]),
  );
  const offset = match[7] === undefined ? 0 : (Number(match[8]) * 60 + Number(match[9])) * 60_000;
  return match[7] === '-' ? local + offset : local - offset;
}

const ISO_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A timestamp field from CSV or JSON: ISO 8601 (a missing offset means UTC), or a number of
 * seconds or milliseconds since 1970 (values above 10^11 are taken as milliseconds).
 */
export function parseTimestamp(value: unknown): number | null {
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (/^-?\d+(?:\.\d+|)$/.test(text)) return fromEpoch(Number(text));
  if (!ISO_DATE_TIME.test(text)) return null;
  let normalised = text.replace(' ', 'T').replace(/(\.\d{3})\d+/, '$1');
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(normalised)) normalised += 'Z';
  normalised = normalised.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const parsed = Date.parse(normalised);
  return Number.isFinite(parsed) ? parsed : null;
}

function fromEpoch(value: number): number | null {
  if (!Number.isFinite(value) || value < 0) return null;
  const ms = value > 1e11 ? value : value * 1000;
  return ms > 253_402_300_799_000 ? null : Math.round(ms);
}
