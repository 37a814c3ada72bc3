import type { IssueStatus, Priority, SlaSegment } from '../model/issue';
import { RESOLVED_STATUSES } from '../model/issue';
import type { SlaPolicy } from '../model/sla-policy';
import { addCalendarDays, instantAtLocalTime, isoWeekday, localDate } from '../time/zoned';

/**
 * Service-level rules for security issues (described for users in the README, "SLA rules").
 *
 * - P1, fix immediately: due `p1Hours` of elapsed time after it was raised, round the clock;
 *   weekends, holidays and daylight-saving changes do not stretch or shrink it.
 * - P2, fix by the end of the week: due at the end of the working day (`endOfWorkingDay`, local
 *   time in the policy's zone) of the last working day of the current working week. The last
 *   working day of a week is a working day followed by a day that is not (Friday for Monday to
 *   Friday, Thursday for Sunday to Thursday or before a Friday holiday; Sunday when every day is a
 *   working day). Raised after that moment — on Friday evening, at the weekend — it is due at the
 *   end of the next working week.
 * - P3 and P4: due at the end of the working day `p3Days` / `p4Days` calendar days later, moved to
 *   the next working day when that day is not one.
 * - An agreed due date: the end of the working day of that date.
 * Days, weeks and ends of day are read on the policy zone's calendar and converted to instants
 * with that zone's offset on that date, so a daylight-saving change between raising and due
 * date is accounted for.
 */

const HOUR_MS = 3_600_000;
/** More than a year of days without a week end means the policy has no working days. */
const SEARCH_LIMIT_DAYS = 800;

export function isWorkingDay(date: string, policy: SlaPolicy): boolean {
  return policy.workingDays.includes(isoWeekday(date)) && !policy.holidays.includes(date);
}

function isLastWorkingDayOfWeek(date: string, policy: SlaPolicy): boolean {
  if (!isWorkingDay(date, policy)) return false;
  if (policy.workingDays.length === 7 && isoWeekday(date) === 7) return true;
  return !isWorkingDay(addCalendarDays(date, 1), policy);
}

function endOfDay(date: string, policy: SlaPolicy): number {
  return instantAtLocalTime(date, policy.endOfWorkingDay, policy.timeZone);
}

/** The end of the working week the instant falls in, or of the next one if that has passed. */
export function endOfWorkingWeek(raisedAt: number, policy: SlaPolicy): number {
  let date = localDate(raisedAt, policy.timeZone);
  for (let day = 0; day < SEARCH_LIMIT_DAYS; day += 1) {
    if (isLastWorkingDayOfWeek(date, policy)) {
      const deadline = endOfDay(date, policy);
      if (deadline > raisedAt) return deadline;
    }
    date = addCalendarDays(date, 1);
  }
  throw new RangeError('the SLA policy has no working days');
}

/** The end of the first working day on or after `date`. */
export function endOfWorkingDayOnOrAfter(date: string, policy: SlaPolicy): number {
  let day = date;
  for (let step = 0; step < SEARCH_LIMIT_DAYS; step += 1) {
    if (isWorkingDay(day, policy)) return endOfDay(day, policy);
    day = addCalendarDays(day, 1);
  }
  throw new RangeError('the SLA policy has no working days');
}

/** When an issue of `priority` raised at `raisedAt` is due under `policy`. */
export function computeDueAt(priority: Priority, raisedAt: number, policy: SlaPolicy): number {
  switch (priority) {
    case 'P1':
      return raisedAt + policy.p1Hours * HOUR_MS;
    case 'P2':
      return endOfWorkingWeek(raisedAt, policy);
    case 'P3':
    case 'P4': {
      const days = priority === 'P3' ? policy.p3Days : policy.p4Days;
      const target = addCalendarDays(localDate(raisedAt, policy.timeZone), days);
      return endOfWorkingDayOnOrAfter(target, policy);
    }
  }
}

/** An agreed due date ends with that day's working hours (even on a day off: it was agreed). */
export function dueAtForDate(date: string, policy: SlaPolicy): number {
  return endOfDay(date, policy);
}

/** When a risk acceptance that holds through `expiresOn` runs out: midnight after that day. */
export function riskExpiryInstant(expiresOn: string, policy: SlaPolicy): number {
  return instantAtLocalTime(addCalendarDays(expiresOn, 1), '00:00', policy.timeZone);
}

export type SlaState = 'on-track' | 'at-risk' | 'breached' | 'met' | 'missed' | 'paused';

export interface SlaReading {
  state: SlaState;
  dueAt: number;
  /** Milliseconds left (negative once breached); for resolved issues, left at resolution. */
  remainingMs: number;
  /** Share of the window already used, 0 … 1 and beyond. */
  usedFraction: number;
}

export interface SlaSubject {
  status: IssueStatus;
  slaHistory: readonly SlaSegment[];
  resolvedAt: string | null;
}

/**
 * The clock of an issue at `now`. Open work is on track, at risk (less than `atRiskPercent` of
 * its window left) or breached; resolved work met or missed its due time; a risk-accepted
 * issue's clock is paused until the acceptance expires and the issue reopens.
 */
export function readSla(subject: SlaSubject, now: number, policy: SlaPolicy): SlaReading {
  const segment = subject.slaHistory.at(-1);
  if (segment === undefined) throw new RangeError('an issue always has an SLA segment');
  const startedAt = Date.parse(segment.startedAt);
  const dueAt = Date.parse(segment.dueAt);
  const window = Math.max(1, dueAt - startedAt);
  const resolved = RESOLVED_STATUSES.includes(subject.status);
  const stoppedAt =
    resolved && subject.resolvedAt !== null
      ? Date.parse(subject.resolvedAt)
      : segment.endedAt !== null
        ? Date.parse(segment.endedAt)
        : now;
  const remainingMs = dueAt - stoppedAt;
  const usedFraction = (stoppedAt - startedAt) / window;
  if (resolved)
    return { state: remainingMs >= 0 ? 'met' : 'missed', dueAt, remainingMs, usedFraction };
  if (subject.status === 'risk-accepted')
    return { state: 'paused', dueAt, remainingMs, usedFraction };
  if (remainingMs < 0) return { state: 'breached', dueAt, remainingMs, usedFraction };
  const atRisk = remainingMs <= (window * policy.atRiskPercent) / 100;
  return { state: atRisk ? 'at-risk' : 'on-track', dueAt, remainingMs, usedFraction };
}

/** Whether a stretch of the clock ran past its due time (by `now`, if it is still running). */
export function segmentBreached(segment: SlaSegment, now: number): boolean {
  const end = segment.endedAt === null ? now : Date.parse(segment.endedAt);
  return end > Date.parse(segment.dueAt);
}

/** `2d 3h`, `5h 07m`, `12m 30s`: the largest two units of a duration. */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (value: number) => String(value).padStart(2, '0');
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${two(minutes)}m`;
  return `${minutes}m ${two(seconds)}s`;
}

/** A sentence for a reading: `4h 10m left`, `breached 2d 1h ago`, `met with 3h 00m to spare`. */
export function describeSla(reading: SlaReading): string {
  const span = formatDuration(reading.remainingMs);
  switch (reading.state) {
    case 'on-track':
    case 'at-risk':
      return `${span} left`;
    case 'breached':
      return `breached ${span} ago`;
    case 'met':
      return `met with ${span} to spare`;
    case 'missed':
      return `missed by ${span}`;
    case 'paused':
      return reading.remainingMs >= 0 ? `paused with ${span} left` : `paused, ${span} past due`;
  }
}
