import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  PutObjectRetentionCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { z } from 'zod';
import type { LockerPolicy, RetentionMode } from '../../../core/locker/policy';
import type { Locker } from './client';
import { headObject, LockerError } from './client';

/**
 * Writing one object under Object Lock: a single PUT up to `PART_SIZE`, a multipart upload
 * beyond, resumed after an interruption (the gateway stopped, the network dropped, the process
 * was killed): the upload already begun for the key is found, its parts whose MD5 matches the
 * local bytes are kept, only the rest are sent. Every object carries its SHA-256 in metadata
 * (`sha256`), and a retention that lasts the policy's days from when the service wrote it.
 */

export const PART_SIZE = 16 * 1024 * 1024;
const PARALLEL_PARTS = 4;
const MARGIN_MS = 60 * 60_000;

/** Bytes to upload: pieces of a file and small byte arrays, read on demand. */
export type ByteSegment = { bytes: Uint8Array } | { file: string; offset: number; size: number };

export class ByteSource {
  readonly size: number;
  private readonly handles = new Map<string, Promise<FileHandle>>();

  constructor(readonly segments: readonly ByteSegment[]) {
    this.size = segments.reduce(
      (sum, part) => sum + ('bytes' in part ? part.bytes.length : part.size),
      0,
    );
  }

  /** `length` bytes from `offset` of the concatenated segments. */
  async read(offset: number, length: number): Promise<Uint8Array> {
    const out = new Uint8Array(Math.max(0, Math.min(length, this.size - offset)));
    let start = 0;
    let filled = 0;
    for (const segment of this.segments) {
      if (filled === out.length) break;
      const size = 'bytes' in segment ? segment.bytes.length : segment.size;
      const wanted = offset + filled;
      if (wanted >= start && wanted < start + size) {
        const from = wanted - start;
        const take = Math.min(size - from, out.length - filled);
        if ('bytes' in segment) out.set(segment.bytes.subarray(from, from + take), filled);
        else {
          const handle = await this.handle(segment.file);
          const { bytesRead } = await handle.read(out, filled, take, segment.offset + from);
          if (bytesRead !== take)
            throw new LockerError(`${segment.file} changed while it was being uploaded`);
        }
        filled += take;
      }
      start += size;
    }
    return out;
  }

  private handle(file: string): Promise<FileHandle> {
    let handle = this.handles.get(file);
    if (!handle) {
      handle = open(file, 'r');
      this.handles.set(file, handle);
    }
    return handle;
  }

  async close(): Promise<void> {
    for (const handle of this.handles.values()) await (await handle).close();
    this.handles.clear();
  }
}

export interface PutOptions {
  key: string;
  source: ByteSource;
  sha256: string;
  /** Null only in a locker without Object Lock (`init --accept-mutable`). */
  retention: { mode: RetentionMode; days: number } | null;
  /** Bytes of this object sent so far (parts kept from an earlier attempt count as sent). */
  onBytes?: (bytes: number) => void;
  now?: () => Date;
}

export interface PutOutcome {
  versionId: string | null;
  /** Bytes sent now; less than the size when a multipart upload was resumed. */
  sent: number;
  resumedParts: number;
}

/** What every object of a locker under `policy` is written with. */
export function retentionOf(policy: LockerPolicy): PutOptions['retention'] {
  return policy.objectLock ? { mode: policy.mode, days: policy.retentionDays } : null;
}

function lockHeaders(
  retention: NonNullable<PutOptions['retention']> | null,
  from: Date,
): { ObjectLockMode?: RetentionMode; ObjectLockRetainUntilDate?: Date } {
  if (retention === null) return {};
  return {
    ObjectLockMode: retention.mode,
    ObjectLockRetainUntilDate: retainUntil(retention, from),
  };
}

function retainUntil(retention: NonNullable<PutOptions['retention']>, from: Date): Date {
  return new Date(from.getTime() + retention.days * 86_400_000 + MARGIN_MS);
}

