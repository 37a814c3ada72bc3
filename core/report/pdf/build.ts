import { AFRelationship, PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { controlMatrix } from '../derive';
import { evidenceManifest, MANIFEST_FILE_NAME } from '../manifest';
import type { ReportLayout } from '../layout';
import type { ReportModel } from '../model';
import type { FontFiles, FontSet } from './fonts';
import { ReportFont } from './fonts';
import type { PageCanvas } from './canvas';
import type { FlowPage } from './flow';
import { Flow } from './flow';
import { addLinks, addOutline, drawContents, drawFooters } from './navigation';
import { checkSection, drawSection } from './sections';
import { drawTitlePage } from './title';

/**
 * Report model + layout → PDF bytes. Pure (no Node, no DOM), so it runs in the renderer's Web
 * Worker, in the CLI and in benchmarks alike. The result is unsigned; signing is an
 * incremental update added by core/signing.
 */

export interface EvidenceAttachment {
  /** The evidence id in the model; the file's SHA-256 and size must match the model. */
  evidenceId: string;
  bytes: Uint8Array;
}

export interface BuildProgress {
  phase: 'layout' | 'attachments' | 'saving' | 'done';
  done: number;
  total: number;
}

export interface BuildOptions {
  layout: ReportLayout;
  fonts: FontFiles;
  /** Evidence files to embed (optional): each is checked against the model's hash. */
  attachments?: readonly EvidenceAttachment[];
  producer?: string;
  onProgress?: (progress: BuildProgress) => void;
  signal?: AbortSignal;
}

export class BuildCancelled extends Error {
  override readonly name = 'BuildCancelled';
  constructor() {
    super('The report build was cancelled.');
  }
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function attachmentName(id: string, name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(-120);
  return `${id}-${safe}`;
}

export async function buildReportPdf(
  model: ReportModel,
  options: BuildOptions,
): Promise<Uint8Array> {
  const { layout } = options;
  if (layout.kind !== model.kind) {
    throw new Error(`The layout is for ${layout.kind} reports, the model is a ${model.kind}.`);
  }
  layout.sections.forEach(checkSection);
  const report = (progress: BuildProgress): void => {
    if (options.signal?.aborted) throw new BuildCancelled();
    options.onProgress?.(progress);
  };

  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit((await import('@cantoo/fontkit')).default);
  const fonts: FontSet = {
    regular: await ReportFont.embed(doc, options.fonts.regular, 'DLREGA'),
    bold: await ReportFont.embed(doc, options.fonts.bold, 'DLBOLB'),
  };

  const embedded = await embedEvidence(doc, model, options.attachments ?? [], report);
  const manifest = evidenceManifest(model, embedded);
  const manifestBytes = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
  const manifestSha256 = await sha256Hex(manifestBytes);
  await doc.attach(manifestBytes, MANIFEST_FILE_NAME, {
    mimeType: 'application/json',
    description: 'Evidence manifest: name, size, SHA-256, dates and source of every evidence file',
    creationDate: new Date(model.generatedAt),
    modificationDate: new Date(model.generatedAt),
    afRelationship: AFRelationship.Data,
  });

  const totalRows =
    model.evidence.length +
    model.verdicts.length +
    model.issues.length +
    model.controls.length +
    model.attendees.length;
  let rows = 0;
  // Each finished page is deflated right away (natively, off the main thread) and its operators
  // dropped, so memory stays flat however long the report is.
  const writes: Promise<void>[] = [];
  const seal = (entry: FlowPage, canvas = entry.canvas): void => {
    writes.push(writeCanvas(doc, entry, canvas));
  };
  const content = new Flow(doc, fonts, layout, {
    onSeal: (entry) => seal(entry),
    onRow: () => {
      rows += 1;
      if (rows % 250 === 0) report({ phase: 'layout', done: rows, total: totalRows });
    },
  });
  report({ phase: 'layout', done: 0, total: totalRows });
  const matrix = controlMatrix(model);
  drawTitlePage(content, model, manifestSha256);
  content.addPage();
  for (const section of layout.sections)
    drawSection({ flow: content, model, matrix, manifestSha256 }, section);

  // The contents pages go after the title page; their count is known once they are laid out.
  const toc = new Flow(doc, fonts, layout, { insertAt: 1 });
  const contentsStart = 1;
  const tocPageCount = (): number => toc.pages.length;
  drawContents(
    toc,
    content,
    (mark) => mark.pageIndex + (mark.pageIndex >= contentsStart ? tocPageCount() : 0) + 1,
  );
  if (toc.pages.length > 1) {
    // More than one contents page shifts the numbers already printed; lay them out again.
    for (const entry of toc.pages) doc.removePage(doc.getPages().indexOf(entry.page));
    const count = toc.pages.length;
    const second = new Flow(doc, fonts, layout, { insertAt: 1 });
    drawContents(
      second,
      content,
      (mark) => mark.pageIndex + (mark.pageIndex >= contentsStart ? count : 0) + 1,
    );
    toc.pages.splice(0, toc.pages.length, ...second.pages);
  }
  const [titlePage, ...bodyPages] = content.pages;
  const ordered: FlowPage[] = [...(titlePage ? [titlePage] : []), ...toc.pages, ...bodyPages];
  for (const entry of toc.pages) seal(entry);
  for (const { entry, canvas } of drawFooters(content, ordered, model.id, model.title))
    seal(entry, canvas);
  addLinks(doc, toc.pages, content.pages, layout.page.height);
  addOutline(doc, content, layout.page.height);
  await Promise.all(writes);

  setMetadata(doc, model, options.producer ?? 'Demo Ledger');
  report({ phase: 'saving', done: totalRows, total: totalRows });
  const bytes = await doc.save({
    useObjectStreams: false,
    objectsPerTick: 200,
    updateFieldAppearances: false,
  });
  report({ phase: 'done', done: totalRows, total: totalRows });
  return bytes;
}

/**
 * Page content, deflated with the platform's own zlib (CompressionStream): several times
 * faster than pdf-lib's JavaScript deflate on large reports, and it runs off the main thread.
 */
async function deflateNow(text: string): Promise<Uint8Array> {
  const compressed = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(compressed).arrayBuffer());
}

/** Each zlib stream holds a few hundred KiB of state: a handful at a time, not one per page. */
const DEFLATE_CONCURRENCY = 4;
let running = 0;
const waiting: (() => void)[] = [];

async function deflate(text: string): Promise<Uint8Array> {
  if (running >= DEFLATE_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await deflateNow(text);
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

async function writeCanvas(doc: PDFDocument, entry: FlowPage, canvas: PageCanvas): Promise<void> {
  for (const [key, font] of canvas.fontsUsed) {
    entry.page.node.setFontDictionary(PDFName.of(key), font.ref);
  }
  const ref = doc.context.nextRef();
  entry.page.node.addContentStream(ref);
  const bytes = await deflate(canvas.take());
  doc.context.assign(ref, doc.context.stream(bytes, { Filter: 'FlateDecode' }));
}

async function embedEvidence(
  doc: PDFDocument,
  model: ReportModel,
  attachments: readonly EvidenceAttachment[],
  report: (progress: BuildProgress) => void,
): Promise<Map<string, string>> {
  const byId = new Map(model.evidence.map((item) => [item.id, item]));
  const embedded = new Map<string, string>();
  for (const [index, attachment] of attachments.entries()) {
    report({ phase: 'attachments', done: index, total: attachments.length });
    const item = byId.get(attachment.evidenceId);
    if (item === undefined)
      throw new Error(`No evidence with id ${attachment.evidenceId} in the model.`);
    const digest = await sha256Hex(attachment.bytes);
    if (digest !== item.sha256 || attachment.bytes.byteLength !== item.size) {
      throw new Error(
        `The file for evidence ${item.id} (${item.name}) does not match its recorded size and SHA-256.`,
      );
    }
    const name = attachmentName(item.id, item.name);
    await doc.attach(attachment.bytes, name, {
      mimeType: item.mediaType,
      description: `${item.name} (SHA-256 ${item.sha256})`,
      creationDate: new Date(item.collectedAt),
      modificationDate: new Date(item.effectiveAt ?? item.collectedAt),
      afRelationship: AFRelationship.Source,
    });
    embedded.set(item.id, name);
  }
  return embedded;
}

function setMetadata(doc: PDFDocument, model: ReportModel, producer: string): void {
  doc.setTitle(model.title, { showInWindowTitleBar: true });
  doc.setSubject(
    `${model.kind === 'sprint-demo-record' ? 'Sprint demo compliance record' : 'Control evidence matrix'}, ${model.period.start} to ${model.period.end}`,
  );
  doc.setAuthor(model.generatedBy || 'Demo Ledger');
  doc.setKeywords(['compliance', 'evidence', model.kind, `report-id:${model.id}`]);
  doc.setCreator('Demo Ledger');
  doc.setProducer(producer);
  doc.setCreationDate(new Date(model.generatedAt));
  doc.setModificationDate(new Date(model.generatedAt));
  doc.setLanguage(model.language);
}
