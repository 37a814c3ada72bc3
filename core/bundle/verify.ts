import { canonicalJson } from '../audit/canonical';
import type { ArchiveVerdict } from '../archive/verify';
import { verifyArchive } from '../archive/verify';
import type { TarEntry } from '../archive/tar';
import type { Sha256Factory } from '../util/hash';
import { createSha256, sha256Hex } from '../util/hash';
import { withProgress } from '../util/progress';
import type { BundleInfo, BundleSigner, SignedManifestRef } from './manifest';
import type { SignatureChecker } from './signature';
import type { SignatureCheck } from '../signing/detached';

/**
 * Verifies an audit bundle completely before anything of it is used: the archive (every hash,
 * the chain segment, every record against it), the exporter's signature over manifest.json and
 * that it is by the certificate the manifest names, then each review: a bundle archive of its
 * own, signed by its reviewer, bound to the original signed manifest (and to the review before
 * it). Both kinds of signature verify independently: the original bytes are never rewritten.
 */

export interface SignatureVerdict extends SignatureCheck {
  /** The certificate the manifest says signs it. */
  declaredSigner: BundleSigner | null;
  /** The signature is by that certificate. */
  signerMatches: boolean;
}

export interface ReviewVerdict {
  number: number;
  ok: boolean;
  problems: string[];
  entry: TarEntry;
  archive: ArchiveVerdict;
  info: BundleInfo | null;
  signature: SignatureVerdict | null;
  /** SHA-256 of the review's manifest and signature, for the next review to bind to. */
  ref: SignedManifestRef | null;
}

export interface BundleVerdict {
  /** Intact and validly signed throughout (trust is reported apart, in `trusted`). */
  ok: boolean;
  /** Every signature's certificate leads to a trusted one. */
  trusted: boolean;
  problems: string[];
  /** The bundle as exported (its entries, manifest, chain). */
  archive: ArchiveVerdict;
  info: BundleInfo | null;
  signature: SignatureVerdict | null;
  reviews: ReviewVerdict[];
  /** The exporter's signed manifest, as reviews bind to it. */
  original: SignedManifestRef | null;
  /** SHA-256 of the whole file. */
  fileSha256: string;
}

export interface VerifyBundleOptions {
  createSha256?: Sha256Factory;
  /** Reports progress through the file's first pass. */
  onBytes?: (bytes: number, total: number) => void;
}

export function signedRef(manifest: Uint8Array, signature: Uint8Array): SignedManifestRef {
  return { manifestSha256: sha256Hex(manifest), signatureSha256: sha256Hex(signature) };
}

/**
 * The file as a stream that also hashes it whole (and reports progress), so one pass both
 * verifies the archive and gives the file's SHA-256; `fileSha256` is ready once it was read.
 */
export function hashedStream(
  file: Blob,
  options: VerifyBundleOptions,
): { stream: ReadableStream<Uint8Array>; fileSha256: () => string } {
  const whole = (options.createSha256 ?? createSha256)();
  const hashed = file.stream().pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        whole.update(chunk);
        controller.enqueue(chunk);
      },
    }),
  );
  return {
    stream: options.onBytes ? withProgress(hashed, file.size, options.onBytes) : hashed,
    fileSha256: () => whole.hex(),
  };
}

export async function verifyBundle(
  file: Blob,
  check: SignatureChecker,
  options: VerifyBundleOptions = {},
): Promise<BundleVerdict> {
  const hashing = options.createSha256 ? { createSha256: options.createSha256 } : {};
  const { stream, fileSha256: wholeSha256 } = hashedStream(file, options);
  const archive = await verifyArchive(stream, hashing);
  const fileSha256 = wholeSha256();
  const info = archive.manifest?.bundle ?? null;
  const verdict: BundleVerdict = {
    ok: false,
    trusted: false,
    problems: [],
    archive,
    info,
    signature: null,
    reviews: [],
    original: null,
    fileSha256,
  };
  if (archive.marker !== null && archive.marker.kind !== 'bundle') {
    verdict.problems.push(
      'This is a backup, not an audit bundle: restore it in Settings → Backups instead.',
    );
    return verdict;
  }
  if (!archive.ok || info === null || archive.manifestBytes === null) {
    verdict.problems.push(...archive.problems);
    if (verdict.problems.length === 0) verdict.problems.push('This is not an audit bundle.');
    return verdict;
  }
  verdict.signature = await checkSigned(
    archive,
    info.signer,
    check,
    'The bundle is not signed.',
    verdict.problems,
  );
  if (archive.signature !== null) {
    verdict.original = signedRef(archive.manifestBytes, archive.signature);
  }
  let previous: SignedManifestRef | null = null;
  for (const [index, entry] of archive.reviews.entries()) {
    const review = await verifyReview(
      file,
      entry,
      index + 1,
      info,
      verdict.original,
      previous,
      check,
      hashing,
    );
    verdict.reviews.push(review);
    verdict.problems.push(
      ...review.problems.map((problem) => `Review ${review.number}: ${problem}`),
    );
    previous = review.ref;
  }
  verdict.ok = verdict.problems.length === 0;
  const signatures = [verdict.signature, ...verdict.reviews.map((review) => review.signature)];
  verdict.trusted = signatures.every((signature) => signature?.trust.trusted === true);
  return verdict;
}

