import { MANIFEST_PATH, MARKER_PATH, SIGNATURE_PATH, SUMS_PATH } from '../archive/format';
import type { ManifestFile } from '../archive/format';
import type { EntryConsumer, TarEntry } from '../archive/tar';
import { ArchiveFormatError, readTar } from '../archive/tar';
import {
  checkFiles,
  describe,
  entryCollector,
  parseJson,
  sumsMatch,
} from '../archive/verify-checks';
import type { SignatureChecker } from '../bundle/signature';
import type { SignatureVerdict, VerifyBundleOptions } from '../bundle/verify';
import { checkSigned, hashedStream } from '../bundle/verify';
import { createSha256 } from '../util/hash';
import type { EvidenceManifest } from './manifest';
import {
  EvidenceManifest as EvidenceManifestSchema,
  EvidenceMarker,
  STORED_PATH,
  storedPath,
} from './manifest';
import { provenanceProblems } from './provenance';

/** Where one stored file's bytes are in the bundle file: [offset, offset + size). */
export interface StoredRange {
  sha256: string;
  offset: number;
  size: number;
}

export interface EvidenceVerdict {
  /** Intact, validly signed by the certificate the manifest names, provenance consistent. */
  ok: boolean;
  /** Sentences, the root cause first; trust is judged apart (core/trust/rule.ts). */
  problems: string[];
  manifest: EvidenceManifest | null;
  manifestBytes: Uint8Array | null;
  signature: SignatureVerdict | null;
  stored: StoredRange[];
  /** SHA-256 of the whole file; empty when it could not be read to its end. */
  fileSha256: string;
  size: number;
}

const MAX_SMALL_FILE = 64 * 1024;
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
const MAX_SIGNATURE_BYTES = 1024 * 1024;

/**
 * Verifies an evidence bundle in one streaming pass: the strict tar structure, the entries in
 * their one allowed order, every stored file against its name (its SHA-256) and the manifest,
 * SHA256SUMS, the manifest's form, that every collected file is stored and nothing else is,
 * then the signature over manifest.json and that it is by the certificate the manifest names.
 * Never throws for a bad file: the verdict says what is wrong. Memory holds the manifest and
 * one chunk, whatever the size of the evidence.
 */
export async function verifyEvidenceBundle(
  file: Blob,
  check: SignatureChecker,
  options: VerifyBundleOptions = {},
): Promise<EvidenceVerdict> {
  const hasher = options.createSha256 ?? createSha256;
  const { stream, fileSha256 } = hashedStream(file, options);
  const hashes = new Map<string, ManifestFile>();
  const small = new Map<string, Uint8Array>();
  const placement: string[] = [];
  let stage: 'start' | 'files' | 'manifest' | 'sums' | 'signature' = 'start';

  const onEntry = (entry: TarEntry): EntryConsumer => {
    const { name } = entry;
    if (stage === 'start' && name !== MARKER_PATH) {
      throw new ArchiveFormatError(
        'not a Demo Ledger archive (it does not start with its marker)',
        entry.headerOffset,
      );
    }
    const next =
      name === MARKER_PATH
        ? 'files'
        : STORED_PATH.test(name) && stage === 'files'
          ? 'files'
          : name === MANIFEST_PATH && stage === 'files'
            ? 'manifest'
            : name === SUMS_PATH && stage === 'manifest'
              ? 'sums'
              : name === SIGNATURE_PATH && stage === 'sums'
                ? 'signature'
                : null;
    if (next === null) placement.push(`unexpected entry "${name}"`);
    else stage = next;
    const cap =
      name === MARKER_PATH
        ? MAX_SMALL_FILE
        : name === MANIFEST_PATH || name === SUMS_PATH
          ? MAX_MANIFEST_BYTES
          : name === SIGNATURE_PATH
            ? MAX_SIGNATURE_BYTES
            : 0;
    return entryCollector(entry, hasher, cap, (hashed, bytes) => {
      hashes.set(name, hashed);
      if (bytes !== null) small.set(name, bytes);
    });
  };

  const verdict: EvidenceVerdict = {
    ok: false,
    problems: [],
    manifest: null,
    manifestBytes: null,
    signature: null,
    stored: [],
    fileSha256: '',
    size: file.size,
  };
  let entries: TarEntry[];
  try {
    entries = await readTar(stream, onEntry);
  } catch (error) {
    // Read only in part: the file has no SHA-256 to report.
    verdict.problems.push(
      error instanceof ArchiveFormatError
        ? `The bundle is damaged or not a Demo Ledger archive: ${error.message}.`
        : `The bundle could not be read: ${describe(error)}.`,
    );
    return verdict;
  }
  verdict.fileSha256 = fileSha256();
  const structural: string[] = [];
  const marker = parseJson(
    small.get(MARKER_PATH),
    (value) => EvidenceMarker.safeParse(value),
    MARKER_PATH,
    structural,
  );
  if (marker === null) {
    verdict.problems.push(
      'This is not an evidence bundle (its marker does not say "kind": "evidence").',
    );
    return verdict;
  }
  const manifest = parseJson(
    small.get(MANIFEST_PATH),
    (value) => EvidenceManifestSchema.safeParse(value),
    MANIFEST_PATH,
    structural,
  );
  if (manifest === null) {
    verdict.problems.push(...structural);
    return verdict;
  }
  verdict.manifest = manifest;
  verdict.manifestBytes = small.get(MANIFEST_PATH) ?? null;

  const hashProblems: string[] = [];
  const trailer = new Set(
    entries.some((entry) => entry.name === SIGNATURE_PATH) ? [SIGNATURE_PATH] : [],
  );
  checkFiles(manifest, entries, trailer, hashes, [], hashProblems);
  if (!sumsMatch(manifest, hashes, small.get(SUMS_PATH))) {
    hashProblems.push(`${SUMS_PATH} does not match the manifest.`);
  }
  const content: string[] = [...placement];
  for (const entry of entries) {
    const match = STORED_PATH.exec(entry.name);
    if (match === null) continue;
    if (hashes.get(entry.name)?.sha256 !== match[1]) {
      content.push(`${entry.name} does not hold the content its name says (its SHA-256 differs).`);
    }
    verdict.stored.push({ sha256: match[1] ?? '', offset: entry.dataOffset, size: entry.size });
  }
  const storedSizes = new Map(verdict.stored.map((range) => [range.sha256, range.size]));
  for (const item of manifest.evidence) {
    const size = storedSizes.get(item.sha256);
    if (size === undefined) content.push(`${item.name} is listed but its content is not stored.`);
    else if (size !== item.size)
      content.push(`${item.name} is listed with another size than stored.`);
  }
  const listed = new Set(manifest.evidence.map((item) => item.sha256));
  for (const range of verdict.stored) {
    if (!listed.has(range.sha256)) {
      content.push(`${storedPath(range.sha256)} is stored but no collected file names it.`);
    }
  }
  content.push(...provenanceProblems(manifest.provenance));
  verdict.problems.push(...hashProblems, ...(hashProblems.length > 0 ? [] : content));
  verdict.signature = await checkSigned(
    { manifestBytes: verdict.manifestBytes, signature: small.get(SIGNATURE_PATH) ?? null },
    manifest.signer,
    check,
    'The evidence bundle is not signed.',
    verdict.problems,
  );
  verdict.ok = verdict.problems.length === 0;
  return verdict;
}
