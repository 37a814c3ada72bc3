import type { PDFObject } from '@cantoo/pdf-lib';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  ParseSpeeds,
} from '@cantoo/pdf-lib';
import { concatBytes } from './der';
import { asciiBytes, lastStartXref, usesXrefStream } from './pdf-tail';

/**
 * Adds an (invisible) signature field with a placeholder signature to a PDF as an incremental
 * update: the original bytes are kept exactly, new and changed objects are appended with their
 * own cross-reference section. Earlier signatures therefore stay valid.
 */

export type SubFilter = 'ETSI.CAdES.detached' | 'adbe.pkcs7.detached';

export interface PlaceholderOptions {
  subFilter: SubFilter;
  /** Bytes reserved for the CMS signature (the hex string is twice as long). */
  reserveBytes: number;
  signingTime: Date;
  name?: string;
  reason?: string;
  location?: string;
  contactInfo?: string;
}

export interface PreparedSignature {
  bytes: Uint8Array<ArrayBuffer>;
  byteRange: [number, number, number, number];
  /** Offset of the first hex digit inside /Contents < … >. */
  contentsOffset: number;
  reserveBytes: number;
  fieldName: string;
}

const BYTE_RANGE_PLACEHOLDER = `[0 ${'9'.repeat(10)} ${'9'.repeat(10)} ${'9'.repeat(10)}]`;

