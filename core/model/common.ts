import { z } from 'zod';

export const Id = z.uuid({ message: 'not a valid id' });
export type Id = z.infer<typeof Id>;

/** Calendar date (`2026-11-26`), as entered by people; never shifted by time zones. */
export const IsoDate = z.iso.date({ message: 'expected a date like 2026-11-26' });

/** Instant in UTC (`2026-11-26T18:10:05.000Z`). */
export const IsoDateTime = z.iso.datetime({ offset: true, message: 'expected an ISO date-time' });

export const Name = z
  .string()
  .trim()
  .min(1, 'a name is required')
  .max(120, 'names are limited to 120 characters');

export const LongText = z.string().max(20_000, 'limited to 20,000 characters');

export const Timestamps = z.object({
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});

export function newId(): Id {
  return globalThis.crypto.randomUUID();
}

export function nowIso(clock: () => Date = () => new Date()): string {
  return clock().toISOString();
}
