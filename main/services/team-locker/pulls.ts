import { randomUUID } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import type { LockerBundleEntry, PulledBundle } from '../../../core/locker/app';
import { PULL_CHUNK_BYTES } from '../../../core/locker/app';
import { BUNDLE_PREFIX, parseLockerKey } from '../../../core/locker/layout';
import type { Locker } from '../locker/client';
import { describeLockerError, listObjects } from '../locker/client';
import type { BundleTrust } from '../locker/bundles';
import { fetchBundle } from '../locker/read-bundle';
import { makePrivateFolder } from '../files';

/**
 * Teammates' bundles: the listing (keys only, parsed by the layout's own rule), and a pull, which
 * is `fetchBundle` (the code of `locker pull`: each file checked against its hash, the whole
 * bundle against the SHA-256 pushed, then verified as its kind under the trust rule) into main's
 * scratch folder. The window then reads the verified file in pieces and checks it again as any
 * imported bundle before anything is stored. Pulled files are removed when read or replaced.
 */

/** A request to the locker the person asked for (list, pull, verify) that failed, in words. */
export class LockerRequestError extends Error {
  override readonly name = 'LockerRequestError';
}

const MAX_LISTED = 5_000;

export async function listLockerBundles(
  locker: Locker,
  ours: ReadonlySet<string>,
): Promise<LockerBundleEntry[]> {
  const bundles: LockerBundleEntry[] = [];
  for await (const object of listObjects(locker, BUNDLE_PREFIX)) {
    const parsed = parseLockerKey(object.key);
    if (parsed?.type !== 'bundle') continue;
    bundles.push({
      key: object.key,
      kind: parsed.kind,
      scope: parsed.scope,
      createdAt: parsed.createdAt.toISOString(),
      size: object.size,
      ours: ours.has(object.key),
    });
    if (bundles.length >= MAX_LISTED) break;
  }
  return bundles.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export class Pulls {
  private readonly pulled = new Map<string, PulledBundle & { file: string }>();

  constructor(private readonly folder: string) {}

  async pull(locker: Locker, key: string, trust: BundleTrust): Promise<PulledBundle> {
    const parsed = parseLockerKey(key);
    if (parsed?.type !== 'bundle')
      throw new LockerRequestError('That is not a bundle in the locker.');
    await makePrivateFolder(this.folder);
    const pullId = randomUUID();
    const fileName = key.slice(key.lastIndexOf('/') + 1);
    const file = path.join(this.folder, `${pullId}${parsed.extension}`);
    try {
      const { bundle } = await fetchBundle(locker, key, file, { trust });
      const entry = {
        pullId,
        key,
        fileName,
        size: bundle.size,
        sha256: bundle.sha256,
        signers: bundle.signers,
        file,
      };
      this.pulled.set(pullId, entry);
      const { file: _file, ...pulled } = entry;
      return pulled;
    } catch (error) {
      throw new LockerRequestError(
        `${fileName} was not pulled: ${describeLockerError(error, locker.where)} Nothing was stored.`,
      );
    }
  }

  /** Up to `PULL_CHUNK_BYTES` of a pulled file from `offset`; the last read removes it. */
  async read(pullId: string, offset: number): Promise<Uint8Array<ArrayBuffer>> {
    const entry = this.pulled.get(pullId);
    if (!entry)
      throw new LockerRequestError('This pulled bundle is no longer available; pull it again.');
    const length = Math.max(0, Math.min(PULL_CHUNK_BYTES, entry.size - offset));
    const bytes = new Uint8Array(length);
    const handle = await open(entry.file, 'r');
    try {
      await handle.read(bytes, 0, length, offset);
    } finally {
      await handle.close();
    }
    if (offset + length >= entry.size) {
      this.pulled.delete(pullId);
      await rm(entry.file, { force: true });
    }
    return bytes;
  }
}
