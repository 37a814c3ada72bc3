import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ContentCheck, LockerCheck, ObservedVersion } from '../../../core/locker/check';
import { checkLocker } from '../../../core/locker/check';
import { readHeader } from '../../../core/locker/bundle-object';
import { parseLockerKey, POLICY_KEY } from '../../../core/locker/layout';
import { LockerPolicy } from '../../../core/locker/policy';
import type { ListedVersion, Locker } from './client';
import { describeLockerError, listVersions, objectRetention, readObject } from './client';
import type { BundleTrust } from './bundles';
import { fetchBundle } from './read-bundle';
import { requirePolicy } from './push';

/**
 * `locker verify`: every object and every version in the bucket. Each version's retention is
 * read from the service and held to the policy; the first version of each key (what was pushed;
 * any later one is an overwrite) is read back in full: a blob must hash to its key, the policy
 * must be a policy, and a bundle must go back together from its blobs into the very file that
 * was pushed and verify as a bundle (signatures under the trust rule). The rules themselves are
 * core/locker/check.ts.
 */

export interface VerifyProgress {
  versions: number;
  checked: number;
}

const PARALLEL = 8;

async function blobContent(
  locker: Locker,
  version: ListedVersion,
  sha256: string,
): Promise<ContentCheck> {
  const hash = createHash('sha256');
  for await (const chunk of readObject(locker, version.key, version.versionId)) hash.update(chunk);
  return hash.digest('hex') === sha256
    ? { ok: true, kind: 'blob' }
    : { ok: false, problem: 'the content does not hash to the name it is stored under' };
}

async function policyContent(locker: Locker, version: ListedVersion): Promise<ContentCheck> {
  const parts: Buffer[] = [];
  for await (const chunk of readObject(locker, version.key, version.versionId))
    parts.push(Buffer.from(chunk));
  try {
    return LockerPolicy.safeParse(JSON.parse(Buffer.concat(parts).toString('utf8'))).success
      ? { ok: true, kind: 'policy' }
      : { ok: false, problem: 'not a locker policy' };
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
}

async function bundleContent(
  locker: Locker,
  version: ListedVersion,
  blobs: ReadonlyMap<string, string>,
  trust: BundleTrust,
  scratch: string,
): Promise<ContentCheck> {
  const { header } = await readHeader(readObject(locker, version.key, version.versionId));
  const held = header.blobs.map((blob) => blob.sha256);
  // A missing blob is reported once, as missing (check.ts); the rest is checked when all are there.
  if (held.some((sha256) => !blobs.has(sha256))) return { ok: true, kind: 'bundle', blobs: held };
  const target = path.join(scratch, `${version.versionId.replace(/[^A-Za-z0-9]/g, '_')}.bundle`);
  try {
    await fetchBundle(locker, version.key, target, {
      trust,
      versionId: version.versionId,
      blobVersion: (sha256) => blobs.get(sha256),
    });
    return { ok: true, kind: 'bundle', blobs: held };
  } catch (error) {
    return { ok: false, problem: describeLockerError(error, locker.where) };
  } finally {
    await rm(target, { force: true });
  }
}

export async function verifyLocker(
  locker: Locker,
  options: {
    trust: BundleTrust;
    /** A locker without Object Lock (`init --accept-mutable`) is then a note, not a problem. */
    acceptMutable?: boolean;
    onProgress?: (progress: VerifyProgress) => void;
  },
): Promise<LockerCheck & { policy: LockerPolicy; notes: string[] }> {
  const policy = await requirePolicy(locker);
  const listed: ListedVersion[] = [];
  for await (const version of listVersions(locker)) listed.push(version);
  const firsts = new Map<string, ListedVersion>();
  for (const version of listed) {
    const first = firsts.get(version.key);
    if (!first || version.lastModified < first.lastModified) firsts.set(version.key, version);
  }
  // The version of each blob that was first written: the one bundles are put back together from.
  const blobs = new Map<string, string>();
  for (const [key, version] of firsts) {
    const parsed = parseLockerKey(key);
    if (parsed?.type === 'blob' && !version.deleteMarker)
      blobs.set(parsed.sha256, version.versionId);
  }
  const scratch = await mkdtemp(path.join(tmpdir(), 'demo-ledger-locker-verify-'));
  const observed: ObservedVersion[] = [];
  let checked = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let version = listed[next++]; version !== undefined; version = listed[next++]) {
      const retention =
        version.deleteMarker || !policy.objectLock
          ? null
          : await objectRetention(locker, version.key, version.versionId);
      let content: ContentCheck | null = null;
      if (!version.deleteMarker && firsts.get(version.key) === version) {
        const parsed = parseLockerKey(version.key);
        try {
          if (parsed?.type === 'blob') content = await blobContent(locker, version, parsed.sha256);
          else if (parsed?.type === 'policy') content = await policyContent(locker, version);
          else if (parsed?.type === 'bundle')
            content = await bundleContent(locker, version, blobs, options.trust, scratch);
        } catch (error) {
          content = { ok: false, problem: describeLockerError(error, locker.where) };
        }
      }
      observed.push({
        key: version.key,
        versionId: version.versionId,
        lastModified: version.lastModified,
        size: version.size,
        deleteMarker: version.deleteMarker,
        retention,
        content,
      });
      checked += 1;
      options.onProgress?.({ versions: listed.length, checked });
    }
  };
  try {
    await Promise.all(Array.from({ length: PARALLEL }, worker));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const check = checkLocker(policy, observed);
  const notes: string[] = [];
  if (!policy.objectLock) {
    const mutable =
      'this locker has no Object Lock: nothing stops what it holds from being deleted or overwritten';
    if (options.acceptMutable) notes.push(mutable);
    else check.problems.unshift({ key: POLICY_KEY, versionId: null, problem: mutable });
  }
  return { ...check, ok: check.problems.length === 0, policy, notes };
}