/**
 * Checks the detached signature over a manifest and that it is by the certificate the manifest
 * declares; every problem goes to `problems` as a sentence. Null when there is no signature.
 */
export async function checkSigned(
  signed: { manifestBytes: Uint8Array | null; signature: Uint8Array | null },
  declared: BundleSigner,
  check: SignatureChecker,
  unsigned: string,
  problems: string[],
): Promise<SignatureVerdict | null> {
  if (signed.signature === null || signed.manifestBytes === null) {
    problems.push(unsigned);
    return null;
  }
  const result = await check(signed.manifestBytes, signed.signature);
  const signerMatches = result.signer?.fingerprint === declared.fingerprint;
  problems.push(...result.problems.map((problem) => `Signature: ${problem}.`));
  if (result.valid && !signerMatches) {
    problems.push(
      `The signature is by ${result.signer?.commonName || result.signer?.subject || 'someone else'} (certificate ${result.signer?.fingerprint.slice(0, 16) ?? '?'}…), not by ${declared.commonName || 'the signer'} (certificate ${declared.fingerprint.slice(0, 16)}…) whom the manifest names.`,
    );
  }
  return { ...result, declaredSigner: declared, signerMatches };
}

async function verifyReview(
  file: Blob,
  entry: TarEntry,
  number: number,
  original: BundleInfo,
  originalRef: SignedManifestRef | null,
  previous: SignedManifestRef | null,
  check: SignatureChecker,
  hashing: { createSha256?: Sha256Factory },
): Promise<ReviewVerdict> {
  const slice = file.slice(entry.dataOffset, entry.dataOffset + entry.size);
  const archive = await verifyArchive(slice.stream(), { ...hashing, allowReviews: false });
  const info = archive.manifest?.bundle ?? null;
  const problems: string[] = [];
  const review: ReviewVerdict = {
    number,
    ok: false,
    problems,
    entry,
    archive,
    info,
    signature: null,
    ref: null,
  };
  if (!archive.ok || info === null) {
    problems.push(...(archive.ok ? ['it is not an audit bundle'] : archive.problems));
    return review;
  }
  const binding = info.review;
  if (binding === null) problems.push('it does not say which bundle it reviews');
  else {
    if (binding.number !== number) problems.push(`it calls itself review ${binding.number}`);
    if (originalRef === null || !sameRef(binding.original, originalRef)) {
      problems.push('it reviews another bundle (its manifest pins a different signed original)');
    }
    if (
      (binding.previous === null) !== (previous === null) ||
      (binding.previous && previous && !sameRef(binding.previous, previous))
    ) {
      problems.push('it does not follow the review before it');
    }
  }
  if (info.id !== original.id || canonicalJson(info.scope) !== canonicalJson(original.scope)) {
    problems.push('it is about another bundle or another slice');
  }
  review.signature = await checkSigned(archive, info.signer, check, 'it is not signed', problems);
  if (archive.manifestBytes !== null && archive.signature !== null) {
    review.ref = signedRef(archive.manifestBytes, archive.signature);
  }
  review.ok = problems.length === 0;
  return review;
}

function sameRef(a: SignedManifestRef, b: SignedManifestRef): boolean {
  return a.manifestSha256 === b.manifestSha256 && a.signatureSha256 === b.signatureSha256;
}
