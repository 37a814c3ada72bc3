import type { ChainHead } from '../audit/chain';
import { concatBytes } from '../util/bytes';
import type { Sha256Factory } from '../util/hash';
import type { Manifest, ManifestFile, TableDescriptor } from './format';
import { MANIFEST_PATH, SUMS_PATH, sha256SumsText } from './format';
import type { EntryConsumer, TarEntry } from './tar';
import { ArchiveFormatError } from './tar';

/** The cross-checks `verifyArchive` runs once the whole archive has been read. */

export const BLOB_PATH = /^blobs\/\d{6}$/;
const decoder = new TextDecoder();

/**
 * Every listed file is present with its size and SHA-256, nothing else precedes the manifest,
 * and the order is the manifest's. `trailer` are the bundle entries after SHA256SUMS (the
 * signature, reviews), which the manifest cannot list.
 */
export function checkFiles(
  manifest: Pick<Manifest, 'files'>,
  entries: readonly TarEntry[],
  trailer: ReadonlySet<string>,
  hashes: ReadonlyMap<string, ManifestFile>,
  mismatched: string[],
  problems: string[],
): void {
  const listed = new Set(manifest.files.map((file) => file.path));
  for (const file of manifest.files) {
    const actual = hashes.get(file.path);
    if (!actual) {
      problems.push(`${file.path} is listed in the manifest but missing from the archive.`);
      mismatched.push(file.path);
    } else if (actual.size !== file.size || actual.sha256 !== file.sha256) {
      problems.push(
        `${file.path} is damaged or was changed (its SHA-256 does not match the manifest).`,
      );
      mismatched.push(file.path);
    }
  }
  const contents = entries.filter((entry) => !trailer.has(entry.name));
  for (const entry of contents) {
    if (entry.name !== MANIFEST_PATH && entry.name !== SUMS_PATH && !listed.has(entry.name)) {
      problems.push(`${entry.name} is in the archive but not in the manifest.`);
    }
  }
  const order = contents.map((entry) => entry.name);
  const expectedOrder = [...manifest.files.map((file) => file.path), MANIFEST_PATH, SUMS_PATH];
  if (problems.length === 0 && order.join('\n') !== expectedOrder.join('\n')) {
    problems.push('The entries are not in the order the manifest lists them.');
  }
}

/**
 * Hashes an entry as it streams past and, when `cap` is above zero (a part small enough to be
 * read: a manifest, a row file, a signature), also keeps its bytes, refusing an entry larger
 * than `cap` before reading it. `done` gets the entry's size and SHA-256, and the bytes when
 * kept.
 */
export function entryCollector(
  entry: TarEntry,
  hasher: Sha256Factory,
  cap: number,
  done: (file: ManifestFile, bytes: Uint8Array | null) => void,
): EntryConsumer {
  if (cap > 0 && entry.size > cap) {
    throw new ArchiveFormatError(
      `"${entry.name}" is larger than this program accepts`,
      entry.headerOffset,
    );
  }
  const hash = hasher();
  const chunks: Uint8Array[] = [];
  return {
    write(chunk) {
      hash.update(chunk);
      if (cap > 0) chunks.push(chunk.slice());
    },
    end() {
      const file = { path: entry.name, size: entry.size, sha256: hash.hex() };
      done(file, cap > 0 ? concatBytes(chunks, entry.size) : null);
    },
  };
}

/** The sums file lists every entry the manifest lists, and the manifest itself, in order. */
export function sumsMatch(
  manifest: Pick<Manifest, 'files'>,
  hashes: ReadonlyMap<string, ManifestFile>,
  sums: Uint8Array | undefined,
): boolean {
  const manifestHash = hashes.get(MANIFEST_PATH);
  return (
    manifestHash !== undefined &&
    sums !== undefined &&
    decoder.decode(sums) === sha256SumsText([...manifest.files, manifestHash])
  );
}

export function checkCounts(
  manifest: Manifest,
  rowCounts: ReadonlyMap<string, number>,
  partsSeen: ReadonlyMap<string, string[]>,
  descriptors: ReadonlyMap<string, TableDescriptor>,
  hashes: ReadonlyMap<string, ManifestFile>,
  problems: string[],
): void {
  const names = new Set(manifest.database.tables.map((table) => table.name));
  for (const table of manifest.database.tables) {
    if (!descriptors.has(table.name)) problems.push(`the table ${table.name} has no description`);
    if ((rowCounts.get(table.name) ?? 0) !== table.rows) {
      problems.push(
        `the table ${table.name} holds ${rowCounts.get(table.name) ?? 0} rows, the manifest says ${table.rows}`,
      );
    }
    if ((partsSeen.get(table.name) ?? []).join('\n') !== table.parts.join('\n')) {
      problems.push(`the row files of ${table.name} differ from the manifest`);
    }
  }
  for (const name of descriptors.keys()) {
    if (!names.has(name)) problems.push(`the table ${name} is not in the manifest`);
  }
  const blobFiles = [...hashes.values()].filter((file) => BLOB_PATH.test(file.path));
  const bytes = blobFiles.reduce((sum, file) => sum + file.size, 0);
  if (blobFiles.length !== manifest.blobs.count || bytes !== manifest.blobs.bytes) {
    problems.push('the number or size of stored files differs from the manifest');
  }
}

export function parseJson<T>(
  bytes: Uint8Array | undefined,
  parse: (
    value: unknown,
  ) => { success: true; data: T } | { success: false; error: { message: string } },
  path: string,
  problems: string[],
): T | null {
  if (bytes === undefined) {
    problems.push(`The archive has no ${path}; it is incomplete or not a Demo Ledger archive.`);
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(bytes));
  } catch {
    problems.push(`${path} is not valid JSON; the archive is damaged.`);
    return null;
  }
  const result = parse(json);
  if (!result.success) {
    problems.push(
      `${path} is not in the expected form; the archive is damaged or from an unknown version.`,
    );
    return null;
  }
  return result.data;
}

export function noBlobInLog(): never {
  throw new Error('an audit entry cannot hold a Blob');
}

export function sameHead(stored: unknown, head: ChainHead): boolean {
  if (head.seq === 0) return stored === undefined;
  const value = (stored as { value?: { seq?: unknown; hash?: unknown } } | undefined)?.value;
  return value?.seq === head.seq && value.hash === head.hash;
}

export function equalHeads(a: ChainHead, b: ChainHead): boolean {
  return a.seq === b.seq && a.hash === b.hash;
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
