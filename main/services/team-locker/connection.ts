import { randomUUID } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListObjectsV2Command,
} from '@aws-sdk/client-s3';
import { z } from 'zod';
import type { ConnectionCheck, ConnectionTest } from '../../../core/locker/app';
import { BUNDLE_PREFIX, POLICY_KEY } from '../../../core/locker/layout';
import type { Locker } from '../locker/client';
import { describeLockerError, headObject } from '../locker/client';
import { bucketState, missingFromBucket } from '../locker/init';

/**
 * The connection test of Settings → Team locker: each thing the app needs from the locker,
 * checked in order and named when it is missing, so the person knows what to ask for (a bucket
 * created with Object Lock, a default retention, a permission). Nothing is written: the right
 * to write is proven by starting a multipart upload and aborting it, which leaves no object.
 */

type CheckId = ConnectionCheck['id'];

const LABELS: Record<CheckId, string> = {
  settings: 'Endpoint, bucket and region',
  credentials: 'Credentials',
  reachable: 'The service answers',
  bucket: 'The bucket exists',
  'object-lock': 'Object Lock',
  versioning: 'Versioning',
  'default-retention': 'Default retention',
  policy: 'Locker policy (demo-ledger/locker.json)',
  list: 'Permission to list',
  read: 'Permission to read',
  write: 'Permission to write',
};

const ORDER: CheckId[] = Object.keys(LABELS) as CheckId[];

class Checks {
  private readonly results = new Map<CheckId, ConnectionCheck>();

  set(id: CheckId, ok: boolean, detail: string): boolean {
    this.results.set(id, { id, label: LABELS[id], ok, detail });
    return ok;
  }

  done(where: string): ConnectionTest {
    const checks = ORDER.map(
      (id) =>
        this.results.get(id) ?? {
          id,
          label: LABELS[id],
          ok: null,
          detail: 'Not checked: an earlier check failed.',
        },
    );
    return { ok: checks.every((check) => check.ok === true), where, checks };
  }
}

function isDenied(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata
    ?.httpStatusCode;
  return status === 403;
}

/** Runs every check it can; `missing` names what the settings or credentials still lack. */
export async function testConnection(
  open: () => Promise<{ locker: Locker } | { missing: string; settingsMissing: boolean }>,
): Promise<ConnectionTest> {
  const checks = new Checks();
  const opened = await open();
  if ('missing' in opened) {
    if (opened.settingsMissing) checks.set('settings', false, opened.missing);
    else {
      checks.set('settings', true, 'Saved.');
      checks.set('credentials', false, opened.missing);
    }
    return checks.done('');
  }
  const { locker } = opened;
  checks.set('settings', true, locker.where);
  let state: Awaited<ReturnType<typeof bucketState>>;
  try {
    state = await bucketState(locker);
  } catch (error) {
    const message = describeLockerError(error, locker.where);
    const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata;
    if (status === undefined) {
      checks.set('credentials', true, 'Given; not yet checked by the service.');
      checks.set('reachable', false, message);
    } else {
      checks.set('reachable', true, `${locker.where} answered.`);
      checks.set(
        'credentials',
        false,
        isDenied(error)
          ? `${message} Reading the bucket's settings needs s3:GetBucketVersioning and s3:GetBucketObjectLockConfiguration.`
          : message,
      );
    }
    return checks.done(locker.where);
  }
  checks.set('reachable', true, `${locker.where} answered.`);
  checks.set('credentials', true, 'Accepted by the service.');
  if (
    !checks.set(
      'bucket',
      state.exists,
      state.exists
        ? 'Found.'
        : `There is no bucket ${locker.bucket}: create it with \`demo-ledger locker init\`.`,
    )
  )
    return checks.done(locker.where);
  checks.set(
    'object-lock',
    state.objectLock,
    state.objectLock
      ? 'Enabled: nothing published can be deleted or overwritten before its retention ends.'
      : 'Not enabled. Object Lock can only be turned on when a bucket is created: use a new bucket made with `demo-ledger locker init`.',
  );
  checks.set(
    'versioning',
    state.versioning === 'Enabled',
    state.versioning === 'Enabled' ? 'Enabled.' : 'Not enabled (Object Lock needs it).',
  );
  const wanted =
    state.policy ??
    ({
      mode: state.defaultRetention?.mode === 'GOVERNANCE' ? 'GOVERNANCE' : 'COMPLIANCE',
      retentionDays: 1,
    } as const);
  const retentionProblems = state.defaultRetention
    ? missingFromBucket(state, wanted).filter((line) => line.startsWith('the default retention'))
    : ['the bucket has no default retention: run `demo-ledger locker init --retention-days N`'];
  const retention = state.defaultRetention;
  checks.set(
    'default-retention',
    retentionProblems.length === 0,
    retentionProblems.length === 0 && retention
      ? `${retention.mode} for ${(retention.days ?? 0) + (retention.years ?? 0) * 365} days.`
      : `${retentionProblems.join('; ')}.`,
  );
  checks.set(
    'policy',
    state.policy !== null,
    state.policy
      ? `${state.policy.mode} retention for ${state.policy.retentionDays} days.`
      : `There is no ${POLICY_KEY}: run \`demo-ledger locker init\` on this bucket.`,
  );
  try {
    z.object({})
      .passthrough()
      .parse(
        await locker.s3.send(
          new ListObjectsV2Command({ Bucket: locker.bucket, Prefix: BUNDLE_PREFIX, MaxKeys: 1 }),
        ),
      );
    checks.set('list', true, 'Allowed (s3:ListBucket).');
  } catch (error) {
    checks.set(
      'list',
      false,
      `${describeLockerError(error, locker.where)} Teammates' bundles are found by listing (s3:ListBucket).`,
    );
  }
  try {
    await headObject(locker, POLICY_KEY);
    checks.set('read', true, 'Allowed (s3:GetObject).');
  } catch (error) {
    checks.set(
      'read',
      false,
      `${describeLockerError(error, locker.where)} Pulling needs s3:GetObject.`,
    );
  }
  const probe = `demo-ledger/probe/${randomUUID()}`;
  try {
    const started = z
      .object({ UploadId: z.string().min(1).max(1024) })
      .parse(
        await locker.s3.send(
          new CreateMultipartUploadCommand({ Bucket: locker.bucket, Key: probe }),
        ),
      );
    await locker.s3.send(
      new AbortMultipartUploadCommand({
        Bucket: locker.bucket,
        Key: probe,
        UploadId: started.UploadId,
      }),
    );
    checks.set(
      'write',
      true,
      'Allowed (s3:PutObject); the probe upload was aborted, nothing was stored.',
    );
  } catch (error) {
    checks.set(
      'write',
      false,
      `${describeLockerError(error, locker.where)} Publishing needs s3:PutObject and s3:PutObjectRetention.`,
    );
  }
  return checks.done(locker.where);
}
