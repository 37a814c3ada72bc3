import { createHash } from 'node:crypto';
import {
  CreateBucketCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  HeadBucketCommand,
  PutObjectLockConfigurationCommand,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { z } from 'zod';
import { POLICY_KEY } from '../../../core/locker/layout';
import { LockerPolicy, type RetentionMode } from '../../../core/locker/policy';
import type { Locker } from './client';
import { headObject, LockerError, readObject } from './client';
import { ByteSource, putObject, retentionOf } from './upload';

/**
 * Setting a bucket up as a locker, and reading its policy back. Object Lock can only be turned
 * on when a bucket is created (S3 rules), so an existing bucket without it is named as such;
 * compliance-mode retention cannot be shortened or lifted by anyone, so `init` asks first.
 */

export interface BucketState {
  exists: boolean;
  objectLock: boolean;
  versioning: string | null;
  defaultRetention: { mode: string; days: number | null; years: number | null } | null;
  policy: LockerPolicy | null;
}

const LockConfiguration = z.object({
  ObjectLockConfiguration: z
    .object({
      ObjectLockEnabled: z.string().optional(),
      Rule: z
        .object({
          DefaultRetention: z
            .object({
              Mode: z.string().optional(),
              Days: z.number().optional(),
              Years: z.number().optional(),
            })
            .optional(),
        })
        .optional(),
    })
    .optional(),
});

async function exists(locker: Locker): Promise<boolean> {
  try {
    await locker.s3.send(new HeadBucketCommand({ Bucket: locker.bucket }));
    return true;
  } catch (error) {
    if (
      error instanceof S3ServiceException &&
      (error.name === 'NotFound' || error.$metadata.httpStatusCode === 404)
    )
      return false;
    throw error;
  }
}

/** The locker's policy object, or null when there is none (a bucket `init` never set up). */
export async function readPolicy(locker: Locker): Promise<LockerPolicy | null> {
  if ((await headObject(locker, POLICY_KEY)) === null) return null;
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of readObject(locker, POLICY_KEY)) {
    size += chunk.length;
    if (size > 64 * 1024) throw new LockerError(`${POLICY_KEY} is too large to be a locker policy`);
    parts.push(chunk);
  }
  const parsed = LockerPolicy.safeParse(JSON.parse(Buffer.concat(parts).toString('utf8')));
  if (!parsed.success) throw new LockerError(`${POLICY_KEY} is not a locker policy`);
  return parsed.data;
}

export async function bucketState(locker: Locker): Promise<BucketState> {
  if (!(await exists(locker)))
    return {
      exists: false,
      objectLock: false,
      versioning: null,
      defaultRetention: null,
      policy: null,
    };
  const versioning = z
    .object({ Status: z.string().optional() })
    .parse(await locker.s3.send(new GetBucketVersioningCommand({ Bucket: locker.bucket }))).Status;
  let lock: z.infer<typeof LockConfiguration>['ObjectLockConfiguration'];
  try {
    lock = LockConfiguration.parse(
      await locker.s3.send(new GetObjectLockConfigurationCommand({ Bucket: locker.bucket })),
    ).ObjectLockConfiguration;
  } catch (error) {
    if (!(
      error instanceof S3ServiceException &&
      /ObjectLockConfigurationNotFound|NoSuchObjectLockConfiguration/.test(error.name)
    ))
      throw error;
  }
  const retention = lock?.Rule?.DefaultRetention;
  const objectLock = lock?.ObjectLockEnabled === 'Enabled';
  return {
    exists: true,
    objectLock,
    versioning: versioning ?? null,
    defaultRetention: retention?.Mode
      ? { mode: retention.Mode, days: retention.Days ?? null, years: retention.Years ?? null }
      : null,
    policy: objectLock ? await readPolicy(locker) : null,
  };
}

