import type { TarEntry } from './tar';
import type { TableDescriptor } from './format';
import type { BlobRef, Encoded } from './values';
import { decodeValue, keyOfEncoded } from './values';

/** Largest row file a reader accepts; the writer makes them about 4 MiB. */
export const MAX_PART_BYTES = 64 * 1024 * 1024;

export class RowFileError extends Error {
  override readonly name = 'RowFileError';
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The lines of one row file, parsed; errors name the file and line. */
export function parseRowFile(bytes: Uint8Array, path: string): Encoded[] {
  if (bytes.byteLength > MAX_PART_BYTES) {
    throw new RowFileError(`${path}: larger than ${MAX_PART_BYTES / 1024 / 1024} MiB`);
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new RowFileError(`${path}: not valid UTF-8 text`);
  }
  if (text.length > 0 && !text.endsWith('\n')) {
    throw new RowFileError(`${path}: the last line is incomplete`);
  }
  const lines = text.split('\n');
  lines.pop();
  return lines.map((line, index) => {
    try {
      return JSON.parse(line) as Encoded;
    } catch (error) {
      throw new RowFileError(
        `${path} line ${index + 1}: ${error instanceof Error ? error.message : 'invalid JSON'}`,
      );
    }
  });
}

export interface EncodedRow {
  key: unknown;
  value: Encoded;
}

/** A line's key and (still encoded) value, according to how its table keys rows. */
export function rowOfLine(line: Encoded, table: TableDescriptor, where: string): EncodedRow {
  if (table.primaryKey === null) {
    if (line === null || typeof line !== 'object' || Array.isArray(line)) {
      throw new RowFileError(`${where}: expected {"key", "value"}`);
    }
    const { key, value } = line;
    if (key === undefined || value === undefined) {
      throw new RowFileError(`${where}: expected {"key", "value"}`);
    }
    return { key: decodeValue(key, noBlobInKey), value };
  }
  const key = keyOfEncoded(line, table.primaryKey);
  if (key === undefined) throw new RowFileError(`${where}: the row has no primary key`);
  return { key, value: line };
}

function noBlobInKey(): never {
  throw new RowFileError('a primary key cannot hold a Blob');
}

/** Decodes a row for storing, turning Blob references into Blobs with `blobOf`. */
export function decodeRow(row: EncodedRow, blobOf: (ref: BlobRef) => Blob): unknown {
  return decodeValue(row.value, blobOf);
}

/**
 * Blob references of a verified archive as slices of the archive file itself (a File where the
 * stored value was one), so stored files are never read into memory. `missing` makes the error
 * for a reference to an entry the archive does not have.
 */
export function archiveBlobs(
  file: Blob,
  entries: ReadonlyMap<string, TarEntry>,
  missing: (path: string) => Error,
): (ref: BlobRef) => Blob {
  return (ref) => {
    const entry = entries.get(ref.path);
    if (!entry) throw missing(ref.path);
    const slice = file.slice(entry.dataOffset, entry.dataOffset + entry.size, ref.type);
    return ref.file
      ? new File([slice], ref.file.name, { type: ref.type, lastModified: ref.file.lastModified })
      : slice;
  };
}
