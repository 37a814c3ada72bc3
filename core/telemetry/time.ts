import { monthIndex, parseInstant } from '../time/instant';

/** Timestamp formats found in logs and metric exports, parsed to epoch milliseconds (UTC). */

export { monthIndex };

/** Common Log Format time: `26/Nov/2026:18:10:05 +0100`. */
export function parseClfTime(text: string): number | null {
  const match =
    /^(\d{1,2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?: ([+-])(\d{2})(\d{2}))?$/.exec(
      text,
    );
  if (!match) return null;
  const month = monthIndex(match[2] ?? '');
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

/**
 * A timestamp field from CSV or JSON: ISO 8601 (a missing offset means UTC; see
 * core/time/instant.ts), or a number of seconds or milliseconds since 1970 (values above 10^11
 * are taken as milliseconds).
 */
export function parseTimestamp(value: unknown): number | null {
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (/^-?\d+(?:\.\d+|)$/.test(text)) return fromEpoch(Number(text));
  return parseInstant(text)?.at ?? null;
}

function fromEpoch(value: number): number | null {
  if (!Number.isFinite(value) || value < 0) return null;
  const ms = value > 1e11 ? value : value * 1000;
  return ms > 253_402_300_799_000 ? null : Math.round(ms);
}
