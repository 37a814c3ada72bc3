import type { SlaPolicy } from '../model/sla-policy';
import { instantOf } from '../time/zoned';

/**
 * Dates as trackers write them. With an offset (`2015-12-02T07:39:15.000-0800`, `…Z`) they are
 * instants; without one (`2026-11-23 09:00`, Jira's CSV `02/Dec/15 7:39 AM`) they are read on
 * the workspace's clock (`timeZone`). A bare `2026-11-27` is a calendar date.
 */
export type TrackerDate = { kind: 'instant'; iso: string } | { kind: 'date'; date: string };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function local(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  timeZone: string,
): TrackerDate | null {
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (
    probe.getUTCFullYear() !== year ||
    probe.getUTCMonth() !== month - 1 ||
    probe.getUTCDate() !== day
  ) {
    return null;
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  const instant = instantOf({ year, month, day, hour, minute, second }, timeZone);
  return { kind: 'instant', iso: new Date(instant).toISOString() };
}

export function parseTrackerDate(
  text: string,
  timeZone: SlaPolicy['timeZone'],
): TrackerDate | null {
  const value = text.trim();
  // Every accepted form is short; the bound also keeps the patterns below cheap.
  if (value === '' || value.length > 40) return null;
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (dateOnly) {
    const checked = local(
      Number(dateOnly[1]),
      Number(dateOnly[2]),
      Number(dateOnly[3]),
      0,
      0,
      0,
      'UTC',
    );
    return checked === null ? null : { kind: 'date', date: value };
  }
  const withOffset =
    /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})$/i.exec(
      value,
    );
  if (withOffset) {
    const zone = (withOffset[3] ?? 'Z').toUpperCase();
    const offset = zone === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
    const instant = Date.parse(`${withOffset[1]}T${withOffset[2]}${offset}`);
    return Number.isNaN(instant) ? null : { kind: 'instant', iso: new Date(instant).toISOString() };
  }
  const isoLocal = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (isoLocal) {
    const [, y, mo, d, h, mi, s] = isoLocal;
    return local(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0), timeZone);
  }
  // Jira's default export format: dd/MMM/yy h:mm a (English month names).
  const jira =
    /^(\d{1,2})\/([A-Za-z]{3})\/(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})\s*([AaPp][Mm]))?$/.exec(value);
  if (jira) {
    const month = MONTHS.indexOf((jira[2] ?? '').toLowerCase()) + 1;
    if (month === 0) return null;
    const yearText = jira[3] ?? '';
    const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
    if (jira[4] === undefined) {
      const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Number(jira[1])).padStart(2, '0')}`;
      return local(year, month, Number(jira[1]), 0, 0, 0, 'UTC') === null
        ? null
        : { kind: 'date', date };
    }
    const hour12 = Number(jira[4]);
    if (hour12 < 1 || hour12 > 12) return null;
    const pm = (jira[6] ?? '').toLowerCase() === 'pm';
    const hour = (hour12 % 12) + (pm ? 12 : 0);
    return local(year, month, Number(jira[1]), hour, Number(jira[5]), 0, timeZone);
  }
  return null;
}

/** An instant (a date alone means its start on the workspace's clock). */
export function trackerInstant(text: string, timeZone: string): string | null {
  const parsed = parseTrackerDate(text, timeZone);
  if (parsed === null) return null;
  if (parsed.kind === 'instant') return parsed.iso;
  const [year = 0, month = 0, day = 0] = parsed.date.split('-').map(Number);
  return new Date(
    instantOf({ year, month, day, hour: 0, minute: 0, second: 0 }, timeZone),
  ).toISOString();
}
