import { zlibSync } from 'fflate';
import { Budget } from '../../core/signing/verify/reader/budget';
import { PdfFile } from '../../core/signing/verify/reader/document';
import {
  PdfDict,
  PdfName,
  PdfRef,
  PdfString,
  canonical,
} from '../../core/signing/verify/reader/objects';

/**
 * Hand-made incremental updates for tests: exactly the bytes a hostile editor would append,
 * with a cross-reference section whose entries point wherever the test says.
 */

const bytesOf = (text: string): Uint8Array => Uint8Array.from(text, (char) => char.charCodeAt(0));

export interface Chunk {
  text: string;
  /** The object this chunk defines, listed in the cross-reference section. */
  num?: number;
  gen?: number;
  /** The entry points at this substring of the chunk instead of its start. */
  pointAt?: string;
  /** List the object as free instead. */
  free?: boolean;
}

export interface DocumentFacts {
  root: string;
  size: number;
  startxref: number;
  /** Object number of page 1, and of its content stream. */
  page: number;
  content: number;
  /** The content stream of page 2 (another page's content). */
  otherContent: number;
}

export function facts(pdf: Uint8Array): DocumentFacts {
  const file = new PdfFile(pdf, new Budget());
  const resolver = file.resolver(file.final);
  const trailer = resolver.trailer;
  const pages = resolver.dict(resolver.catalog?.get('Pages'));
  const kids = resolver.array(pages?.get('Kids')) ?? [];
  const [first, second] = kids;
  const contentOf = (page: unknown): number => {
    const contents = resolver.dict(page as PdfRef)?.get('Contents');
    const ref = Array.isArray(contents) ? contents[0] : contents;
    if (!(ref instanceof PdfRef)) throw new Error('page content is not a reference');
    return ref.num;
  };
  if (!(first instanceof PdfRef)) throw new Error('no first page');
  return {
    root: canonical(trailer.get('Root') ?? null),
    size: Number(trailer.get('Size')),
    startxref: file.final.section.offset,
    page: first.num,
    content: contentOf(first),
    otherContent: contentOf(second),
  };
}

/** The text of a page dictionary as it is now, with `changes` (key → PDF text) made to it. */
export function pageDictText(
  pdf: Uint8Array,
  page: number,
  changes: Readonly<Record<string, string>> = {},
): string {
  const file = new PdfFile(pdf, new Budget());
  const value = file.resolver(file.final).object(page);
  if (!(value instanceof PdfDict)) throw new Error('page is not a dictionary');
  const entries = [...value.entries].map(
    ([key, item]) => `/${key} ${changes[key] ?? writeValue(item)}`,
  );
  return `<< ${entries.join(' ')} >>`;
}

function writeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof PdfRef) return `${value.num} ${value.gen} R`;
  if (Array.isArray(value)) return `[${value.map(writeValue).join(' ')}]`;
  if (value instanceof PdfName) return `/${value.name}`;
  if (value instanceof PdfString)
    return `<${[...value.bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('')}>`;
  if (value instanceof PdfDict)
    return `<< ${[...value.entries].map(([key, item]) => `/${key} ${writeValue(item)}`).join(' ')} >>`;
  throw new Error('cannot write this value');
}

/** Appends `chunks` and a classic cross-reference table listing their objects. */
export function appendRawUpdate(pdf: Uint8Array, chunks: readonly Chunk[]): Uint8Array {
  const { root, size, startxref } = facts(pdf);
  let text = '\n';
  const entries: { num: number; gen: number; offset: number; free: boolean }[] = [];
  for (const chunk of chunks) {
    const at = pdf.length + text.length;
    if (chunk.num !== undefined) {
      const inside = chunk.pointAt === undefined ? 0 : chunk.text.indexOf(chunk.pointAt);
      if (inside < 0) throw new Error(`"${chunk.pointAt}" is not in the chunk`);
      entries.push({
        num: chunk.num,
        gen: chunk.gen ?? 0,
        offset: at + inside,
        free: chunk.free === true,
      });
    }
    text += chunk.text;
  }
  const xrefAt = pdf.length + text.length;
  text += 'xref\n';
  for (const entry of [...entries].sort((a, b) => a.num - b.num))
    text += `${entry.num} 1\n${String(entry.free ? 0 : entry.offset).padStart(10, '0')} ${String(entry.gen).padStart(5, '0')} ${entry.free ? 'f' : 'n'}\r\n`;
  const newSize = Math.max(size, ...entries.map((entry) => entry.num + 1));
  text += `trailer\n<< /Size ${newSize} /Root ${root} /Prev ${startxref} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  const out = new Uint8Array(pdf.length + text.length);
  out.set(pdf);
  out.set(bytesOf(text), pdf.length);
  return out;
}

/**
 * Appends an update whose objects live in a (compressed) object stream, with a cross-reference
 * stream listing them as type-2 entries.
 */
export function appendObjectStreamUpdate(
  pdf: Uint8Array,
  objects: readonly { num: number; body: string }[],
): Uint8Array {
  const { root, size, startxref } = facts(pdf);
  const streamNum = size;
  const xrefNum = size + 1;
  let header = '';
  let body = '';
  for (const object of objects) {
    header += `${object.num} ${body.length} `;
    body += `${object.body}\n`;
  }
  const data = zlibSync(bytesOf(header + body));
  const text = '\n';
  const streamAt = pdf.length + text.length;
  const head = `${streamNum} 0 obj\n<< /Type /ObjStm /N ${objects.length} /First ${header.length} /Filter /FlateDecode /Length ${data.length} >>\nstream\n`;
  const parts: Uint8Array[] = [bytesOf(text + head), data, bytesOf('\nendstream\nendobj\n')];
  const xrefAt = pdf.length + parts.reduce((sum, part) => sum + part.length, 0);
  const rows = [
    ...objects.map((object, index) => ({ num: object.num, row: [2, streamNum, index] })),
    { num: streamNum, row: [1, streamAt, 0] },
    { num: xrefNum, row: [1, xrefAt, 0] },
  ].sort((a, b) => a.num - b.num);
  const table = new Uint8Array(rows.length * 7);
  rows.forEach(({ row }, index) => {
    const view = new DataView(table.buffer, index * 7, 7);
    view.setUint8(0, row[0] ?? 0);
    view.setUint32(1, row[1] ?? 0);
    view.setUint16(5, row[2] ?? 0);
  });
  const indexText = rows.map((row) => `${row.num} 1`).join(' ');
  parts.push(
    bytesOf(
      `${xrefNum} 0 obj\n<< /Type /XRef /Size ${xrefNum + 1} /Index [${indexText}] /W [1 4 2] /Root ${root} /Prev ${startxref} /Length ${table.length} >>\nstream\n`,
    ),
    table,
    bytesOf(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`),
  );
  const total = pdf.length + parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(total);
  out.set(pdf);
  let offset = pdf.length;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
