import { existsSync } from 'node:fs';
import path from 'node:path';
import { BUNDLE_PREFIX, parseLockerKey } from '../../../core/locker/layout';
import type { Locker } from './client';
import { describeLockerError, listObjects } from './client';
import type { BundleTrust } from './bundles';
import { fetchBundle } from './read-bundle';
import { requirePolicy } from './push';

/**
 * `locker pull --out DIR [--since TIME]`: every bundle in the locker that DIR does not hold yet,
 * put back together and verified before it is written (read-bundle.ts), filed as in the locker:
 * `DIR/<kind>/<scope>/<time>-<id><ext>`. A bundle that fails is named with the reason and
 * nothing of it is kept; the others are still pulled.
 */

export interface PullOutcome {
  pulled: { key: string; file: string; signers: string[] }[];
  alreadyHere: number;
  failed: { key: string; problem: string }[];
}

export async function pullBundles(
  locker: Locker,
  out: string,
  options: {
    trust: BundleTrust;
    since?: Date;
    onBundle?: (key: string, index: number, total: number) => void;
  },
): Promise<PullOutcome> {
  await requirePolicy(locker);
  const wanted: { key: string; file: string }[] = [];
  let alreadyHere = 0;
  for await (const object of listObjects(locker, BUNDLE_PREFIX)) {
    const parsed = parseLockerKey(object.key);
    if (parsed?.type !== 'bundle') continue;
    if (options.since && parsed.createdAt < options.since) continue;
    const file = path.join(out, ...object.key.slice(BUNDLE_PREFIX.length).split('/'));
    if (existsSync(file)) alreadyHere += 1;
    else wanted.push({ key: object.key, file });
  }
  const outcome: PullOutcome = { pulled: [], alreadyHere, failed: [] };
  for (const [index, { key, file }] of wanted.entries()) {
    options.onBundle?.(key, index, wanted.length);
    try {
      const { bundle } = await fetchBundle(locker, key, file, { trust: options.trust });
      outcome.pulled.push({ key, file, signers: bundle.signers });
    } catch (error) {
      outcome.failed.push({ key, problem: describeLockerError(error, locker.where) });
    }
  }
  return outcome;
}
