import type { ChainHead } from '../audit/chain';
import { EMPTY_HEAD } from '../audit/chain';
import type { SegmentRow } from '../audit/segment';
import { entriesIn } from '../audit/segment';
import type { Sha256Factory } from '../util/hash';
import { concatBytes } from '../util/bytes';
import { createSha256 } from '../util/hash';
import type { Manifest, ManifestFile, ManifestTable, TableDescriptor } from './format';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  AUDIT_TABLE_NAME,
  MANIFEST_PATH,
  MARKER_PATH,
  SIGNATURE_PATH,
  SUMS_PATH,
  TABLE_NAME,
  blobPath,
  markerJson,
  sha256SumsText,
  tableDescriptorPath,
  tablePartPath,
} from './format';
import { END_OF_ARCHIVE, encodeTarHeader, paddingFor } from './tar';
import type { BlobRef, Encoded } from './values';
import { collectBlobs, encodeValue } from './values';

/** Where archive bytes go: a file in Node, a chunked IPC channel in the renderer. */
export interface ByteSink {
  write(chunk: Uint8Array): Promise<void>;
}

const encoder = new TextEncoder();

/**
 * Writes tar entries and remembers each one's size and SHA-256 for the manifest. Content is
 * streamed: a Blob is read chunk by chunk and each chunk awaited into the sink, so memory holds
 * one chunk, whatever the size of the evidence.
 */
export class ArchiveWriter {
  private readonly files: ManifestFile[] = [];
  private readonly mtime: number;
  private readonly hasher: Sha256Factory;

  constructor(
    private readonly sink: ByteSink,
    options: { mtime: Date; createSha256?: Sha256Factory },
  ) {
    this.mtime = Math.max(0, Math.floor(options.mtime.getTime() / 1000));
    this.hasher = options.createSha256 ?? createSha256;
  }

  get written(): readonly ManifestFile[] {
    return this.files;
  }

  async addBytes(path: string, data: Uint8Array): Promise<ManifestFile> {
    const hash = this.hasher();
    hash.update(data);
    await this.sink.write(
      encodeTarHeader({ name: path, size: data.byteLength, mtime: this.mtime }),
    );
    await this.sink.write(data);
    return this.endEntry(path, data.byteLength, hash.hex());
  }

  async addBlob(path: string, blob: Blob): Promise<ManifestFile> {
    const size = blob.size;
    await this.sink.write(encodeTarHeader({ name: path, size, mtime: this.mtime }));
    const hash = this.hasher();
    let seen = 0;
    const reader = blob.stream().getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        seen += value.byteLength;
        if (seen > size) break;
        hash.update(value);
        await this.sink.write(value);
      }
    } finally {
      reader.releaseLock();
    }
    if (seen !== size) {
      throw new Error(`${path}: the file changed size while it was being archived`);
    }
    return this.endEntry(path, size, hash.hex());
  }

  private async endEntry(path: string, size: number, sha256: string): Promise<ManifestFile> {
    const padding = paddingFor(size);
    if (padding > 0) await this.sink.write(new Uint8Array(padding));
    const file = { path, size, sha256 };
    this.files.push(file);
    return file;
  }

  /** Writes the marker entry, which every archive starts with. */
  addMarker(kind: Parameters<typeof markerJson>[0]): Promise<ManifestFile> {
    return this.addBytes(MARKER_PATH, encoder.encode(markerJson(kind)));
  }

  /**
   * Writes the manifest (`fields` plus every entry so far), SHA256SUMS and the end marker.
   * With `sign`, a detached signature over the manifest's exact bytes follows SHA256SUMS
   * (`manifest.json.sig`), as in a signed bundle.
   */
  async finish<M extends object>(
    fields: M,
    options: { sign?: (manifest: Uint8Array) => Promise<Uint8Array> } = {},
  ): Promise<M & { files: ManifestFile[] }> {
    const manifest = { ...fields, files: [...this.files] };
    const manifestBytes = encoder.encode(`${JSON.stringify(manifest, null, 1)}\n`);
    const manifestFile = await this.addBytes(MANIFEST_PATH, manifestBytes);
    await this.addBytes(
      SUMS_PATH,
      encoder.encode(sha256SumsText([...manifest.files, manifestFile])),
    );
    if (options.sign) await this.addBytes(SIGNATURE_PATH, await options.sign(manifestBytes));
    await this.sink.write(END_OF_ARCHIVE);
    return manifest;
  }
}

export interface StoredRow {
  key: unknown;
  value: unknown;
}

/** One table of the database being archived; `pages` yields its rows in primary-key order. */
export interface TableSource extends TableDescriptor {
  pages(): AsyncIterable<readonly StoredRow[]>;
}

export interface ArchiveProgress {
  table: string;
  rows: number;
  bytes: number;
}

export interface WriteArchiveOptions {
  kind: Manifest['kind'];
  createdAt: Date;
  createdBy: string;
  app: Manifest['app'];
  database: { name: string; schemaVersion: number };
  /**
   * A bundle's audit log is a segment of the chain: the entry before its first row (the empty
   * head, for a whole backup), and what the bundle holds.
   */
  audit?: { start: ChainHead };
  bundle?: Manifest['bundle'];
  /** A backup: who will sign it, or why it stays unsigned (see BackupSigning). */
  backup?: Manifest['backup'];
  /** Rows are grouped into files of about this size. */
  partBytes?: number;
  createSha256?: Sha256Factory;
  onProgress?: (progress: ArchiveProgress) => void;
}

export const DEFAULT_PART_BYTES = 4 * 1024 * 1024;

