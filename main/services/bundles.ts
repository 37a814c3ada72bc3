import { openAsBlob } from 'node:fs';
import { rm } from 'node:fs/promises';
import { canonicalJson } from '../../core/audit/canonical';
import { SIGNATURE_PATH } from '../../core/archive/format';
import type { ArchiveVerdict } from '../../core/archive/verify';
import type { SignedManifestRef } from '../../core/bundle/manifest';
import { reviewPath } from '../../core/bundle/manifest';
import type { SignatureChecker } from '../../core/bundle/signature';
import type { SignatureCheck } from '../../core/signing/detached';
import { checkManifestSignature, signManifest } from '../../core/bundle/signature';
import type { BundleVerdict } from '../../core/bundle/verify';
import { verifyBundle } from '../../core/bundle/verify';
import { sha256, toHex } from '../../core/signing/der';
import type { Signer } from '../../core/signing/signer';
import { nodeSha256, verifyArchiveFile } from './archive-file';
import { appendEntry, composeArchive, fileDigest } from './bundle-files';
import type { SigningService } from './signing';
import type { WriteSessions } from './write-sessions';
import type { Clock } from '../clock';
import { systemClock } from '../clock';

/**
 * Audit bundles in the main process, where the signing key is: the renderer streams a bundle
 * archive in (chunked writes), main verifies exactly what arrived, signs its manifest with the
 * exporter's identity and appends the signature. A review is signed the same way and appended
 * after the original, whose bytes are copied unchanged. The key never leaves this process and
 * main signs only manifests it has just verified against the file's content.
 */

export class BundleError extends Error {
  override readonly name = 'BundleError';
}

export interface SignedBundle {
  path: string;
  size: number;
  sha256: string;
  signature: SignatureCheck;
  ref: SignedManifestRef;
}

export class BundleService {
  constructor(
    private readonly signing: SigningService,
    private readonly writes: WriteSessions,
    private readonly now: Clock = systemClock,
  ) {}

  async checker(): Promise<SignatureChecker> {
    const trusted = await this.signing.trusted();
    return (content, signature) => checkManifestSignature(content, signature, trusted);
  }

  async verifySignature(content: Uint8Array, signature: Uint8Array): Promise<SignatureCheck> {
    return (await this.checker())(content, signature);
  }

  async verifyFile(file: string): Promise<BundleVerdict> {
    return verifyBundle(await openAsBlob(file), await this.checker(), { createSha256: nodeSha256 });
  }

  /**
   * Signs the bundle written through `writeId` and keeps it under its chosen name. The key is
   * unlocked first, so a missing or wrong passphrase leaves the write open for another try.
   */
  async finishSigned(
    writeId: string,
    identity: string,
    passphrase: string | undefined,
  ): Promise<SignedBundle> {
    const signer = await this.signing.keyring.signer(identity, passphrase);
    // Set inside the check; a holder keeps TypeScript from narrowing it to null.
    const signed: { check: SignatureCheck | null; ref: SignedManifestRef | null } = {
      check: null,
      ref: null,
    };
    const finished = await this.writes.finish(writeId, async (file) => {
      const verdict = await verifyArchiveFile(file);
      await this.requireUnsigned(verdict, signer, null);
      await appendEntry(
        file,
        SIGNATURE_PATH,
        await signManifest(verdict.manifestBytes ?? new Uint8Array(), signer, this.now()),
        this.now(),
      );
      const verified = await this.verifyFile(file);
      if (!verified.ok || !verified.signature) {
        throw new BundleError(`The signed bundle did not verify: ${verified.problems[0] ?? ''}`);
      }
      signed.check = verified.signature;
      signed.ref = verified.original;
      return fileDigest(file);
    });
    if (signed.check === null || signed.ref === null) {
      throw new BundleError('The bundle was not signed.');
    }
    return { ...finished, signature: signed.check, ref: signed.ref };
  }

