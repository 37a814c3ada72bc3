import { readFileSync } from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Readable } from 'node:stream';
import {
  GetObjectCommand,
  GetObjectRetentionCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { z } from 'zod';

// The SDK is pinned to a release that supports Node 20 (package.json); its notice that later
// releases will not would otherwise reach every command's error output.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

/**
 * The team locker's connection to an S3 service (AWS S3, Ceph RGW, MinIO ...): path-style
 * addressing, explicit credentials (never the SDK's chain of profile files and instance metadata,
 * which would look elsewhere and, offline, hang), an optional CA for TLS, and a timeout on every
 * request. S3 access stays in main and the CLI; the renderer never holds credentials.
 */
export interface LockerConnection {
  /** `https://s3.example.com`; absent for AWS itself. */
  endpoint?: string;
  region: string;
  bucket: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** A PEM file of CA certificates to trust for TLS, instead of the system's. */
  caFile?: string;
  /** Per request; the default is 60 s. */
  requestTimeoutMs?: number;
}

export interface Locker {
  s3: S3Client;
  bucket: string;
  /** Where requests go, for messages (never with credentials). */
  where: string;
}

export const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function openLocker(connection: LockerConnection): Locker {
  if (!BUCKET_NAME.test(connection.bucket))
    throw new LockerError(
      `“${connection.bucket.slice(0, 80)}” is not a bucket name (3–63 lower-case letters, digits, dots, dashes)`,
    );
  const timeout = connection.requestTimeoutMs ?? 60_000;
  const ca = connection.caFile === undefined ? undefined : readFileSync(connection.caFile);
  const s3 = new S3Client({
    region: connection.region,
    ...(connection.endpoint === undefined ? {} : { endpoint: connection.endpoint }),
    forcePathStyle: true,
    credentials: connection.credentials,
    maxAttempts: 3,
    // Checksums are ours (SHA-256 of every object, verified by reading it back): the SDK's
    // default trailing checksums use aws-chunked encoding, which not every S3 service accepts.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: new NodeHttpHandler({
      connectionTimeout: Math.min(timeout, 15_000),
      requestTimeout: timeout,
      throwOnRequestTimeout: true,
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 16 }),
      httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 16, ...(ca ? { ca } : {}) }),
    }),
  });
  // Uploads carry Content-MD5, which the service checks, and each object's SHA-256, which
  // `verify` checks by reading it back: signing a SHA-256 of every body as well would be a
  // third pass over every byte. Object bodies are therefore signed as UNSIGNED-PAYLOAD.
  s3.middlewareStack.add(
    (next, context) => async (args) => {
      const request = args.request as { headers?: Record<string, string> };
      if (UNSIGNED_BODIES.has(context.commandName ?? '') && request.headers)
        request.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
      return next(args);
    },
    { step: 'build', name: 'lockerUnsignedPayload' },
  );
  const where = `${connection.endpoint ?? `s3.${connection.region}.amazonaws.com`}/${connection.bucket}`;
  return { s3, bucket: connection.bucket, where };
}

const UNSIGNED_BODIES = new Set(['PutObjectCommand', 'UploadPartCommand']);

export class LockerError extends Error {
  override readonly name = 'LockerError';
}

/** S3's and the network's failures as sentences that say what to do; never with secrets. */
export function describeLockerError(error: unknown, where: string): string {
  if (error instanceof LockerError) return error.message;
  if (error instanceof S3ServiceException) {
    const status = error.$metadata.httpStatusCode;
    switch (error.name) {
      case 'AccessDenied':
        return `${where} refused the request (AccessDenied, HTTP ${status}): the credentials lack a permission the locker needs (README: Team locker → permissions), or Object Lock forbids it.`;
      case 'InvalidAccessKeyId':
        return `${where} does not know this access key (InvalidAccessKeyId): check AWS_ACCESS_KEY_ID.`;
      case 'SignatureDoesNotMatch':
        return `${where} rejected the request signature (SignatureDoesNotMatch): check AWS_SECRET_ACCESS_KEY and the region.`;
      case 'NoSuchBucket':
        return `${where}: the bucket does not exist; create it with \`demo-ledger locker init\`.`;
      case 'RequestTimeTooSkewed':
        return `${where} says this computer's clock is too far from its own (RequestTimeTooSkewed).`;
      default:
        // A HEAD request's refusal has no body to name the reason.
        if (status === 403)
          return `${where} refused the request (HTTP 403): the credentials are wrong (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or lack a permission the locker needs.`;
        return `${where} answered ${error.name} (HTTP ${status ?? '?'}): ${error.message}`;
    }
  }
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH')
    return `cannot reach ${where} (${String(code)}).`;
  if (typeof code === 'string' && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code))
    return `the TLS certificate of ${where} is not trusted (${code}): pass the CA that issued it with --ca FILE.`;
  if (error instanceof Error && (error.name === 'TimeoutError' || /timed? ?out/i.test(message)))
    return `${where} did not answer in time: ${message}`;
  return `${where}: ${message}`;
}

export interface Retention {
  mode: string;
  retainUntil: Date;
}

export interface HeadResult {
  size: number;
  versionId: string | null;
  lastModified: Date;
  metadata: Record<string, string>;
  retention: Retention | null;
}

const HeadShape = z.object({
  ContentLength: z.number().int().nonnegative(),
  VersionId: z.string().optional(),
  LastModified: z.date(),
  Metadata: z.record(z.string(), z.string()).optional(),
  ObjectLockMode: z.string().optional(),
  ObjectLockRetainUntilDate: z.date().optional(),
});

function isMissing(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NotFound' ||
      error.name === 'NoSuchKey' ||
      error.$metadata.httpStatusCode === 404)
  );
}