/**
 * Writes a whole archive: marker, then each table (descriptor, rows, the Blobs they hold), then
 * the manifest. The audit log is written first so a reader has the chain before the records.
 */
export async function writeArchive(
  tables: readonly TableSource[],
  sink: ByteSink,
  options: WriteArchiveOptions,
): Promise<Manifest> {
  const ordered = [...tables].sort((a, b) =>
    a.name === AUDIT_TABLE_NAME ? -1 : b.name === AUDIT_TABLE_NAME ? 1 : 0,
  );
  const writer = new ArchiveWriter(sink, {
    mtime: options.createdAt,
    ...(options.createSha256 ? { createSha256: options.createSha256 } : {}),
  });
  await writer.addMarker(options.kind);
  const partBytes = options.partBytes ?? DEFAULT_PART_BYTES;
  const manifestTables: ManifestTable[] = [];
  const blobs = { count: 0, bytes: 0 };
  const start = options.audit?.start ?? EMPTY_HEAD;
  let head = start;
  let entries = 0;
  let totalBytes = 0;

  for (const table of ordered) {
    if (!TABLE_NAME.test(table.name)) {
      throw new Error(`The table name "${table.name}" cannot be archived.`);
    }
    const descriptor: TableDescriptor = {
      name: table.name,
      schema: table.schema,
      primaryKey: table.primaryKey,
      autoIncrement: table.autoIncrement,
      audited: table.audited,
    };
    await writer.addBytes(
      tableDescriptorPath(table.name),
      encoder.encode(`${JSON.stringify(descriptor)}\n`),
    );
    const parts: string[] = [];
    let rows = 0;
    let lines: Uint8Array[] = [];
    let pending = 0;
    const flush = async (): Promise<void> => {
      if (lines.length === 0) return;
      const path = tablePartPath(table.name, parts.length + 1);
      await writer.addBytes(path, concatBytes(lines, pending));
      totalBytes += pending;
      parts.push(path);
      lines = [];
      pending = 0;
    };
    for await (const page of table.pages()) {
      for (const row of page) {
        const refs = new Map<Blob, BlobRef>();
        for (const blob of collectBlobs(row.value)) {
          const file = await writer.addBlob(blobPath(blobs.count + 1), blob);
          blobs.count += 1;
          blobs.bytes += file.size;
          totalBytes += file.size;
          refs.set(blob, { ...file, type: blob.type, ...fileFields(blob) });
        }
        const refOf = (blob: Blob): BlobRef => {
          const ref = refs.get(blob);
          if (!ref) throw new Error('a Blob was not written before the row that holds it');
          return ref;
        };
        const encoded: Encoded = encodeValue(row.value, refOf, `${table.name}`);
        const line =
          table.primaryKey === null
            ? { key: encodeValue(row.key, refOf, `${table.name} key`), value: encoded }
            : encoded;
        const bytes = encoder.encode(`${JSON.stringify(line)}\n`);
        lines.push(bytes);
        pending += bytes.byteLength;
        rows += 1;
        if (table.name === AUDIT_TABLE_NAME) {
          // A full entry or, in a bundle, a redacted run standing for several.
          const entry = row.value as SegmentRow;
          head = { seq: entry.seq, hash: entry.hash };
          entries += entriesIn(entry);
        }
        if (pending >= partBytes) await flush();
      }
      options.onProgress?.({ table: table.name, rows, bytes: totalBytes + pending });
    }
    await flush();
    manifestTables.push({ name: table.name, rows, parts });
  }

  return writer.finish({
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_FORMAT_VERSION,
    kind: options.kind,
    createdAt: options.createdAt.toISOString(),
    createdBy: options.createdBy,
    app: options.app,
    database: { ...options.database, tables: manifestTables },
    audit: { start, head, entries },
    blobs,
    ...(options.bundle ? { bundle: options.bundle } : {}),
    ...(options.backup ? { backup: options.backup } : {}),
  });
}

function fileFields(blob: Blob): Pick<BlobRef, 'file'> {
  return typeof File !== 'undefined' && blob instanceof File
    ? { file: { name: blob.name, lastModified: blob.lastModified } }
    : {};
}

/**
 * Collects small writes into chunks of about `chunkBytes` before passing them on. One chunk is
 * passed on while the next is being filled (the producer need not wait for the slow hop to
 * disk), never more: memory holds at most two chunks, and `target` sees them one at a time, in
 * order. A failed `target` fails the next write or `flush`.
 */
export function batchingSink(
  target: (chunk: Uint8Array<ArrayBuffer>) => Promise<void>,
  chunkBytes: number,
): ByteSink & { flush(): Promise<void> } {
  let parts: Uint8Array[] = [];
  let size = 0;
  let inFlight: Promise<void> = Promise.resolve();
  const send = async (): Promise<void> => {
    if (size === 0) return;
    const chunk = concatBytes(parts, size);
    parts = [];
    size = 0;
    await inFlight;
    inFlight = target(chunk);
    // Its failure is reported by the next send or flush, not as an unhandled rejection.
    inFlight.catch(() => undefined);
  };
  return {
    async write(chunk) {
      for (let offset = 0; offset < chunk.byteLength;) {
        const count = Math.min(chunkBytes - size, chunk.byteLength - offset);
        // Copy: the caller may reuse its buffer once the write resolves.
        parts.push(chunk.slice(offset, offset + count));
        size += count;
        offset += count;
        if (size >= chunkBytes) await send();
      }
    },
    async flush() {
      await send();
      await inFlight;
    },
  };
}
