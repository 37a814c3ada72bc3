import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BundleObjectHeader } from '../../../core/locker/bundle-object';
import { BundleObjectError, readHeader, reassemble } from '../../../core/locker/bundle-object';
import { blobKey } from '../../../core/locker/layout';
import type { Locker } from './client';
import { LockerError, readObject } from './client';
import type { BundleTrust, LocalBundle } from './bundles';
import { readLocalBundle } from './bundles';

/**
 * Getting a bundle back out of the locker: its stored object and each of its blobs (each checked
 * against the hash its key names as it streams), put together into the original file in a
 * temporary file beside `target`, whose SHA-256 must be the one the object's header states and
 * which must then verify as a bundle under the trust rule. Only then does it take its name.
 */

/** A blob's content, streamed and checked against its key: a mismatch throws at its end. */
export async function* verifiedBlob(
  locker: Locker,
  sha256: string,
  versionId?: string,
): AsyncIterable<Uint8Array> {
  const hash = createHash('sha256');
  for await (const chunk of readObject(locker, blobKey(sha256), versionId)) {
    hash.update(chunk);
    yield chunk;
  }
  if (hash.digest('hex') !== sha256)
    throw new LockerError(`blob ${sha256} is not the content its name says`);
}

export interface FetchedBundle {
  header: BundleObjectHeader;
  bundle: LocalBundle;
}

/**
 * Writes the bundle stored at `key` to `target`, verified; nothing is left at `target` (or
 * beside it) when it is not. `blobVersion(sha256)` picks which version of each blob to read.
 */
export async function fetchBundle(
  locker: Locker,
  key: string,
  target: string,
  options: {
    trust: BundleTrust;
    versionId?: string;
    blobVersion?: (sha256: string) => string | undefined;
  },
): Promise<FetchedBundle> {
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomUUID()}.part`,
  );
  try {
    const { header, rest } = await readHeader(readObject(locker, key, options.versionId));
    const hash = createHash('sha256');
    const bytes = reassemble(header, rest, (sha256) =>
      verifiedBlob(locker, sha256, options.blobVersion?.(sha256)),
    );
    async function* hashed(): AsyncIterable<Uint8Array> {
      for await (const chunk of bytes) {
        hash.update(chunk);
        yield chunk;
      }
    }
    await pipeline(Readable.from(hashed()), createWriteStream(temporary, { mode: 0o600 }));
    if (hash.digest('hex') !== header.sha256)
      throw new LockerError(
        `${key}: put back together, the bundle is not the file that was pushed`,
      );
    const bundle = await readLocalBundle(temporary, options.trust);
    if (bundle.problems.length > 0) throw new LockerError(`${key}: ${bundle.problems.join('; ')}`);
    await rename(temporary, target);
    return { header, bundle: { ...bundle, file: target } };
  } catch (error) {
    await rm(temporary, { force: true });
    if (error instanceof BundleObjectError) throw new LockerError(`${key}: ${error.message}`);
    throw error;
  }
}
