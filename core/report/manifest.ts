import { z } from 'zod';
import { Custody } from '../evidence-bundle/custody';
import { EvidenceShown, Reading, readingOf } from '../evidence/shown';
import { freshnessDaysOf, reportDating, reportFreshness } from './evidence-dates';
import type { ReportModel } from './model';

/**
 * The evidence manifest attached to every report PDF (`evidence-manifest.json`): each evidence
 * file's name, size, SHA-256, dates and source, and the attachment name when the file itself is
 * embedded. The verifier re-hashes embedded files against it.
 *
 * Version 3 is the evidence as an auditor reads it: per file also the tool and its version, who
 * attached it, how it was read (`scan-failed`, `not-recognised` …), what it showed as counts,
 * whether it was fresh, stale or undated on the report's day, the controls it is linked to and
 * its provenance (pipeline, run, commit, signer; null where unknown). Its JSON Schema is
 * `schema/evidence-manifest.v3.schema.json`. Version 2 said how each file is dated: `dating` is
 * `tool` (its own date), `stated` (a period a person stated) or `undated`, when `effectiveAt` is
 * null. Version 1 (older reports) gave the collection time as `effectiveAt` for a file without a
 * date. The verifier reads all three.
 */

export const MANIFEST_FILE_NAME = 'evidence-manifest.json';
/** The demo sign-offs a report carries, each with its signature (core/demo/sign-offs-file.ts). */
export const SIGN_OFFS_FILE_NAME = 'demo-sign-offs.json';

const FileEntry = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  mediaType: z.string(),
  collectedAt: z.string(),
  source: z.string(),
  embeddedAs: z.string().nullable(),
  /** Where a pipeline's signed evidence bundle says the file came from (see core/evidence-bundle/custody.ts). */
  custody: Custody.optional(),
});

const MAX_FILES = 200_000;

const FileEntryV2 = FileEntry.extend({
  effectiveAt: z.string().nullable(),
  dating: z.enum(['tool', 'stated', 'undated']),
});

const Nullable = (max: number) => z.string().max(max).nullable();

export const EvidenceManifest = z.object({
  manifestVersion: z.literal(3),
  reportId: z.string(),
  generatedAt: z.string(),
  /** The day freshness was judged on: the report's, so the day it was signed. */
  freshnessJudgedOn: z.iso.date(),
  files: z
    .array(
      FileEntryV2.extend({
        attachedBy: z.string(),
        tool: z.object({ name: z.string(), version: z.string() }).nullable(),
        reading: Reading,
        summary: z.string(),
        shown: EvidenceShown.nullable(),
        freshness: z.enum(['fresh', 'stale', 'undated']),
        freshnessDays: z.number().int().positive().nullable(),
        controls: z.array(z.string()),
        provenance: z.object({
          pipeline: Nullable(300),
          run: Nullable(2048),
          commit: Nullable(200),
          signer: Nullable(500),
        }),
      }),
    )
    .max(MAX_FILES),
});
export type EvidenceManifest = z.infer<typeof EvidenceManifest>;

const EvidenceManifestV2 = z.object({
  manifestVersion: z.literal(2),
  reportId: z.string(),
  generatedAt: z.string(),
  files: z
    .array(
      FileEntry.extend({
        effectiveAt: z.string().nullable(),
        dating: z.enum(['tool', 'stated', 'undated']),
      }),
    )
    .max(MAX_FILES),
});

/** Any manifest version a report may carry: what the verifier checks embedded files against. */
export const AnyEvidenceManifest = z.union([
  EvidenceManifest,
  EvidenceManifestV2,
  z.object({
    manifestVersion: z.literal(1),
    reportId: z.string(),
    generatedAt: z.string(),
    files: z.array(FileEntry.extend({ effectiveAt: z.string() })).max(MAX_FILES),
  }),
]);
export type AnyEvidenceManifest = z.infer<typeof AnyEvidenceManifest>;

export function evidenceManifest(
  model: ReportModel,
  embedded: ReadonlyMap<string, string>,
): EvidenceManifest {
  const day = model.generatedAt.slice(0, 10);
  return {
    manifestVersion: 3,
    reportId: model.id,
    generatedAt: model.generatedAt,
    freshnessJudgedOn: day,
    files: model.evidence.map((item) => {
      const reading = readingOf(item.flag, item.recognised);
      const { pipeline, run, commit, signer } = provenanceOf(item);
      return {
        id: item.id,
        name: item.name,
        size: item.size,
        sha256: item.sha256,
        mediaType: item.mediaType,
        collectedAt: item.collectedAt,
        attachedBy: item.attachedBy,
        effectiveAt: item.effectiveAt ?? null,
        dating: reportDating(item),
        source: item.source,
        embeddedAs: embedded.get(item.id) ?? null,
        ...(item.custody ? { custody: item.custody } : {}),
        tool: item.tool ?? null,
        reading,
        summary: item.summary,
        shown: reading === 'read' ? (item.shown ?? null) : null,
        freshness: reportFreshness(item, day),
        freshnessDays: freshnessDaysOf(item),
        controls: item.controls,
        provenance: {
          pipeline: pipeline ?? null,
          run: run ?? null,
          commit: commit ?? null,
          signer: signer ?? null,
        },
      };
    }),
  };
}

/** The model's provenance, completed from a pipeline bundle's custody where it says more. */
function provenanceOf(
  item: ReportModel['evidence'][number],
): ReportModel['evidence'][number]['provenance'] {
  const custody = item.custody;
  if (custody === undefined) return item.provenance;
  const pipeline = [custody.pipeline, custody.job].filter(Boolean).join(' / ');
  return {
    ...(pipeline ? { pipeline } : {}),
    ...(custody.runUrl || custody.runId ? { run: custody.runUrl || custody.runId } : {}),
    ...(custody.commit ? { commit: custody.commit } : {}),
    signer: `${custody.signer.commonName} (certificate SHA-256 ${custody.signer.fingerprint}${custody.signerTrusted ? '' : ', not trusted when imported'})`,
    ...item.provenance,
  };
}
