import type { SignatureChecker } from '../../../../core/bundle/signature';
import type { EvidenceBundleCheck } from '../../../../core/evidence-bundle/check';
import { checkEvidenceBundle } from '../../../../core/evidence-bundle/check';
import type { Custody } from '../../../../core/evidence-bundle/custody';
import { custodyOf, withCustody } from '../../../../core/evidence-bundle/custody';
import type { Evidence, LinkTarget } from '../../../../core/model';
import { nowIso } from '../../../../core/model';
import { currentActor, db } from '../../db';
import { linkEvidence } from './commands';
import type { StoreRecord } from './commands';
import type { IngestOptions, IngestProgress } from './ingest';
import { ingestFiles } from './ingest';

/**
 * Importing a pipeline's evidence bundle (`demo-ledger collect`): the bundle is verified in full
 * (structure, every hash, the manifest, provenance and the CI signature under the trust rule)
 * before anything is stored. Each distinct file is then attached once: a file already attached
 * in the workspace (by hand, or from an earlier bundle) gains the bundle's custody instead of a
 * second copy; a new one is read and stored as any attached file is, with its custody.
 *
 * A bundle signed by a certificate that is not on the trust list is imported only when the person
 * says so, and its files then say "not trusted" wherever they are shown.
 */

export interface PlannedFile {
  sha256: string;
  /** The name the pipeline collected it under (its path where `collect` ran). */
  name: string;
  size: number;
  /** The attachment in this workspace that already holds the same content. */
  existing: Evidence | null;
}

export interface PipelineBundleInspection {
  file: File;
  check: EvidenceBundleCheck;
  /** Why it cannot be imported; null when it can. */
  refusal: string | null;
  /** Valid, but signed by a certificate that is not trusted here. */
  untrusted: boolean;
  files: PlannedFile[];
}

export async function inspectPipelineBundle(
  workspaceId: string,
  file: File,
  checker: SignatureChecker,
  onProgress?: (bytes: number, total: number) => void,
): Promise<PipelineBundleInspection> {
  const check = await checkEvidenceBundle(
    file,
    { checker, policy: { allowUntrusted: true, requireSigned: true } },
    onProgress ? { onBytes: onProgress } : {},
  );
  const untrusted = check.untrusted.length > 0;
  const refusal = !check.trust.ok
    ? (check.problems[0] ?? check.trust.problems[0] ?? 'The evidence bundle did not verify.')
    : check.verdict.problems.length > 0
      ? (check.verdict.problems[0] ?? 'The evidence bundle did not verify.')
      : check.manifest === null
        ? 'The evidence bundle has no readable manifest.'
        : null;
  const files: PlannedFile[] = [];
  if (refusal === null && check.manifest) {
    const seen = new Set<string>();
    for (const item of check.manifest.evidence) {
      if (seen.has(item.sha256)) continue;
      seen.add(item.sha256);
      const existing =
        (await db.evidence.where('sha256').equals(item.sha256).toArray()).find(
          (row) => row.workspaceId === workspaceId,
        ) ?? null;
      files.push({ sha256: item.sha256, name: item.name, size: item.size, existing });
    }
  }
  return { file, check, refusal, untrusted, files };
}

/** Reads and stores one file as any attached file is (workers in the app). */
export type AttachOne = (
  file: File,
  options: IngestOptions & { record: StoreRecord },
) => Promise<{ evidenceId: string } | undefined>;

const ingestOne: AttachOne = async (file, options) => (await ingestFiles([file], options))[0];

export interface ImportedFile {
  evidenceId: string;
  fileName: string;
  /** The content was already attached here; only its custody was added. */
  custodyAdded: boolean;
}

/**
 * Stores what `inspectPipelineBundle` planned. `acceptUntrusted` must be true for a bundle whose
 * signer is not trusted. `links` are added to every file (a demo item, a control).
 */
export async function importPipelineBundle(
  inspection: PipelineBundleInspection,
  options: {
    workspaceId: string;
    acceptUntrusted: boolean;
    links?: readonly LinkTarget[];
    onProgress?: (progress: IngestProgress) => void;
    attach?: AttachOne;
  },
): Promise<ImportedFile[]> {
  const attach = options.attach ?? ingestOne;
  if (inspection.refusal !== null) throw new Error(inspection.refusal);
  if (inspection.untrusted && !options.acceptUntrusted) {
    throw new Error(
      'The bundle’s signer is not on your trust list; import it as not trusted, or add the certificate first.',
    );
  }
  const custody = custodyOf(inspection.check, currentActor(), new Date());
  if (custody === null) throw new Error('The evidence bundle did not verify.');
  const ranges = new Map(inspection.check.blobs.map((range) => [range.sha256, range]));
  const imported: ImportedFile[] = [];
  for (const planned of inspection.files) {
    const entry = custody.get(planned.sha256);
    if (entry === undefined) continue;
    if (planned.existing) {
      await addCustody(planned.existing.id, entry, options.links ?? []);
      imported.push({
        evidenceId: planned.existing.id,
        fileName: planned.existing.fileName,
        custodyAdded: true,
      });
      continue;
    }
    const range = ranges.get(planned.sha256);
    if (range === undefined) throw new Error(`The bundle does not hold ${planned.name}.`);
    const bytes = inspection.file.slice(range.offset, range.offset + range.size);
    const name = planned.name.split('/').pop() || planned.sha256;
    const stored = await attach(new File([bytes], name), {
      workspaceId: options.workspaceId,
      ...(options.links ? { links: options.links } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      record: {
        tables: ['evidence'],
        write: async (evidence) => {
          if (evidence.sha256 !== planned.sha256) {
            throw new Error(`${planned.name} did not hash to what the bundle names.`);
          }
          await db.evidence.update(evidence.id, { custody: [entry] });
        },
      },
    });
    if (stored)
      imported.push({ evidenceId: stored.evidenceId, fileName: name, custodyAdded: false });
  }
  return imported;
}

async function addCustody(
  evidenceId: string,
  entry: Custody,
  links: readonly LinkTarget[],
): Promise<void> {
  await db.audited('update', ['evidence', 'evidenceLinks'], async () => {
    const row = await db.evidence.get(evidenceId);
    if (!row) throw new Error('The attached file was deleted meanwhile.');
    await db.evidence.update(evidenceId, {
      custody: withCustody(row.custody, entry),
      updatedAt: nowIso(),
    });
  });
  for (const link of links) await linkEvidence(evidenceId, link);
}
