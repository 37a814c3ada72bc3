import { createHash } from 'node:crypto';
import path from 'node:path';
import type { BundleObjectHeader } from '../../../core/locker/bundle-object';
import { encodeHeader, keptRanges } from '../../../core/locker/bundle-object';
import { blobKey, bundleKey } from '../../../core/locker/layout';
import type { LockerPolicy } from '../../../core/locker/policy';
import type { Locker } from './client';
import { headObject, LockerError } from './client';
import type { BundleTrust, LocalBundle } from './bundles';
import { readLocalBundle } from './bundles';
import { readPolicy } from './init';
import type { ByteSegment } from './upload';
import { ByteSource, putObject, retentionOf } from './upload';

/**
 * `locker push FILE`: the bundle is verified in full first (signatures under the trust rule),
 * then each blob it holds is uploaded unless the locker has it already (HEAD first: content is
 * stored once, whoever pushed it), then the bundle itself without its blobs. Pushing the same
 * bundle again uploads nothing.
 */

export interface PushProgress {
  phase: 'checking' | 'blobs' | 'bundle';
  /** Bytes sent or found already stored, of `total`, in this phase. */
  done: number;
  total: number;
}

export interface PushOutcome {
  key: string;
  bundle: LocalBundle;
  blobs: { total: number; uploaded: number; alreadyStored: number };
  bundleUploaded: boolean;
  /** Bytes sent to the service (parts kept from an interrupted push are not sent again). */
  bytesSent: number;
  resumedParts: number;
}

export class PushRefused extends LockerError {}

const PARALLEL_BLOBS = 4;

/** The locker's policy; a bucket `init` never set up is not a locker. */
export async function requirePolicy(locker: Locker): Promise<LockerPolicy> {
  const policy = await readPolicy(locker);
  if (policy === null)
    throw new LockerError(
      `${locker.where} is not a team locker yet (no demo-ledger/locker.json): run \`demo-ledger locker init\``,
    );
  return policy;
}

function headerOf(bundle: LocalBundle): BundleObjectHeader {
  return {
    format: 'demo-ledger-locker-bundle',
    version: 1,
    name: path.basename(bundle.file).slice(0, 255),
    size: bundle.size,
    sha256: bundle.sha256,
    kind: bundle.kind,
    blobs: bundle.blobs,
  };
}

/** The stored object's bytes: the header line, then the file outside its blobs. */
export function bundleObjectSource(bundle: LocalBundle): ByteSource {
  const header = headerOf(bundle);
  const segments: ByteSegment[] = [{ bytes: encodeHeader(header) }];
  for (const range of keptRanges(header))
    segments.push({ file: bundle.file, offset: range.offset, size: range.size });
  return new ByteSource(segments);
}

export function keyOf(bundle: LocalBundle): string {
  return bundleKey({
    kind: bundle.kind,
    scope: bundle.scope,
    createdAt: bundle.createdAt,
    // The content's hash too: a bundle carries its reviews, so the same bundle id comes back
    // with new content, which must not write over the earlier one.
    id: `${bundle.id}-${bundle.sha256.slice(0, 16)}`,
    extension: bundle.extension,
  });
}

async function sha256Of(source: ByteSource): Promise<string> {
  const hash = createHash('sha256');
  for (let offset = 0; offset < source.size; offset += 8 * 1024 * 1024)
    hash.update(await source.read(offset, 8 * 1024 * 1024));
  return hash.digest('hex');
}

export async function pushBundle(
  locker: Locker,
  file: string,
  options: { trust: BundleTrust; onProgress?: (progress: PushProgress) => void; now?: () => Date },
): Promise<PushOutcome> {
  const policy = await requirePolicy(locker);
  options.onProgress?.({ phase: 'checking', done: 0, total: 0 });
  const bundle = await readLocalBundle(file, options.trust);
  if (bundle.problems.length > 0)
    throw new PushRefused(`${path.basename(file)} was not pushed: ${bundle.problems.join('; ')}`);
  const retention = retentionOf(policy);
  const unique = new Map(bundle.blobs.map((blob) => [blob.sha256, blob]));
  const total = [...unique.values()].reduce((sum, blob) => sum + blob.size, 0);
  let done = 0;
  let bytesSent = 0;
  let resumedParts = 0;
  let uploaded = 0;
  const blobs = [...unique.values()];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let blob = blobs[next++]; blob !== undefined; blob = blobs[next++]) {
      const key = blobKey(blob.sha256);
      const stored = await headObject(locker, key);
      if (stored !== null) {
        if (stored.size !== blob.size || stored.metadata['sha256'] !== blob.sha256)
          throw new LockerError(
            `the locker's ${key} is not the content its name says (run \`demo-ledger locker verify\`)`,
          );
        done += blob.size;
        options.onProgress?.({ phase: 'blobs', done, total });
        continue;
      }
      const source = new ByteSource([{ file, offset: blob.offset, size: blob.size }]);
      let counted = 0;
      try {
        const outcome = await putObject(locker, {
          key,
          source,
          sha256: blob.sha256,
          retention,
          onBytes: (bytes) => {
            done += bytes - counted;
            counted = bytes;
            options.onProgress?.({ phase: 'blobs', done, total });
          },
          ...(options.now ? { now: options.now } : {}),
        });
        bytesSent += outcome.sent;
        resumedParts += outcome.resumedParts;
        uploaded += 1;
      } finally {
        await source.close();
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_BLOBS }, worker));

  const key = keyOf(bundle);
  const source = bundleObjectSource(bundle);
  try {
    const sha256 = await sha256Of(source);
    const stored = await headObject(locker, key);
    let bundleUploaded = false;
    if (stored === null) {
      const outcome = await putObject(locker, {
        key,
        source,
        sha256,
        retention,
        onBytes: (bytes) =>
          options.onProgress?.({ phase: 'bundle', done: bytes, total: source.size }),
        ...(options.now ? { now: options.now } : {}),
      });
      bytesSent += outcome.sent;
      resumedParts += outcome.resumedParts;
      bundleUploaded = true;
    } else if (stored.metadata['sha256'] !== sha256) {
      throw new LockerError(
        `the locker's ${key} holds other content than this bundle (run \`demo-ledger locker verify\`)`,
      );
    }
    return {
      key,
      bundle,
      blobs: { total: unique.size, uploaded, alreadyStored: unique.size - uploaded },
      bundleUploaded,
      bytesSent,
      resumedParts,
    };
  } finally {
    await source.close();
  }
}
