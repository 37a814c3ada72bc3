import {
  AnyEvidenceManifest,
  MANIFEST_FILE_NAME,
  SIGN_OFFS_FILE_NAME,
} from '../../report/manifest';
import { concatBytes } from '../../util/bytes';
import type { Sha256Factory } from '../../util/hash';
import { PdfSyntaxError } from './reader/budget';
import type { PdfFile } from './reader/document';
import { decodeStream } from './reader/inflate';
import type { PdfValue } from './reader/objects';
import { PdfRef, PdfStream, textOf } from './reader/objects';

/**
 * Embedded files (the EmbeddedFiles name tree of the file as it reads now) and the evidence
 * manifest check. Each file is inflated under the verification budget straight into a hash, so
 * neither a large evidence file nor a decompression bomb is ever held in memory; only the
 * manifest itself is kept, up to MAX_MANIFEST_BYTES, and the demo sign-offs file, up to
 * MAX_SIGN_OFFS_BYTES.
 */

export interface EmbeddedFile {
  name: string;
  size: number;
  sha256: string;
  /** Why the content could not be read, when it could not. */
  problem: string | null;
}

export interface ManifestFileCheck {
  name: string;
  sha256: string;
  embeddedAs: string | null;
  status: 'match' | 'mismatch' | 'missing' | 'not-embedded';
}

export interface ManifestReport {
  present: boolean;
  /** SHA-256 of the manifest file itself, as printed on the report's title page. */
  sha256: string | null;
  files: ManifestFileCheck[];
  problems: string[];
}

const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
const MAX_SIGN_OFFS_BYTES = 16 * 1024 * 1024;

export interface EmbeddedContents {
  files: EmbeddedFile[];
  manifest: Uint8Array | null;
  /** The demo sign-offs file's bytes, when it is embedded and within its limit. */
  signOffs: Uint8Array | null;
}

/** The files whose content is kept (not only hashed), and how many bytes each may have. */
const KEPT: ReadonlyMap<string, number> = new Map([
  [MANIFEST_FILE_NAME, MAX_MANIFEST_BYTES],
  [SIGN_OFFS_FILE_NAME, MAX_SIGN_OFFS_BYTES],
]);

export function embeddedFiles(file: PdfFile, createSha256: Sha256Factory): EmbeddedContents {
  const resolver = file.resolver(file.final);
  const { budget } = file;
  const names = resolver.dict(resolver.catalog?.get('Names'));
  const files: EmbeddedFile[] = [];
  const kept = new Map<string, Uint8Array>();
  const seen = new Set<number>();
  const read = (name: string, stream: PdfStream): void => {
    const hash = createSha256();
    let size = 0;
    const limit = kept.has(name) ? undefined : KEPT.get(name);
    const keep = limit !== undefined;
    const parts: Uint8Array[] = [];
    try {
      decodeStream(file.bytes, stream, budget, (chunk) => {
        hash.update(chunk);
        size += chunk.length;
        if (keep && size <= limit) parts.push(chunk.slice());
      });
    } catch (error) {
      if (!(error instanceof PdfSyntaxError)) throw error;
      files.push({ name, size, sha256: '', problem: error.message });
      return;
    }
    if (keep && size <= limit) kept.set(name, concatBytes(parts, size));
    files.push({ name, size, sha256: hash.hex(), problem: null });
  };
  const visit = (node: PdfValue | undefined, depth: number): void => {
    budget.depth(depth, 'the embedded files tree');
    budget.work();
    if (node instanceof PdfRef) {
      // A tree that lists a node twice, or itself, is walked once.
      if (seen.has(node.num)) return;
      seen.add(node.num);
    }
    const dict = resolver.dict(node);
    if (dict === undefined) return;
    const pairs = resolver.array(dict.get('Names')) ?? [];
    for (let index = 0; index + 1 < pairs.length; index += 2) {
      budget.work();
      const specRef = pairs[index + 1];
      if (specRef instanceof PdfRef) {
        if (seen.has(specRef.num)) continue;
        seen.add(specRef.num);
      }
      const spec = resolver.dict(specRef);
      const embedded = resolver.dict(spec?.get('EF'));
      const stream = resolver.resolve(embedded?.get('UF') ?? embedded?.get('F'));
      const name =
        textOf(resolver.resolve(spec?.get('UF'))) ||
        textOf(resolver.resolve(spec?.get('F'))) ||
        textOf(resolver.resolve(pairs[index]));
      if (stream instanceof PdfStream) read(name, stream);
    }
    for (const kid of resolver.array(dict.get('Kids')) ?? []) visit(kid, depth + 1);
  };
  visit(names?.get('EmbeddedFiles'), 0);
  return {
    files,
    manifest: kept.get(MANIFEST_FILE_NAME) ?? null,
    signOffs: kept.get(SIGN_OFFS_FILE_NAME) ?? null,
  };
}

export async function checkManifest(
  contents: EmbeddedContents,
  sha256Hex: (bytes: Uint8Array) => Promise<string>,
): Promise<ManifestReport> {
  const { files, manifest } = contents;
  const manifestEntry = files.find((file) => file.name === MANIFEST_FILE_NAME);
  if (manifestEntry === undefined) return { present: false, sha256: null, files: [], problems: [] };
  if (manifest === null)
    return {
      present: true,
      sha256: manifestEntry.sha256 || null,
      files: [],
      problems: [manifestEntry.problem ?? 'the evidence manifest is too large to read'],
    };
  let parsed: AnyEvidenceManifest;
  try {
    parsed = AnyEvidenceManifest.parse(
      JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifest)),
    );
  } catch {
    return {
      present: true,
      sha256: await sha256Hex(manifest),
      files: [],
      problems: ['the evidence manifest is not valid JSON of the expected shape'],
    };
  }
  const byName = new Map(files.map((file) => [file.name, file]));
  const problems: string[] = [];
  const checks: ManifestFileCheck[] = parsed.files.map((entry) => {
    const base = { name: entry.name, sha256: entry.sha256, embeddedAs: entry.embeddedAs };
    if (entry.embeddedAs === null) return { ...base, status: 'not-embedded' };
    const file = byName.get(entry.embeddedAs);
    if (file === undefined) {
      problems.push(`${entry.name}: listed as embedded but not attached`);
      return { ...base, status: 'missing' };
    }
    const matches =
      file.problem === null && file.size === entry.size && file.sha256 === entry.sha256;
    if (!matches)
      problems.push(
        file.problem === null
          ? `${entry.name}: the attached file does not match its SHA-256 in the manifest`
          : `${entry.name}: the attached file cannot be read (${file.problem})`,
      );
    return { ...base, status: matches ? 'match' : 'mismatch' };
  });
  return { present: true, sha256: await sha256Hex(manifest), files: checks, problems };
}