function md5(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

function sha256Base64(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64');
}

export async function putObject(locker: Locker, options: PutOptions): Promise<PutOutcome> {
  const now = options.now ?? (() => new Date());
  const size = options.source.size;
  if (size <= PART_SIZE) {
    const body = await options.source.read(0, size);
    const answer = await locker.s3.send(
      new PutObjectCommand({
        Bucket: locker.bucket,
        Key: options.key,
        Body: body,
        ContentLength: size,
        ContentMD5: Buffer.from(md5(body), 'hex').toString('base64'),
        ChecksumSHA256: sha256Base64(body),
        Metadata: { sha256: options.sha256 },
        ...lockHeaders(options.retention, now()),
      }),
    );
    options.onBytes?.(size);
    return { versionId: answer.VersionId ?? null, sent: size, resumedParts: 0 };
  }
  return multipart(locker, options, now);
}

const Uploads = z.object({
  Uploads: z
    .array(z.object({ Key: z.string(), UploadId: z.string(), Initiated: z.date().optional() }))
    .optional(),
});
const Parts = z.object({
  Parts: z
    .array(z.object({ PartNumber: z.number().int(), ETag: z.string(), Size: z.number().int() }))
    .optional(),
  IsTruncated: z.boolean().optional(),
  NextPartNumberMarker: z.union([z.string(), z.number()]).optional(),
});

/** The multipart upload already begun for `key`, newest first, and the parts it holds. */
async function unfinished(
  locker: Locker,
  key: string,
): Promise<{ uploadId: string; parts: Map<number, { etag: string; size: number }> } | null> {
  const listed = Uploads.parse(
    await locker.s3.send(new ListMultipartUploadsCommand({ Bucket: locker.bucket, Prefix: key })),
  );
  const upload = (listed.Uploads ?? [])
    .filter((candidate) => candidate.Key === key)
    .sort((a, b) => (b.Initiated?.getTime() ?? 0) - (a.Initiated?.getTime() ?? 0))[0];
  if (!upload) return null;
  const parts = new Map<number, { etag: string; size: number }>();
  let marker: string | undefined;
  for (;;) {
    const page = Parts.parse(
      await locker.s3.send(
        new ListPartsCommand({
          Bucket: locker.bucket,
          Key: key,
          UploadId: upload.UploadId,
          ...(marker === undefined ? {} : { PartNumberMarker: marker }),
        }),
      ),
    );
    for (const part of page.Parts ?? [])
      parts.set(part.PartNumber, { etag: part.ETag.replaceAll('"', ''), size: part.Size });
    if (!page.IsTruncated || page.NextPartNumberMarker === undefined) break;
    marker = String(page.NextPartNumberMarker);
  }
  return { uploadId: upload.UploadId, parts };
}

async function multipart(
  locker: Locker,
  options: PutOptions,
  now: () => Date,
): Promise<PutOutcome> {
  const { key, source } = options;
  const count = Math.ceil(source.size / PART_SIZE);
  const earlier = await unfinished(locker, key);
  const uploadId =
    earlier?.uploadId ??
    (
      await locker.s3.send(
        new CreateMultipartUploadCommand({
          Bucket: locker.bucket,
          Key: key,
          Metadata: { sha256: options.sha256 },
          ...lockHeaders(options.retention, now()),
        }),
      )
    ).UploadId;
  if (!uploadId) throw new LockerError(`${key}: the service began no upload`);
  const etags: string[] = new Array<string>(count);
  let done = 0;
  let sent = 0;
  let resumedParts = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const index = next;
      next += 1;
      if (index >= count) return;
      const offset = index * PART_SIZE;
      const bytes = await source.read(offset, PART_SIZE);
      const digest = md5(bytes);
      const kept = earlier?.parts.get(index + 1);
      if (kept && kept.size === bytes.length && kept.etag === digest) {
        etags[index] = digest;
        resumedParts += 1;
      } else {
        const answer = await locker.s3.send(
          new UploadPartCommand({
            Bucket: locker.bucket,
            Key: key,
            UploadId: uploadId,
            PartNumber: index + 1,
            Body: bytes,
            ContentLength: bytes.length,
            ContentMD5: Buffer.from(digest, 'hex').toString('base64'),
          }),
        );
        const etag = answer.ETag?.replaceAll('"', '');
        if (etag !== digest) throw new LockerError(`${key}: part ${index + 1} arrived damaged`);
        etags[index] = digest;
        sent += bytes.length;
      }
      done += bytes.length;
      options.onBytes?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_PARTS, count) }, worker));
  const completed = await locker.s3.send(
    new CompleteMultipartUploadCommand({
      Bucket: locker.bucket,
      Key: key,
      UploadId: uploadId,
      MultipartUpload: {
        Parts: etags.map((etag, index) => ({ ETag: `"${etag}"`, PartNumber: index + 1 })),
      },
    }),
  );
  const versionId = completed.VersionId ?? null;
  // Retention was set when the upload began; the service dates the object when it completes,
  // perhaps much later: extend the retention to the policy's days from then.
  const retention = options.retention;
  const head = retention === null ? null : await headObject(locker, key, versionId ?? undefined);
  if (
    retention !== null &&
    head !== null &&
    (!head.retention || head.retention.retainUntil < retainUntil(retention, head.lastModified))
  ) {
    await locker.s3.send(
      new PutObjectRetentionCommand({
        Bucket: locker.bucket,
        Key: key,
        ...(versionId ? { VersionId: versionId } : {}),
        Retention: {
          Mode: retention.mode,
          RetainUntilDate: retainUntil(retention, head.lastModified),
        },
      }),
    );
  }
  return { versionId, sent, resumedParts };
}
