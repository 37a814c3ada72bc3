import { z } from 'zod';
import { LOCKER_LAYOUT_VERSION } from './layout';

/**
 * The locker's policy, written once by `locker init` to `demo-ledger/locker.json` (itself under
 * retention) and read by every other command: how long each object must be kept and in which
 * Object Lock mode. `verify` holds every object version to it.
 */
export const RetentionMode = z.enum(['COMPLIANCE', 'GOVERNANCE']);
export type RetentionMode = z.infer<typeof RetentionMode>;

/** S3 limits default retention to 100 years; nothing useful is kept for less than a day. */
export const MAX_RETENTION_DAYS = 36_500;

export const LockerPolicy = z.strictObject({
  format: z.literal('demo-ledger-locker'),
  layout: z.literal(LOCKER_LAYOUT_VERSION),
  /**
   * False only for a bucket without Object Lock that `init --accept-mutable` took on: objects
   * carry no retention, and `verify` says that nothing stops their deletion.
   */
  objectLock: z.boolean(),
  mode: RetentionMode,
  retentionDays: z.number().int().min(1).max(MAX_RETENTION_DAYS),
  createdAt: z.iso.datetime({ offset: true }),
});
export type LockerPolicy = z.infer<typeof LockerPolicy>;

const DAY_MS = 86_400_000;

/** The retention an object written at `at` gets: the policy's mode, `retentionDays` later. */
export function retentionFor(policy: Pick<LockerPolicy, 'mode' | 'retentionDays'>, at: Date) {
  return { mode: policy.mode, retainUntil: new Date(at.getTime() + policy.retentionDays * DAY_MS) };
}

/**
 * Whether a version's retention honours the policy: the same mode (governance retention can be
 * lifted by an administrator; compliance cannot) and kept at least `retentionDays` after the
 * version was written. A few seconds of clock difference between us and the service are allowed.
 */
export function retentionProblem(
  policy: Pick<LockerPolicy, 'mode' | 'retentionDays'>,
  written: Date,
  retention: { mode: string; retainUntil: Date } | null,
): string | null {
  if (retention === null) return 'no Object Lock retention';
  if (retention.mode !== policy.mode)
    return `retention mode ${retention.mode}, the policy says ${policy.mode}`;
  const required = new Date(written.getTime() + policy.retentionDays * DAY_MS - 5 * 60_000);
  if (retention.retainUntil.getTime() < required.getTime())
    return `retained until ${retention.retainUntil.toISOString()}, the policy requires ${policy.retentionDays} days after ${written.toISOString()}`;
  return null;
}
