import { z } from 'zod';
import { Custody } from '../evidence-bundle/custody';
import { reportDating } from './evidence-dates';
import type { ReportModel } from './model';

/**
 * The evidence manifest attached to every report PDF (`evidence-manifest.json`): each evidence
 * file's name, size, SHA-256, dates and source, and the attachment name when the file itself is
 * embedded. The verifier re-hashes embedded files against it.
 *
 * Version 2 says how each file is dated: `dating` is `tool` (its own date), `stated` (a period
 * a person stated) or `undated`, when `effectiveAt` is null. Version 1 (older reports) gave the
 * collection time as `effectiveAt` for a file without a date; the verifier still reads it.
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

export const EvidenceManifest = z.object({
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
export type EvidenceManifest = z.infer<typeof EvidenceManifest>;

/** Any manifest version a report may carry: what the verifier checks embedded files against. */
export const AnyEvidenceManifest = z.union([
  EvidenceManifest,
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
  return {
    manifestVersion: 2,
    reportId: model.id,
    generatedAt: model.generatedAt,
    files: model.evidence.map((item) => ({
      id: item.id,
      name: item.name,
      size: item.size,
      sha256: item.sha256,
      mediaType: item.mediaType,
      collectedAt: item.collectedAt,
      effectiveAt: item.effectiveAt ?? null,
      dating: reportDating(item),
      source: item.source,
      embeddedAs: embedded.get(item.id) ?? null,
      ...(item.custody ? { custody: item.custody } : {}),
    })),
  };
}
