import { z } from 'zod';
import { SHA256_HEX } from '../util/hash';
import type { EvidenceBundleCheck } from './check';
import { CI_SYSTEMS } from './provenance';

/**
 * Custody of a file that came in an evidence bundle: where the pipeline ran, who signed the
 * bundle, and who verified it when it was imported. Stored with each evidence attachment the
 * bundle provided (a file attached by hand and later found in a bundle gains one), and shown
 * wherever the file is: its page, the demo item, the signed record.
 *
 * `signerTrusted` is the trust rule's verdict when the bundle was imported: a bundle by a signer
 * not on the trust list is imported only when the person says so, and says so everywhere.
 */

const Text = (max: number) => z.string().max(max);

const Sha256Hex = z.string().regex(SHA256_HEX, 'expected a SHA-256 hex digest');

export const Custody = z.strictObject({
  bundleId: z.uuid(),
  /** SHA-256 of the bundle file as imported. */
  bundleSha256: Sha256Hex,
  /** When the pipeline wrote the bundle. */
  collectedAt: z.iso.datetime({ offset: true }),
  /** The file's name as the pipeline collected it (its path where `collect` ran). */
  collectedName: Text(1000),
  system: z.enum(CI_SYSTEMS),
  repository: Text(500),
  pipeline: Text(500),
  job: Text(500),
  runId: Text(200),
  runUrl: Text(2048),
  commit: Text(200),
  ref: Text(500),
  signer: z.strictObject({ commonName: Text(300), fingerprint: Sha256Hex }),
  /** The signer's certificate was trusted when the bundle was imported. */
  signerTrusted: z.boolean(),
  verifiedAt: z.iso.datetime({ offset: true }),
  /** The person who imported (and so verified) the bundle. */
  verifiedBy: Text(200),
});
export type Custody = z.infer<typeof Custody>;

/** At most this many custody entries are kept per attachment (the newest). */
export const CUSTODY_MAX = 50;
export const CustodyList = z.array(Custody).max(CUSTODY_MAX);

/**
 * The custody of each distinct file of a verified bundle, by SHA-256. Null when the bundle
 * cannot be relied on: its manifest is unreadable, it is damaged, or it is unsigned.
 */
export function custodyOf(
  check: EvidenceBundleCheck,
  verifiedBy: string,
  verifiedAt: Date,
): Map<string, Custody> | null {
  const manifest = check.manifest;
  if (manifest === null || check.verdict.problems.length > 0 || check.signerFingerprint === null)
    return null;
  const { provenance } = manifest;
  const custody = new Map<string, Custody>();
  for (const file of manifest.evidence) {
    if (custody.has(file.sha256)) continue;
    custody.set(
      file.sha256,
      Custody.parse({
        bundleId: manifest.id,
        bundleSha256: check.sha256,
        collectedAt: manifest.createdAt,
        collectedName: file.name,
        system: provenance.system,
        repository: provenance.repository ?? '',
        pipeline: provenance.pipeline ?? '',
        job: provenance.job ?? '',
        runId: provenance.runId ?? '',
        runUrl: provenance.runUrl ?? provenance.pipelineUrl ?? '',
        commit: provenance.commit ?? '',
        ref: provenance.ref ?? '',
        signer: { commonName: manifest.signer.commonName, fingerprint: check.signerFingerprint },
        signerTrusted: check.untrusted.length === 0 && check.trust.verdict === 'trusted',
        verifiedAt: verifiedAt.toISOString(),
        verifiedBy: verifiedBy.slice(0, 200),
      }),
    );
  }
  return custody;
}

/** Adds a custody entry, replacing one from the same bundle; keeps the newest CUSTODY_MAX. */
export function withCustody(existing: readonly Custody[] | undefined, added: Custody): Custody[] {
  const others = (existing ?? []).filter((entry) => entry.bundleId !== added.bundleId);
  return [...others, added].slice(-CUSTODY_MAX);
}

/** One line for a person: where the file came from and who vouches for it. */
export function describeCustody(custody: Custody): string {
  const parts = [
    `from pipeline ${[custody.pipeline, custody.job].filter(Boolean).join(' / ') || custody.system}`,
    custody.runId ? `run #${custody.runId}` : null,
    custody.commit ? `commit ${custody.commit.slice(0, 12)}` : null,
    custody.repository ? `in ${custody.repository}` : null,
    `signed by ${custody.signer.commonName || 'an unnamed certificate'} (${custody.signerTrusted ? 'trusted' : 'NOT trusted'} when imported)`,
    `verified at import by ${custody.verifiedBy || 'unknown'} on ${custody.verifiedAt.slice(0, 10)}`,
  ];
  return parts.filter((part): part is string => part !== null).join(', ');
}
