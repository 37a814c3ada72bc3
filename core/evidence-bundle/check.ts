import type { VerifyBundleOptions } from '../bundle/verify';
import type { SignatureChecker } from '../bundle/signature';
import { trustingChecker } from '../bundle/signature';
import type { TrustJudgement, TrustPolicy } from '../trust/rule';
import { judgeSignatures } from '../trust/rule';
import { plain } from '../util/plain-text';
import type { CollectedFile, EvidenceManifest } from './manifest';
import type { EvidenceVerdict, StoredRange } from './verify';
import { verifyEvidenceBundle } from './verify';

/**
 * An evidence bundle checked in full and judged under the one trust rule (core/trust/rule.ts),
 * described by what `verify`, `collect --previous` and the team locker need to rely on it,
 * file it, compare it or serve its files: id, creation time, the repository it is about,
 * signers, problems, and where each stored file's bytes are.
 */

export type EvidenceTrust =
  | {
      /** Certificates (DER) trusted for signatures: `--trust`, a trust list, an own identity. */
      trusted: readonly Uint8Array[];
      policy: TrustPolicy;
    }
  | {
      /** Checks the signature elsewhere (the app checks in main, against its trust list). */
      checker: SignatureChecker;
      policy: TrustPolicy;
    };

export interface EvidenceBundleCheck {
  size: number;
  /** SHA-256 of the whole file; empty when it could not be read to its end. */
  sha256: string;
  id: string | null;
  createdAt: Date | null;
  /**
   * The repository its provenance names (`owner/repo`, a GitLab project path, a clone URL):
   * what the bundle is about. Null when the pipeline did not say (or the manifest is unreadable).
   */
  scope: string | null;
  /** Every collected file: name, size, SHA-256 and summary. */
  evidence: CollectedFile[];
  /**
   * Each stored file content (once per distinct SHA-256): the byte range of its data in the
   * bundle file, [offset, offset + size), and its SHA-256 as the bundle names it. Only ranges
   * whose bytes were found to hash to that name when `problems` is empty.
   */
  blobs: StoredRange[];
  manifest: EvidenceManifest | null;
  /** Who signed it (common name, else subject), for messages; empty when unsigned or unreadable. */
  signers: string[];
  /** The signing certificate's SHA-256 fingerprint; null when unsigned or unreadable. */
  signerFingerprint: string | null;
  /** Valid signatures by certificates not trusted: accepted only under `allowUntrusted`. */
  untrusted: string[];
  trust: TrustJudgement;
  /**
   * Why the bundle cannot be relied on: damage, a signature that does not verify or is not by
   * the certificate its manifest names, or (under the policy) one not trusted. Empty when it can.
   */
  problems: string[];
  verdict: EvidenceVerdict;
}

/**
 * Checks an evidence bundle (a file on disk via `openAsBlob`, or any Blob): structure, hashes,
 * manifest, provenance, the signature, and the signer's trust under `trust.policy`. Never
 * throws for a bad file; `problems` says what is wrong. Memory holds the manifest and one
 * chunk, whatever the size of the evidence.
 */
export async function checkEvidenceBundle(
  file: Blob,
  trust: EvidenceTrust,
  options: VerifyBundleOptions = {},
): Promise<EvidenceBundleCheck> {
  const checker = 'checker' in trust ? trust.checker : trustingChecker(trust.trusted);
  const verdict = await verifyEvidenceBundle(file, checker, options);
  const signature = verdict.signature;
  const signer = signature?.signer ? signature.signer.commonName || signature.signer.subject : null;
  const label = plain(signer ?? '') || 'unknown signer';
  const valid = signature !== null && signature.valid && signature.signerMatches;
  const judged = judgeSignatures(
    signature === null
      ? []
      : [
          {
            label: `Signature (${label})`,
            valid,
            trusted: signature.trust.trusted,
            problem: plain(
              signature.valid ? signature.trust.problem : (signature.problems[0] ?? ''),
            ),
          },
        ],
    trust.policy,
    { signatureRequired: true },
  );
  const manifest = verdict.manifest;
  return {
    size: file.size,
    sha256: verdict.fileSha256,
    id: manifest?.id ?? null,
    createdAt: manifest ? new Date(manifest.createdAt) : null,
    scope: manifest?.provenance.repository ?? null,
    evidence: manifest?.evidence ?? [],
    blobs: verdict.stored,
    manifest,
    signers: signer === null ? [] : [label],
    signerFingerprint: signature?.signer?.fingerprint ?? null,
    untrusted: valid && signature !== null && !signature.trust.trusted ? [label] : [],
    trust: judged,
    problems: [
      ...verdict.problems,
      // A missing or invalid signature is already named among the verdict's problems.
      ...(signature === null
        ? []
        : judged.problems.filter((problem) => !problem.includes(': not valid ('))),
    ],
    verdict,
  };
}