export function pdfDate(date: Date): string {
  const iso = date.toISOString();
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}+00'00'`;
}

function textString(value: string): string {
  return PDFHexString.fromText(value).toString();
}

function serialise(object: PDFObject): Uint8Array {
  const buffer = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(buffer, 0);
  return buffer;
}

function fieldNames(doc: PDFDocument, fields: PDFArray | undefined): Set<string> {
  const names = new Set<string>();
  const visit = (array: PDFArray | undefined, depth: number): void => {
    if (array === undefined || depth > 20) return;
    for (let index = 0; index < array.size(); index += 1) {
      const field = doc.context.lookupMaybe(array.get(index), PDFDict);
      const name = field?.lookupMaybe(PDFName.of('T'), PDFString, PDFHexString);
      if (name) names.add(name.decodeText());
      visit(field?.lookupMaybe(PDFName.of('Kids'), PDFArray), depth + 1);
    }
  };
  visit(fields, 0);
  return names;
}

export async function loadForUpdate(pdf: Uint8Array): Promise<PDFDocument> {
  const doc = await PDFDocument.load(pdf, {
    updateMetadata: false,
    parseSpeed: ParseSpeeds.Fastest,
    throwOnInvalidObject: false,
  });
  if (doc.context.trailerInfo.Encrypt !== undefined) {
    throw new Error('Encrypted PDF files cannot be signed here; remove the encryption first.');
  }
  const root = doc.context.trailerInfo.Root;
  if (!(root !== undefined && doc.context.lookup(root) instanceof PDFDict)) {
    throw new Error('The document catalog is missing or is not a dictionary.');
  }
  return doc;
}

export async function addSignaturePlaceholder(
  pdf: Uint8Array,
  options: PlaceholderOptions,
): Promise<PreparedSignature> {
  const doc = await loadForUpdate(pdf);
  const { context } = doc;
  const catalogRef = context.trailerInfo.Root as PDFRef | undefined;
  if (!(catalogRef instanceof PDFRef)) throw new Error('This PDF has no document catalog.');
  const catalog = context.lookup(catalogRef, PDFDict);
  const page = doc.getPages()[0];
  if (page === undefined) throw new Error('This PDF has no pages.');

  let next = context.largestObjectNumber + 1;
  const sigNumber = next++;
  const widgetNumber = next++;
  const changed = new Map<string, { ref: PDFRef; body: Uint8Array }>();
  const write = (ref: PDFRef, object: PDFObject): void => {
    changed.set(ref.toString(), { ref, body: serialise(object) });
  };
  const widgetPdf = PDFRef.of(widgetNumber, 0);

  // AcroForm: add the field to /Fields, set SigFlags (signatures exist, append only).
  const acroFormEntry = catalog.get(PDFName.of('AcroForm'));
  let acroForm: PDFDict;
  let acroFormRef: PDFRef | null = null;
  if (acroFormEntry instanceof PDFRef) {
    acroFormRef = acroFormEntry;
    acroForm = context.lookup(acroFormRef, PDFDict).clone(context);
  } else if (acroFormEntry instanceof PDFDict) {
    acroForm = acroFormEntry.clone(context);
  } else {
    acroForm = context.obj({});
  }
  const fieldsEntry = acroForm.get(PDFName.of('Fields'));
  const existingFields = context.lookupMaybe(fieldsEntry, PDFArray);
  const taken = fieldNames(doc, existingFields);
  let fieldIndex = 1;
  while (taken.has(`Signature${fieldIndex}`)) fieldIndex += 1;
  const fieldName = `Signature${fieldIndex}`;
  if (fieldsEntry instanceof PDFRef && existingFields) {
    const fields = existingFields.clone(context);
    fields.push(widgetPdf);
    write(fieldsEntry, fields);
  } else {
    const fields = existingFields ? existingFields.clone(context) : context.obj([]);
    fields.push(widgetPdf);
    acroForm.set(PDFName.of('Fields'), fields);
  }
  acroForm.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  if (acroFormRef !== null) write(acroFormRef, acroForm);
  else {
    const newRef = PDFRef.of(next++, 0);
    write(newRef, acroForm);
    const updatedCatalog = catalog.clone(context);
    updatedCatalog.set(PDFName.of('AcroForm'), newRef);
    write(catalogRef, updatedCatalog);
  }

  // The first page lists the widget among its annotations.
  const annotsEntry = page.node.get(PDFName.of('Annots'));
  const annots = context.lookupMaybe(annotsEntry, PDFArray);
  if (annotsEntry instanceof PDFRef && annots) {
    const updated = annots.clone(context);
    updated.push(widgetPdf);
    write(annotsEntry, updated);
  } else {
    const updatedPage = page.node.clone(context);
    const list = annots ? annots.clone(context) : context.obj([]);
    list.push(widgetPdf);
    updatedPage.set(PDFName.of('Annots'), list);
    write(page.ref, updatedPage);
  }

  const optional = (key: string, value: string | undefined): string =>
    value === undefined || value === '' ? '' : ` /${key} ${textString(value)}`;
  const sigHead = `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /${options.subFilter} /ByteRange ${BYTE_RANGE_PLACEHOLDER} /Contents <`;
  const sigTail =
    `> /M ${textString(pdfDate(options.signingTime))}${optional('Name', options.name)}${optional('Reason', options.reason)}` +
    `${optional('Location', options.location)}${optional('ContactInfo', options.contactInfo)}` +
    ` /Prop_Build << /App << /Name /Demo#20Ledger >> >> >>`;
  const widgetBody =
    `<< /Type /Annot /Subtype /Widget /FT /Sig /T ${textString(fieldName)} /V ${sigNumber} 0 R /P ${page.ref.toString()}` +
    ` /Rect [0 0 0 0] /F 132 >>`;

  // Assemble: original, then each object, then the cross-reference section and trailer.
  const parts: Uint8Array[] = [pdf];
  let offset = pdf.length;
  const push = (part: Uint8Array): void => {
    parts.push(part);
    offset += part.length;
  };
  if (pdf[pdf.length - 1] !== 0x0a && pdf[pdf.length - 1] !== 0x0d) push(asciiBytes('\n'));
  const offsets = new Map<number, { offset: number; generation: number }>();
  const sigStart = offset;
  offsets.set(sigNumber, { offset, generation: 0 });
  const sigPrefix = `${sigNumber} 0 obj\n${sigHead}`;
  push(asciiBytes(sigPrefix));
  const contentsOffset = offset;
  push(asciiBytes('0'.repeat(options.reserveBytes * 2)));
  push(asciiBytes(`${sigTail}\nendobj\n`));
  offsets.set(widgetNumber, { offset, generation: 0 });
  push(asciiBytes(`${widgetNumber} 0 obj\n${widgetBody}\nendobj\n`));
  for (const { ref, body } of changed.values()) {
    offsets.set(ref.objectNumber, { offset, generation: ref.generationNumber });
    push(
      concatBytes([
        asciiBytes(`${ref.objectNumber} ${ref.generationNumber} obj\n`),
        body,
        asciiBytes('\nendobj\n'),
      ]),
    );
  }
  const previous = lastStartXref(pdf);
  const trailerEntries = trailerText(context.trailerInfo, previous);
  const xrefOffset = offset;
  if (usesXrefStream(pdf, previous)) {
    const streamNumber = next++;
    offsets.set(streamNumber, { offset: xrefOffset, generation: 0 });
    push(xrefStream(offsets, streamNumber, next, trailerEntries));
  } else {
    push(asciiBytes(`${xrefTable(offsets)}trailer\n<< /Size ${next}${trailerEntries} >>\n`));
  }
  push(asciiBytes(`startxref\n${xrefOffset}\n%%EOF\n`));
  const bytes = concatBytes(parts);

  const contentsEnd = contentsOffset + options.reserveBytes * 2 + 1;
  const byteRange: [number, number, number, number] = [
    0,
    contentsOffset - 1,
    contentsEnd,
    bytes.length - contentsEnd,
  ];
  const rangeText =
    `[0 ${byteRange[1]} ${byteRange[2]} ${byteRange[3]}`.padEnd(
      BYTE_RANGE_PLACEHOLDER.length - 1,
      ' ',
    ) + ']';
  const rangeAt = sigStart + sigPrefix.indexOf(BYTE_RANGE_PLACEHOLDER);
  bytes.set(asciiBytes(rangeText), rangeAt);
  return { bytes, byteRange, contentsOffset, reserveBytes: options.reserveBytes, fieldName };
}

