import { z } from 'zod';
import type { ReportModel } from './model';

/**
 * The evidence manifest attached to every report PDF (`evidence-manifest.json`): each evidence
 * file's name, size, SHA-256, dates and source, and the attachment name when the file itself is
 * embedded. The verifier re-hashes embedded files against it.
 */

export const MANIFEST_FILE_NAME = 'evidence-manifest.json';
/** The demo sign-offs a report carries, each with its signature (core/demo/sign-offs-file.ts). */
export const SIGN_OFFS_FILE_NAME = 'demo-sign-offs.json';

export const EvidenceManifest = z.object({
  manifestVersion: z.literal(1),
  reportId: z.string(),
  generatedAt: z.string(),
  files: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        size: z.number().int().nonnegative(),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        mediaType: z.string(),
        collectedAt: z.string(),
        effectiveAt: z.string(),
        source: z.string(),
        embeddedAs: z.string().nullable(),
      }),
    )
    .max(200_000),
});
export type EvidenceManifest = z.infer<typeof EvidenceManifest>;

export function evidenceManifest(
  model: ReportModel,
  embedded: ReadonlyMap<string, string>,
): EvidenceManifest {
  return {
    manifestVersion: 1,
    reportId: model.id,
    generatedAt: model.generatedAt,
    files: model.evidence.map((item) => ({
      id: item.id,
      name: item.name,
      size: item.size,
      sha256: item.sha256,
      mediaType: item.mediaType,
      collectedAt: item.collectedAt,
      effectiveAt: item.effectiveAt ?? item.collectedAt,
      source: item.source,
      embeddedAs: embedded.get(item.id) ?? null,
    })),
  };
}
