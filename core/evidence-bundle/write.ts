import { ARCHIVE_FORMAT, ARCHIVE_FORMAT_VERSION } from '../archive/format';
import type { ByteSink } from '../archive/writer';
import { ArchiveWriter } from '../archive/writer';
import type { Sha256Factory } from '../util/hash';
import type { CollectedFile, EvidenceManifest } from './manifest';
import { EVIDENCE_KIND, EvidenceManifest as EvidenceManifestSchema, storedPath } from './manifest';

/** A collected file and its bytes, as read when it was inspected. */
export interface CollectedContent {
  item: CollectedFile;
  content: Blob;
}

export type EvidenceFields = Omit<
  EvidenceManifest,
  'format' | 'formatVersion' | 'kind' | 'evidence' | 'files'
>;

export class EvidenceChangedError extends Error {
  override readonly name = 'EvidenceChangedError';
}

/**
 * Writes an evidence bundle: the marker, each distinct file once under its SHA-256, then the
 * manifest, SHA256SUMS and the signature `sign` makes over the manifest's exact bytes. A file
 * whose bytes no longer hash to what was inspected is refused (EvidenceChangedError): the
 * summary must describe exactly the bytes stored. The manifest is checked against the schema
 * the verifier uses before it is signed, so nothing is signed that a verifier would refuse.
 */
export async function writeEvidenceBundle(
  sink: ByteSink,
  files: readonly CollectedContent[],
  fields: EvidenceFields,
  options: {
    mtime: Date;
    sign: (manifest: Uint8Array) => Promise<Uint8Array>;
    createSha256?: Sha256Factory;
  },
): Promise<EvidenceManifest> {
  const writer = new ArchiveWriter(sink, {
    mtime: options.mtime,
    ...(options.createSha256 ? { createSha256: options.createSha256 } : {}),
  });
  await writer.addMarker(EVIDENCE_KIND);
  const stored = new Set<string>();
  for (const { item, content } of files) {
    if (stored.has(item.sha256)) continue;
    const written = await writer.addBlob(storedPath(item.sha256), content);
    if (written.sha256 !== item.sha256 || written.size !== item.size) {
      throw new EvidenceChangedError(
        `${item.name} changed while it was being collected (its SHA-256 is no longer the one inspected); run collect again once it is complete.`,
      );
    }
    stored.add(item.sha256);
  }
  const manifest = EvidenceManifestSchema.parse({
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_FORMAT_VERSION,
    kind: EVIDENCE_KIND,
    ...fields,
    evidence: files.map(({ item }) => item),
    files: [...writer.written],
  });
  const { files: _files, ...rest } = manifest;
  return writer.finish(rest, { sign: options.sign });
}
