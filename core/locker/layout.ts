import { z } from 'zod';
import { SHA256_HEX, sha256Hex } from '../util/hash';

/**
 * Where things live in a team locker: a bucket of an S3 service with Object Lock (AWS S3, Ceph
 * RGW, MinIO ...), addressed path-style. Every object is written once, under retention.
 *
 *   demo-ledger/locker.json                      the locker's policy (mode, retention days)
 *   blobs/sha256/ab/cd/<sha256>                  a file's content, named by its SHA-256
 *   bundles/<kind>/<scope>/<time>-<id><ext>      a bundle without its blobs (bundle-object.ts)
 *
 * `kind` is `audit` (audit bundles, scope = the workspace id) or `evidence` (evidence bundles
 * from `demo-ledger collect`, scope = the repository); `time` is the bundle's own creation time,
 * `20261127T100500Z`, so keys sort by it and a second push of the same bundle finds its key.
 */

export const LOCKER_LAYOUT_VERSION = 1;
export const POLICY_KEY = 'demo-ledger/locker.json';
export const BLOB_PREFIX = 'blobs/sha256/';
export const BUNDLE_PREFIX = 'bundles/';

export const LockerBundleKind = z.enum(['audit', 'evidence']);
export type LockerBundleKind = z.infer<typeof LockerBundleKind>;

export function blobKey(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256 digest: ${sha256.slice(0, 80)}`);
  return `${BLOB_PREFIX}${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

const SAFE_SEGMENT = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * A scope as one key segment: kept as it is when it is already safe (a workspace id), else its
 * safe characters with `_` for the others and a hash of the original, so two repositories that
 * differ only in unsafe characters never share a folder (`acme/pay` → `acme_pay-1c3f0a9b`).
 */
export function scopeSegment(scope: string): string {
  if (SAFE_SEGMENT.test(scope) && scope !== '.' && scope !== '..') return scope;
  const safe = scope.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80) || 'scope';
  return `${safe}-${sha256Hex(scope).slice(0, 8)}`;
}

/** `20261127T100500Z`: sortable, and safe in a key. */
export function keyTime(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

export interface BundleKeyParts {
  kind: LockerBundleKind;
  scope: string;
  createdAt: Date;
  id: string;
  /** `.dlbundle`, `.dlevidence` */
  extension: string;
}

export function bundleKey(parts: BundleKeyParts): string {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(parts.id))
    throw new Error('a bundle id is letters, digits and dashes');
  if (!/^\.[a-z]{1,16}$/.test(parts.extension))
    throw new Error('a bundle extension is like .dlbundle');
  return `${BUNDLE_PREFIX}${parts.kind}/${scopeSegment(parts.scope)}/${keyTime(parts.createdAt)}-${parts.id}${parts.extension}`;
}

export type LockerKey =
  | { type: 'policy' }
  | { type: 'blob'; sha256: string }
  | {
      type: 'bundle';
      kind: LockerBundleKind;
      scope: string;
      createdAt: Date;
      id: string;
      extension: string;
    };

const BLOB_KEY = /^blobs\/sha256\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/;
const BUNDLE_KEY =
  /^bundles\/(audit|evidence)\/([A-Za-z0-9._-]{1,100})\/(\d{8})T(\d{6})Z-([A-Za-z0-9-]{1,64})(\.[a-z]{1,16})$/;

/** What a key names, or null for a key this layout never writes. */
export function parseLockerKey(key: string): LockerKey | null {
  if (key === POLICY_KEY) return { type: 'policy' };
  const blob = BLOB_KEY.exec(key);
  if (blob) {
    const [, a, b, sha256 = ''] = blob;
    return sha256.startsWith(`${a}${b}`) ? { type: 'blob', sha256 } : null;
  }
  const bundle = BUNDLE_KEY.exec(key);
  if (!bundle) return null;
  const [, kind = '', scope = '', day = '', time = '', id = '', extension = ''] = bundle;
  const createdAt = new Date(
    `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}Z`,
  );
  if (Number.isNaN(createdAt.getTime())) return null;
  return { type: 'bundle', kind: LockerBundleKind.parse(kind), scope, createdAt, id, extension };
}
