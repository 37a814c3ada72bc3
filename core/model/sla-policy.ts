import { z } from 'zod';
import { isValidTimeZone } from '../time/zoned';
import { Id, IsoDate, Timestamps } from './common';

/**
 * A workspace's service-level policy for security issues. The rules it drives are in
 * core/issues/sla.ts and described in the README ("SLA rules").
 */
export const SlaPolicyFields = z.object({
  /** IANA zone whose calendar decides days, weeks and ends of working days. */
  timeZone: z.string().refine(isValidTimeZone, 'unknown time zone (expected e.g. Europe/London)'),
  /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday. */
  workingDays: z
    .array(z.number().int().min(1).max(7))
    .min(1, 'choose at least one working day')
    .max(7)
    .transform((days) => [...new Set(days)].sort((a, b) => a - b)),
  /** Local wall-clock time at which a working day ends, `HH:MM` (24-hour). */
  endOfWorkingDay: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time like 17:00'),
  /** P1: fix immediately — due this many elapsed hours after it was raised. */
  p1Hours: z.number().int().min(1, 'at least 1 hour').max(168, 'at most 168 hours'),
  /** P3 and P4: due this many calendar days after being raised. */
  p3Days: z.number().int().min(1).max(365),
  p4Days: z.number().int().min(1).max(730),
  /** An open issue is at risk when less than this share of its window remains. */
  atRiskPercent: z.number().int().min(1).max(90),
  /** Dates that are not working days whatever their weekday (public holidays). */
  holidays: z.array(IsoDate).max(400).default([]),
});
export type SlaPolicy = z.output<typeof SlaPolicyFields>;
export type SlaPolicyInput = z.input<typeof SlaPolicyFields>;

export const StoredSlaPolicy = SlaPolicyFields.extend({ id: Id, workspaceId: Id }).extend(
  Timestamps.shape,
);
export type StoredSlaPolicy = z.output<typeof StoredSlaPolicy>;

/** The practice's defaults: P1 within 24 hours, P2 by the end of the working week. */
export function defaultSlaPolicy(timeZone: string): SlaPolicy {
  return {
    timeZone: isValidTimeZone(timeZone) ? timeZone : 'UTC',
    workingDays: [1, 2, 3, 4, 5],
    endOfWorkingDay: '17:00',
    p1Hours: 24,
    p3Days: 30,
    p4Days: 90,
    atRiskPercent: 25,
    holidays: [],
  };
}