/** What a bucket lacks to be a locker under `policy`, in words; empty when nothing. */
export function missingFromBucket(
  state: BucketState,
  policy: { mode: RetentionMode; retentionDays: number },
): string[] {
  if (!state.exists) return ['the bucket does not exist'];
  const missing: string[] = [];
  if (!state.objectLock)
    missing.push(
      'Object Lock is not enabled on the bucket (it can only be enabled when a bucket is created)',
    );
  if (state.versioning !== 'Enabled') missing.push('versioning is not enabled');
  const days = state.defaultRetention
    ? (state.defaultRetention.days ?? 0) + (state.defaultRetention.years ?? 0) * 365
    : 0;
  if (!state.defaultRetention) missing.push('the bucket has no default retention');
  else if (state.defaultRetention.mode !== policy.mode || days < policy.retentionDays)
    missing.push(
      `the default retention is ${state.defaultRetention.mode} for ${days} days, not ${policy.mode} for ${policy.retentionDays}`,
    );
  if (state.policy === null) missing.push(`there is no ${POLICY_KEY}`);
  else if (state.policy.mode !== policy.mode || state.policy.retentionDays !== policy.retentionDays)
    missing.push(
      `${POLICY_KEY} says ${state.policy.mode} for ${state.policy.retentionDays} days (a policy, once written, is kept)`,
    );
  return missing;
}

export interface InitOutcome {
  created: boolean;
  configured: string[];
  policy: LockerPolicy;
}

/**
 * Creates the bucket with Object Lock and its default retention and writes the policy, or
 * completes an existing locker bucket. An existing bucket without Object Lock cannot become a
 * locker: `acceptMutable` lets it be used anyway (nothing then stops deletion; `verify` says so).
 */
export async function initLocker(
  locker: Locker,
  request: { mode: RetentionMode; retentionDays: number; acceptMutable: boolean; now?: () => Date },
): Promise<InitOutcome> {
  const now = request.now ?? (() => new Date());
  const before = await bucketState(locker);
  const configured: string[] = [];
  if (
    before.policy &&
    (before.policy.mode !== request.mode || before.policy.retentionDays !== request.retentionDays)
  )
    throw new LockerError(
      `this locker's policy is ${before.policy.mode} for ${before.policy.retentionDays} days; a policy, once written, is kept`,
    );
  if (!before.exists) {
    await locker.s3.send(
      new CreateBucketCommand({ Bucket: locker.bucket, ObjectLockEnabledForBucket: true }),
    );
    configured.push('created the bucket with Object Lock');
  } else if (!before.objectLock && !request.acceptMutable) {
    throw new LockerError(
      `the bucket ${locker.bucket} exists without Object Lock, so anyone with the right permissions can delete or overwrite what it holds; Object Lock can only be enabled when a bucket is created: use a new bucket, or --accept-mutable to use this one anyway`,
    );
  }
  const lockable = !before.exists || before.objectLock;
  if (lockable) {
    const days = (before.defaultRetention?.days ?? 0) + (before.defaultRetention?.years ?? 0) * 365;
    if (before.defaultRetention?.mode !== request.mode || days !== request.retentionDays) {
      await locker.s3.send(
        new PutObjectLockConfigurationCommand({
          Bucket: locker.bucket,
          ObjectLockConfiguration: {
            ObjectLockEnabled: 'Enabled',
            Rule: { DefaultRetention: { Mode: request.mode, Days: request.retentionDays } },
          },
        }),
      );
      configured.push(
        `set the default retention to ${request.mode} for ${request.retentionDays} days`,
      );
    }
  }
  let policy = before.policy;
  if (policy === null) {
    policy = LockerPolicy.parse({
      format: 'demo-ledger-locker',
      layout: 1,
      objectLock: lockable,
      mode: request.mode,
      retentionDays: request.retentionDays,
      createdAt: now().toISOString(),
    });
    const bytes = new TextEncoder().encode(`${JSON.stringify(policy, null, 2)}\n`);
    await putObject(locker, {
      key: POLICY_KEY,
      source: new ByteSource([{ bytes }]),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      retention: retentionOf(policy),
      now,
    });
    configured.push(`wrote ${POLICY_KEY}`);
  }
  return { created: !before.exists, configured, policy };
}
