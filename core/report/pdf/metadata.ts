import type { PDFDocument } from '@cantoo/pdf-lib';
import { PDFDict, PDFHexString, PDFName } from '@cantoo/pdf-lib';
import { escapeXml } from '../../charts/svg';
import type { ReportModel } from '../model';
import { REPORT_KIND_LABELS } from '../model';

/**
 * The report's document information, twice: the information dictionary (`pdfinfo`) and an XMP
 * metadata stream in the catalog, which is where accessibility checkers (PDF/UA) and document
 * systems read the title and language. The XMP is written from the dictionary's own values, so
 * the two never differ.
 */
export function setMetadata(doc: PDFDocument, model: ReportModel, producer: string): void {
  doc.setTitle(model.title, { showInWindowTitleBar: true });
  const head = model.ledger?.auditHead;
  doc.setSubject(
    `${REPORT_KIND_LABELS[model.kind]}, ${model.period.start} to ${model.period.end}${head ? `; audit log head ${head.seq} ${head.hash}` : ''}`,
  );
  doc.setAuthor(model.generatedBy || 'Demo Ledger');
  doc.setKeywords([
    'compliance',
    'evidence',
    model.kind,
    `report-id:${model.id}`,
    ...(head ? [`audit-head:${head.seq}:${head.hash}`] : []),
  ]);
  // A custom document-information entry, readable with `pdfinfo -custom`. setTitle above made
  // the information dictionary.
  const info = doc.context.lookup(doc.context.trailerInfo.Info);
  if (head && info instanceof PDFDict)
    info.set(PDFName.of('AuditLogHead'), PDFHexString.fromText(`${head.seq} ${head.hash}`));
  doc.setCreator('Demo Ledger');
  doc.setProducer(producer);
  doc.setCreationDate(new Date(model.generatedAt));
  doc.setModificationDate(new Date(model.generatedAt));
  doc.setLanguage(model.language);
  writeXmp(doc, model);
}

/** An XMP date: the instant in UTC, to the second (as the information dictionary has it). */
function xmpDate(instant: string): string {
  return new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function writeXmp(doc: PDFDocument, model: ReportModel): void {
  const text = (value: string | undefined): string => escapeXml(value ?? '');
  const alt = (value: string | undefined): string =>
    `<rdf:Alt><rdf:li xml:lang="x-default">${text(value)}</rdf:li></rdf:Alt>`;
  const date = xmpDate(model.generatedAt);
  const xmp = [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about=""',
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
    ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(doc.getTitle())}</dc:title>`,
    `<dc:description>${alt(doc.getSubject())}</dc:description>`,
    `<dc:creator><rdf:Seq><rdf:li>${text(doc.getAuthor())}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:language><rdf:Bag><rdf:li>${text(model.language)}</rdf:li></rdf:Bag></dc:language>`,
    `<pdf:Keywords>${text(doc.getKeywords())}</pdf:Keywords>`,
    `<pdf:Producer>${text(doc.getProducer())}</pdf:Producer>`,
    `<xmp:CreatorTool>${text(doc.getCreator())}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ].join('\n');
  // Uncompressed, as XMP is meant to be found by tools that do not read PDF.
  const stream = doc.context.stream(new TextEncoder().encode(xmp), {
    Type: 'Metadata',
    Subtype: 'XML',
  });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}