function trailerText(info: PDFDocument['context']['trailerInfo'], previous: number): string {
  const entries = [` /Root ${String(info.Root)}`];
  if (info.Info !== undefined) entries.push(` /Info ${String(info.Info)}`);
  if (info.ID !== undefined) entries.push(` /ID ${String(info.ID)}`);
  entries.push(` /Prev ${previous}`);
  return entries.join('');
}

function xrefTable(offsets: ReadonlyMap<number, { offset: number; generation: number }>): string {
  const numbers = [...offsets.keys()].sort((a, b) => a - b);
  let text = 'xref\n';
  for (let index = 0; index < numbers.length;) {
    let end = index;
    while (end + 1 < numbers.length && numbers[end + 1] === (numbers[end] ?? 0) + 1) end += 1;
    text += `${numbers[index]} ${end - index + 1}\n`;
    for (let at = index; at <= end; at += 1) {
      const entry = offsets.get(numbers[at] ?? 0);
      text += `${String(entry?.offset ?? 0).padStart(10, '0')} ${String(entry?.generation ?? 0).padStart(5, '0')} n\r\n`;
    }
    index = end + 1;
  }
  return text;
}

/** A cross-reference stream (uncompressed) for files whose previous section is a stream. */
function xrefStream(
  offsets: ReadonlyMap<number, { offset: number; generation: number }>,
  number: number,
  size: number,
  trailer: string,
): Uint8Array {
  const numbers = [...offsets.keys()].sort((a, b) => a - b);
  const index: number[] = [];
  for (let at = 0; at < numbers.length;) {
    let end = at;
    while (end + 1 < numbers.length && numbers[end + 1] === (numbers[end] ?? 0) + 1) end += 1;
    index.push(numbers[at] ?? 0, end - at + 1);
    at = end + 1;
  }
  const data = new Uint8Array(numbers.length * 7);
  numbers.forEach((objectNumber, row) => {
    const entry = offsets.get(objectNumber) ?? { offset: 0, generation: 0 };
    const view = new DataView(data.buffer, row * 7, 7);
    view.setUint8(0, 1);
    view.setUint32(1, entry.offset);
    view.setUint16(5, entry.generation);
  });
  return concatBytes([
    asciiBytes(
      `${number} 0 obj\n<< /Type /XRef /Size ${size} /Index [${index.join(' ')}] /W [1 4 2]${trailer} /Length ${data.length} >>\nstream\n`,
    ),
    data,
    asciiBytes('\nendstream\nendobj\n'),
  ]);
}
