import { SIGNATURE_PATH } from '../../core/archive/format';
import { verifyArchive } from '../../core/archive/verify';
import type { BundleSigner, ReviewBinding } from '../../core/bundle/manifest';
import { reviewPath } from '../../core/bundle/manifest';
import type { Manifest } from '../../core/archive/format';
import type { BundleScope } from '../../core/bundle/scope';
import { signManifest } from '../../core/bundle/signature';
import type { PreparedSlice } from '../../core/bundle/slice';
import { prepareSlice, writeBundle } from '../../core/bundle/slice';
import type { ChainHead } from '../../core/audit/chain';
import type { IdentityMaterial } from '../../core/signing/keys';
import { importSigningKey } from '../../core/signing/keys';
import type { Signer } from '../../core/signing/signer';
import { webCryptoSigner } from '../../core/signing/signer';
import { sha256, toHex } from '../../core/signing/der';
import type { MemoryLedger } from './bundle-ledger';
import { appendToArchive } from './bundle-ledger';
import { memorySink } from './ledger';

/** Bundles made in memory the way the app and main make them, for core and CLI tests. */

export async function signerOf(identity: IdentityMaterial): Promise<Signer> {
  return webCryptoSigner(
    await importSigningKey(identity.privateKey.slice()),
    identity.certificate,
    identity.chain,
  );
}

export async function declaredSigner(
  identity: IdentityMaterial,
  commonName: string,
): Promise<BundleSigner> {
  return { fingerprint: toHex(await sha256(identity.certificate)), commonName };
}

export const BUNDLE_ID = '00000000-0000-4000-8000-0000000b0001';

/** An unsigned bundle archive of `scope` (or a review, with `since` and `review`). */
export async function unsignedBundle(
  ledger: MemoryLedger,
  scope: BundleScope,
  signer: BundleSigner,
  options: { since?: ChainHead; review?: ReviewBinding; createdBy?: string } = {},
): Promise<{ bytes: Uint8Array<ArrayBuffer>; manifest: Manifest; prepared: PreparedSlice }> {
  const sink = memorySink();
  const prepared = await prepareSlice(scope, ledger.store(), ledger.reader(), {
    bundleId: BUNDLE_ID,
    since: options.since ?? null,
  });
  const manifest = await writeBundle(prepared, sink, {
    id: BUNDLE_ID,
    signer,
    review: options.review ?? null,
    createdAt: new Date('2026-11-27T10:00:00.000Z'),
    createdBy: options.createdBy ?? ledger.actor,
    app: { name: 'Demo Ledger', version: '0.1.0' },
    database: { name: 'demo-ledger', schemaVersion: 12 },
    describe: (table) => ledger.describe(table),
  });
  return { bytes: sink.bytes(), manifest, prepared };
}

/** Appends a detached signature over the archive's manifest, as `bundle:finish` does. */
export async function signArchive(
  bytes: Uint8Array<ArrayBuffer>,
  signer: Signer,
): Promise<Uint8Array<ArrayBuffer>> {
  const verdict = await verifyArchive(new Blob([bytes]).stream());
  if (!verdict.manifestBytes) throw new Error(verdict.problems.join('; '));
  const signature = await signManifest(
    verdict.manifestBytes,
    signer,
    new Date('2026-11-27T10:05:00.000Z'),
  );
  return appendToArchive(bytes, SIGNATURE_PATH, signature);
}

/** The reviewed bundle: the signed original, then the signed review as entry `reviews/<n>`. */
export function withReview(
  original: Uint8Array,
  review: Uint8Array,
  number = 1,
): Uint8Array<ArrayBuffer> {
  return appendToArchive(original, reviewPath(number), review);
}
