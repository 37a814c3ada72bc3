import { openAsBlob } from 'node:fs';
import { trustingChecker } from '../../core/bundle/signature';
import type { CollectedFile, EvidenceManifest } from '../../core/evidence-bundle/manifest';
import type { EvidenceVerdict, StoredRange } from '../../core/evidence-bundle/verify';
import { verifyEvidenceBundle } from '../../core/evidence-bundle/verify';
import type { TrustJudgement, TrustPolicy } from '../../core/trust/rule';
import { judgeSignatures } from '../../core/trust/rule';
import { plain } from '../../core/util/plain-text';
import { nodeSha256 } from './archive-file';

/**
 * Evidence bundles on disk (`collect` writes them; `verify` and the team locker read them):
 * verified in full, under the one trust rule, and described by what others need to file,
 * compare or serve them: id, creation time, repository, and where each stored file's bytes are.
 */

export interface EvidenceBundleFile {
  file: string;
  size: number;
  /** SHA-256 of the whole file; empty when it could not be read to its end. */
  sha256: string;
  id: string | null;
  createdAt: Date | null;
  /** The repository its provenance names (`owner/repo`, a GitLab project path, a clone URL). */
  repository: string | null;
  /** Every collected file: name, size, SHA-256 and summary. */
  evidence: CollectedFile[];
  /** Each stored content (once per distinct SHA-256): its data offset and size in the file. */
  stored: StoredRange[];
  manifest: EvidenceManifest | null;
  /** The signer's common name (or subject), when the signature could be read. */
  signer: string | null;
  trust: TrustJudgement;
  /**
   * Why the bundle cannot be relied on: damage, a signature that does not verify or is not by
   * the certificate its manifest names, or (under the policy) one not trusted. Empty when it can.
   */
  problems: string[];
  verdict: EvidenceVerdict;
}

export interface EvidenceTrust {
  /** Certificates (DER) trusted for signatures: `--trust`, a trust list, an own identity. */
  trusted: readonly Uint8Array[];
  policy: TrustPolicy;
}

export async function readEvidenceBundleFile(
  file: string,
  trust: EvidenceTrust,
): Promise<EvidenceBundleFile> {
  const blob = await openAsBlob(file);
  const verdict = await verifyEvidenceBundle(blob, trustingChecker(trust.trusted), {
    createSha256: nodeSha256,
  });
  const signature = verdict.signature;
  const signer = signature?.signer ? signature.signer.commonName || signature.signer.subject : null;
  const judged = judgeSignatures(
    signature === null
      ? []
      : [
          {
            label: `Signature (${plain(signer ?? '') || 'unknown signer'})`,
            valid: signature.valid && signature.signerMatches,
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
    file,
    size: blob.size,
    sha256: verdict.fileSha256,
    id: manifest?.id ?? null,
    createdAt: manifest ? new Date(manifest.createdAt) : null,
    repository: manifest?.provenance.repository ?? null,
    evidence: manifest?.evidence ?? [],
    stored: verdict.stored,
    manifest,
    signer,
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