  /**
   * Co-signs a review: `originalWriteId` carries the bundle as received, `reviewWriteId` the
   * unsigned review archive. The review is checked to bind to exactly that signed original,
   * signed, and appended after it into `target` (null: the user cancelled the save dialog).
   */
  async finishReview(
    originalWriteId: string,
    reviewWriteId: string,
    identity: string,
    passphrase: string | undefined,
    chooseTarget: () => Promise<string | null>,
  ): Promise<SignedBundle | null> {
    const signer = await this.signing.keyring.signer(identity, passphrase);
    const original = await this.writes.take(originalWriteId);
    const review = await this.writes.take(reviewWriteId);
    try {
      const received = await this.verifyFile(original);
      if (!received.ok || received.original === null) {
        throw new BundleError(
          `The bundle under review no longer verifies: ${received.problems[0] ?? ''}`,
        );
      }
      const verdict = await verifyArchiveFile(review);
      const number = received.reviews.length + 1;
      await this.requireUnsigned(verdict, signer, {
        number,
        original: received.original,
        previous: received.reviews.at(-1)?.ref ?? null,
        id: received.info?.id ?? '',
        scope: canonicalJson(received.info?.scope ?? null),
      });
      await appendEntry(
        review,
        SIGNATURE_PATH,
        await signManifest(verdict.manifestBytes ?? new Uint8Array(), signer, this.now()),
        this.now(),
      );
      const target = await chooseTarget();
      if (target === null) return null;
      const signed: { check: SignatureCheck | null; ref: SignedManifestRef | null } = {
        check: null,
        ref: null,
      };
      const composed = await composeArchive(
        original,
        reviewPath(number),
        review,
        target,
        this.now(),
        async (file) => {
          const reviewed = await this.verifyFile(file);
          const added = reviewed.reviews.at(-1);
          if (!reviewed.ok || reviewed.reviews.length !== number || !added?.signature) {
            throw new BundleError(
              `The reviewed bundle did not verify: ${reviewed.problems[0] ?? ''}`,
            );
          }
          signed.check = added.signature;
          signed.ref = added.ref;
        },
      );
      if (signed.check === null || signed.ref === null) {
        throw new BundleError('The review was not signed.');
      }
      return { path: target, ...composed, signature: signed.check, ref: signed.ref };
    } finally {
      await rm(original, { force: true });
      await rm(review, { force: true });
    }
  }

  private async requireUnsigned(
    verdict: ArchiveVerdict,
    signer: Signer,
    review: {
      number: number;
      original: SignedManifestRef;
      previous: SignedManifestRef | null;
      id: string;
      scope: string;
    } | null,
  ): Promise<void> {
    const info = verdict.manifest?.bundle;
    if (!verdict.ok || !info || verdict.manifestBytes === null) {
      throw new BundleError(
        `The bundle did not verify and was not signed: ${verdict.problems[0] ?? 'it is not an audit bundle'}`,
      );
    }
    if (verdict.signature !== null || verdict.reviews.length > 0) {
      throw new BundleError('The bundle is already signed.');
    }
    const fingerprint = toHex(await sha256(signer.certificate));
    if (info.signer.fingerprint !== fingerprint) {
      throw new BundleError(
        'The bundle names another signer than your signing identity; export it again.',
      );
    }
    const binding = info.review;
    if (review === null) {
      if (binding !== null) throw new BundleError('A review cannot be signed as a new bundle.');
      return;
    }
    const same = (a: { manifestSha256: string; signatureSha256: string } | null, b: typeof a) =>
      a === b ||
      (a !== null &&
        b !== null &&
        a.manifestSha256 === b.manifestSha256 &&
        a.signatureSha256 === b.signatureSha256);
    if (
      binding === null ||
      binding.number !== review.number ||
      !same(binding.original, review.original) ||
      !same(binding.previous, review.previous) ||
      info.id !== review.id ||
      canonicalJson(info.scope) !== review.scope
    ) {
      throw new BundleError('The review does not belong to the bundle it was sent with.');
    }
  }
}
