import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { inject } from 'vitest';
import type { LockerConnection } from '../../main/services/locker/client';
import type { LockerEngine } from '../support/locker-engine';

export const engine: LockerEngine | null = inject('lockerEngine');
export const missing = inject('lockerEngineMissing');

export function scratch(): string {
  return mkdtempSync(path.join(tmpdir(), 'locker-test-'));
}

/** A bucket name no other test uses. */
export function newBucket(): string {
  return `dl-${randomUUID().slice(0, 18)}`;
}

export function connection(live: LockerEngine, bucket: string, tls = false): LockerConnection {
  return {
    endpoint: tls ? live.tlsEndpoint : live.endpoint,
    region: live.region,
    bucket,
    credentials: { accessKeyId: live.accessKeyId, secretAccessKey: live.secretAccessKey },
    ...(tls ? { caFile: live.caFile } : {}),
    requestTimeoutMs: 30_000,
  };
}

/** The raw SDK, to do to the bucket what the locker never does (overwrite, delete). */
export function rawS3(live: LockerEngine): S3Client {
  return new S3Client({
    endpoint: live.endpoint,
    region: live.region,
    forcePathStyle: true,
    credentials: { accessKeyId: live.accessKeyId, secretAccessKey: live.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
}

export { runLocker as locker } from '../support/locker-engine';

export type { SignedBundle } from '../support/locker-bundles';
export { signedBundle } from '../support/locker-bundles';
