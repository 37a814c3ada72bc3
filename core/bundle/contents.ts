import type { CanonicalValue } from '../audit/canonical';
import { canonicalJson } from '../audit/canonical';
import { expectedStates, keyString, stateKey } from '../audit/chain';
import type { SegmentRow } from '../audit/segment';
import { verifySegment } from '../audit/segment';
import type { TableDescriptor } from '../archive/format';
import { AUDIT_TABLE_NAME } from '../archive/format';
import { archiveBlobs, decodeRow, parseRowFile, rowOfLine } from '../archive/rows';
import type { TarEntry } from '../archive/tar';
import type { ArchiveVerdict } from '../archive/verify';
import { canonicalOfEncoded, decodeValue } from '../archive/values';
import { sha256Hex } from '../util/hash';
import type { Version } from './merge';

/**
 * The records of a verified bundle archive (or of one of its reviews), read back for merging:
 * each with its audit state hash and canonical form (computed from the encoding, as the
 * verifier does), and its value decoded for storing. Blobs become slices of the file, so
 * evidence is never read into memory.
 */

export interface SliceContents {
  tables: ReadonlyMap<string, TableDescriptor>;
  /** `table\u0000key` → the record as the archive holds it. */
  records: Map<string, Version<unknown>>;
  /** The chain segment: full entries and redacted runs, in order. */
  audit: SegmentRow[];
  /** `table\u0000key` → the state the segment's entries leave it in (null: deleted). */
  logged: Map<string, string | null>;
}

export class BundleContentError extends Error {
  override readonly name = 'BundleContentError';
}

/** Reads the rows of an archive `verifyArchive` accepted; `file` holds exactly that archive. */
export async function readSlice(file: Blob, archive: ArchiveVerdict): Promise<SliceContents> {
  const manifest = archive.manifest;
  if (!archive.ok || manifest === null) {
    throw new BundleContentError('Only a verified bundle can be read.');
  }
  const entries = new Map<string, TarEntry>(archive.entries.map((entry) => [entry.name, entry]));
  const hashes = new Map(manifest.files.map((entry) => [entry.path, entry.sha256]));
  const tables = new Map(archive.tables.map((table) => [table.name, table]));
  const blobOf = archiveBlobs(
    file,
    entries,
    (path) => new BundleContentError(`The bundle has no ${path}.`),
  );
  const records = new Map<string, Version<unknown>>();
  const audit: SegmentRow[] = [];
  for (const table of manifest.database.tables) {
    const descriptor = tables.get(table.name);
    if (!descriptor) throw new BundleContentError(`The bundle does not describe ${table.name}.`);
    for (const path of table.parts) {
      const entry = entries.get(path);
      if (!entry) throw new BundleContentError(`The bundle has no ${path}.`);
      const bytes = new Uint8Array(
        await file.slice(entry.dataOffset, entry.dataOffset + entry.size).arrayBuffer(),
      );
      // The file may have changed on disk since it was verified.
      if (sha256Hex(bytes) !== hashes.get(path)) {
        throw new BundleContentError('The bundle file changed after it was checked.');
      }
      for (const [index, line] of parseRowFile(bytes, path).entries()) {
        const row = rowOfLine(line, descriptor, `${path} line ${index + 1}`);
        if (table.name === AUDIT_TABLE_NAME) {
          audit.push(decodeValue(row.value, () => noBlob()) as SegmentRow);
          continue;
        }
        const canonical: CanonicalValue = canonicalOfEncoded(row.value);
        records.set(stateKey(table.name, keyString(row.key)), {
          state: sha256Hex(canonicalJson(canonical)),
          canonical,
          value: decodeRow(row, blobOf),
        });
      }
    }
  }
  const segment = verifySegment(audit, archive.chain.start, { allowRedacted: true });
  if (!segment.ok) throw new BundleContentError('The bundle’s audit log no longer verifies.');
  const logged = new Map<string, string | null>(expectedStates(segment.entries));
  return { tables, records, audit, logged };
}

function noBlob(): never {
  throw new BundleContentError('an audit entry cannot hold a Blob');
}

/** A review's changes: every record its log touched, as it left it (null: deleted). */
export function reviewChanges(review: SliceContents): Map<string, Version<unknown> | null> {
  const changes = new Map<string, Version<unknown> | null>();
  for (const [id, state] of review.logged) {
    const record = review.records.get(id) ?? null;
    changes.set(id, state === null ? null : record);
  }
  return changes;
}

/** Primary keys of bundle tables are strings (ids, hashes); compound keys are JSON arrays. */
export function keyFromString(text: string): unknown {
  if (text.startsWith('[')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}
