import type { PDFDocument, PDFRef } from '@cantoo/pdf-lib';
import { PDFArray, PDFHexString, PDFName, PDFString } from '@cantoo/pdf-lib';
import { concatBytes } from '../../util/bytes';
import { createSha256 } from '../../util/hash';

/**
 * Files attached to the report (the evidence manifest, the evidence files themselves) as PDF
 * embedded files (`/EmbeddedFiles` name tree, associated files `/AF`), the way pdf-lib's
 * `attach` writes them, but compressed with the platform's zlib (CompressionStream) straight
 * from a stream: a stored Blob is read in slices, hashed and deflated without ever being held
 * whole and uncompressed, and pdf-lib's JavaScript deflate never runs over a large file.
 */

export interface AttachedFile {
  /** The name shown by PDF readers and `pdfdetach`, also the name-tree key. */
  name: string;
  data: Uint8Array | Blob;
  mimeType: string;
  description: string;
  created: Date;
  /** Absent when the file's date is unknown (undated evidence): no ModDate is written. */
  modified?: Date;
  relationship: 'Data' | 'Source';
}

export interface EmbeddedEntry {
  name: string;
  ref: PDFRef;
}

const SLICE = 1024 * 1024;

/** A stream over bytes already in memory, in slices (views, not copies). */
function streamOf(data: Uint8Array | Blob): ReadableStream<Uint8Array> {
  if (!(data instanceof Uint8Array)) return data.stream();
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= data.byteLength) {
        controller.close();
        return;
      }
      controller.enqueue(data.subarray(offset, offset + SLICE));
      offset += SLICE;
    },
  });
}

/** Content up to this size is hashed in one WebCrypto call (native); larger is streamed. */
const WHOLE_DIGEST_LIMIT = 64 * 1024 * 1024;

/**
 * SHA-256 (hex) of an attachment's content. WebCrypto has no incremental digest, so a large Blob
 * goes through the incremental hash slice by slice and is never held whole.
 */
export async function contentSha256(data: Uint8Array | Blob): Promise<string> {
  if (data instanceof Uint8Array || data.size <= WHOLE_DIGEST_LIMIT) {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(await data.arrayBuffer());
    const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
    return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join(
      '',
    );
  }
  const hash = createSha256();
  const reader = streamOf(data).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return hash.hex();
    hash.update(value);
  }
}

async function deflated(data: Uint8Array | Blob): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = streamOf(data)
    .pipeThrough(new CompressionStream('deflate') as ReadableWritablePair<Uint8Array, Uint8Array>)
    .getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
  }
  return concatBytes(chunks, total);
}

export async function embedFile(doc: PDFDocument, file: AttachedFile): Promise<EmbeddedEntry> {
  const size = file.data instanceof Uint8Array ? file.data.byteLength : file.data.size;
  const compressed = await deflated(file.data);
  const stream = doc.context.stream(compressed, {
    Type: 'EmbeddedFile',
    Subtype: file.mimeType || 'application/octet-stream',
    Filter: 'FlateDecode',
    Params: {
      Size: size,
      CreationDate: PDFString.fromDate(file.created),
      ...(file.modified === undefined ? {} : { ModDate: PDFString.fromDate(file.modified) }),
    },
  });
  const streamRef = doc.context.register(stream);
  const spec = doc.context.obj({
    Type: 'Filespec',
    F: PDFString.of(asciiName(file.name)),
    UF: PDFHexString.fromText(file.name),
    EF: { F: streamRef },
    Desc: PDFHexString.fromText(file.description),
    AFRelationship: file.relationship,
  });
  return { name: file.name, ref: doc.context.register(spec) };
}

function asciiName(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, '_');
}

function compareBytes(left: Uint8Array, right: Uint8Array): number {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

/** Writes the catalog's `/Names /EmbeddedFiles` tree (keys in byte order) and its `/AF` array. */
export function writeEmbeddedFiles(doc: PDFDocument, entries: readonly EmbeddedEntry[]): void {
  if (entries.length === 0) return;
  const keyed = entries
    .map((entry) => ({ key: PDFHexString.fromText(entry.name), ref: entry.ref }))
    .sort((a, b) => compareBytes(a.key.asBytes(), b.key.asBytes()));
  const names = PDFArray.withContext(doc.context);
  for (const { key, ref } of keyed) {
    names.push(key);
    names.push(ref);
  }
  doc.catalog.set(
    PDFName.of('Names'),
    doc.context.obj({ EmbeddedFiles: doc.context.obj({ Names: names }) }),
  );
  const associated = PDFArray.withContext(doc.context);
  for (const entry of entries) associated.push(entry.ref);
  doc.catalog.set(PDFName.of('AF'), associated);
}
