import { z } from 'zod';
import { SHA256_HEX } from '../util/hash';
import { BundleScope } from './scope';

/**
 * What an audit bundle's manifest says beyond an archive's: which slice it holds, who is to
 * sign it, and, for a review, exactly which signed bundle it reviews. The manifest is what the
 * signature covers, so these statements are signed too.
 */

const Sha256Hex = z.string().regex(SHA256_HEX, 'expected a SHA-256 hex digest');

/** The certificate the bundle is to be signed with; the signature must be by this one. */
export const BundleSigner = z.strictObject({
  fingerprint: Sha256Hex,
  commonName: z.string().max(300),
});
export type BundleSigner = z.infer<typeof BundleSigner>;

/** A signed manifest, pinned by the SHA-256 of its bytes and of its signature. */
export const SignedManifestRef = z.strictObject({
  manifestSha256: Sha256Hex,
  signatureSha256: Sha256Hex,
});
export type SignedManifestRef = z.infer<typeof SignedManifestRef>;

export const ReviewBinding = z.strictObject({
  number: z.number().int().min(1).max(999_999),
  /** The bundle as the exporting auditor signed it. */
  original: SignedManifestRef,
  /** The review before this one, when the bundle had been reviewed already. */
  previous: SignedManifestRef.nullable(),
});
export type ReviewBinding = z.infer<typeof ReviewBinding>;

export const BundleInfo = z.strictObject({
  /** Stays the same through every review of the bundle. */
  id: z.uuid(),
  title: z.string().max(300),
  scope: BundleScope,
  workspace: z.strictObject({ id: z.uuid(), name: z.string().max(200) }),
  signer: BundleSigner,
  /** Null in the bundle as exported; set in each review archive it carries. */
  review: ReviewBinding.nullable(),
});
export type BundleInfo = z.infer<typeof BundleInfo>;

export const BUNDLE_EXTENSION = '.dlbundle';

/** `reviews/000001.dlbundle`: the n-th review, a complete signed bundle archive of its own. */
export function reviewPath(number: number): string {
  return `reviews/${String(number).padStart(6, '0')}${BUNDLE_EXTENSION}`;
}

export const REVIEW_PATH = /^reviews\/(\d{6})\.dlbundle$/;

/** `demo-ledger-bundle-sprint-14-20261126T120000Z.dlbundle`: says what, sorts by when. */
export function bundleFileName(title: string, at: Date, review = false): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  const slug =
    title
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|(?<!-)-+$/g, '')
      .toLowerCase()
      .slice(0, 60) || 'slice';
  return `demo-ledger-${review ? 'review' : 'bundle'}-${slug}-${stamp}${BUNDLE_EXTENSION}`;
}