/** The current version of `key` (or the version given), or null when there is none. */
export async function headObject(
  locker: Locker,
  key: string,
  versionId?: string,
): Promise<HeadResult | null> {
  try {
    const head = HeadShape.parse(
      await locker.s3.send(
        new HeadObjectCommand({
          Bucket: locker.bucket,
          Key: key,
          ...(versionId ? { VersionId: versionId } : {}),
        }),
      ),
    );
    return {
      size: head.ContentLength,
      versionId: head.VersionId ?? null,
      lastModified: head.LastModified,
      metadata: head.Metadata ?? {},
      retention:
        head.ObjectLockMode && head.ObjectLockRetainUntilDate
          ? { mode: head.ObjectLockMode, retainUntil: head.ObjectLockRetainUntilDate }
          : null,
    };
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

/** A version's Object Lock retention as the service reports it (null: none). */
export async function objectRetention(
  locker: Locker,
  key: string,
  versionId: string,
): Promise<Retention | null> {
  try {
    const answer = await locker.s3.send(
      new GetObjectRetentionCommand({ Bucket: locker.bucket, Key: key, VersionId: versionId }),
    );
    const parsed = z
      .object({ Retention: z.object({ Mode: z.string(), RetainUntilDate: z.date() }).optional() })
      .parse(answer);
    return parsed.Retention
      ? { mode: parsed.Retention.Mode, retainUntil: parsed.Retention.RetainUntilDate }
      : null;
  } catch (error) {
    if (
      error instanceof S3ServiceException &&
      /NoSuchObjectLockConfiguration|ObjectLockConfigurationNotFound/.test(error.name)
    )
      return null;
    throw error;
  }
}

/** The content of `key` (a given version), streamed. */
export async function* readObject(
  locker: Locker,
  key: string,
  versionId?: string,
): AsyncIterable<Uint8Array> {
  const answer = await locker.s3.send(
    new GetObjectCommand({
      Bucket: locker.bucket,
      Key: key,
      ...(versionId ? { VersionId: versionId } : {}),
    }),
  );
  const body = answer.Body as Readable | undefined;
  if (!body) throw new LockerError(`${key}: the service sent no content`);
  for await (const chunk of body) yield chunk as Uint8Array;
}

export interface ListedVersion {
  key: string;
  versionId: string;
  isLatest: boolean;
  lastModified: Date;
  size: number;
  deleteMarker: boolean;
}

const VersionsPage = z.object({
  Versions: z
    .array(
      z.object({
        Key: z.string().max(1024),
        VersionId: z.string().max(1024).optional(),
        IsLatest: z.boolean().optional(),
        LastModified: z.date(),
        Size: z.number().int().nonnegative().optional(),
      }),
    )
    .optional(),
  DeleteMarkers: z
    .array(
      z.object({
        Key: z.string().max(1024),
        VersionId: z.string().max(1024).optional(),
        IsLatest: z.boolean().optional(),
        LastModified: z.date(),
      }),
    )
    .optional(),
  IsTruncated: z.boolean().optional(),
  NextKeyMarker: z.string().optional(),
  NextVersionIdMarker: z.string().optional(),
});

/** Every version and delete marker under `prefix`, page by page. */
export async function* listVersions(locker: Locker, prefix = ''): AsyncIterable<ListedVersion> {
  let keyMarker: string | undefined;
  let versionMarker: string | undefined;
  for (;;) {
    const page = VersionsPage.parse(
      await locker.s3.send(
        new ListObjectVersionsCommand({
          Bucket: locker.bucket,
          Prefix: prefix,
          MaxKeys: 1000,
          ...(keyMarker === undefined ? {} : { KeyMarker: keyMarker }),
          ...(versionMarker === undefined ? {} : { VersionIdMarker: versionMarker }),
        }),
      ),
    );
    for (const version of page.Versions ?? [])
      yield {
        key: version.Key,
        versionId: version.VersionId ?? 'null',
        isLatest: version.IsLatest ?? false,
        lastModified: version.LastModified,
        size: version.Size ?? 0,
        deleteMarker: false,
      };
    for (const marker of page.DeleteMarkers ?? [])
      yield {
        key: marker.Key,
        versionId: marker.VersionId ?? 'null',
        isLatest: marker.IsLatest ?? false,
        lastModified: marker.LastModified,
        size: 0,
        deleteMarker: true,
      };
    if (!page.IsTruncated) return;
    if (page.NextKeyMarker === undefined)
      throw new LockerError('the version listing is truncated with no marker to go on from');
    keyMarker = page.NextKeyMarker;
    versionMarker = page.NextVersionIdMarker;
  }
}

const ObjectsPage = z.object({
  Contents: z
    .array(
      z.object({
        Key: z.string().max(1024),
        Size: z.number().int().nonnegative().optional(),
        LastModified: z.date().optional(),
      }),
    )
    .optional(),
  IsTruncated: z.boolean().optional(),
  NextContinuationToken: z.string().optional(),
});

/** The current objects under `prefix`. */
export async function* listObjects(
  locker: Locker,
  prefix: string,
): AsyncIterable<{ key: string; size: number }> {
  let token: string | undefined;
  for (;;) {
    const page = ObjectsPage.parse(
      await locker.s3.send(
        new ListObjectsV2Command({
          Bucket: locker.bucket,
          Prefix: prefix,
          MaxKeys: 1000,
          ...(token === undefined ? {} : { ContinuationToken: token }),
        }),
      ),
    );
    for (const object of page.Contents ?? []) yield { key: object.Key, size: object.Size ?? 0 };
    if (!page.IsTruncated) return;
    if (page.NextContinuationToken === undefined)
      throw new LockerError('the listing is truncated with no token to go on from');
    token = page.NextContinuationToken;
  }
}
