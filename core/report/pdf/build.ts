import { PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { controlMatrix } from '../derive';
import { evidenceManifest, MANIFEST_FILE_NAME } from '../manifest';
import { SIGN_OFFS_FILE_NAME } from '../../demo/sign-offs-file';
import { signOffsFile } from '../sign-offs';
import type { ReportLayout } from '../layout';
import type { ReportModel } from '../model';
import type { FontFiles, FontSet } from './fonts';
import { ReportFont } from './fonts';
import type { PageCanvas } from './canvas';
import { opacityKey } from './canvas';
import type { FlowPage } from './flow';
import { Flow } from './flow';
import { addLinks, addOutline, drawContents, drawFooters } from './navigation';
import { checkSection, drawSection } from './sections';
import { deflate } from './deflate';
import { setMetadata } from './metadata';
import { appendObjects } from './object-streams';
import { StructureTree } from './structure';
import { drawTitlePage } from './title';
import type { EmbeddedEntry } from './attachments';
import { contentSha256, embedFile, writeEmbeddedFiles } from './attachments';

/**
 * Report model + layout → PDF bytes. Pure (no Node, no DOM), so it runs in the renderer's Web
 * Worker, in the CLI and in benchmarks alike. The result is unsigned; signing is an
 * incremental update added by core/signing.
 */

export interface EvidenceAttachment {
  /** The evidence id in the model; the file's SHA-256 and size must match the model. */
  evidenceId: string;
  /** The file: bytes, or a Blob (read in slices, so a large file is never whole in memory). */
  data: Uint8Array | Blob;
}

/**
 * Evidence embedded in one report, at most: the PDF is built, sent to be signed and verified in
 * memory, so a report carrying more would strain the app; larger sets go by manifest only.
 */
export const MAX_EMBEDDED_EVIDENCE_BYTES = 512 * 1024 * 1024;

function mebibytes(bytes: number): string {
  return `${Math.ceil(bytes / 1024 / 1024)} MiB`;
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

/**
 * The attachment's name: the evidence file's own, reduced to characters every file system takes
 * (readers and `pdfdetach -saveall` write files under it), numbered before the extension when
 * another attachment, or the manifest, has it already.
 */
function attachmentName(name: string, taken: Set<string>): string {
  const safe =
    name
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^\.+/, '')
      .slice(-120) || 'evidence';
  const dot = safe.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [safe.slice(0, dot), safe.slice(dot)] : [safe, ''];
  let candidate = safe;
  for (let number = 2; taken.has(candidate); number += 1)
    candidate = `${stem}-${number}${extension}`;
  taken.add(candidate);
  return candidate;
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

  const files: EmbeddedEntry[] = [];
  const embedded = await embedEvidence(doc, model, options.attachments ?? [], report, files);
  const manifest = evidenceManifest(model, embedded);
  const manifestBytes = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
  const manifestSha256 = await contentSha256(manifestBytes);
  files.push(
    await embedFile(doc, {
      name: MANIFEST_FILE_NAME,
      data: manifestBytes,
      mimeType: 'application/json',
      description:
        'Evidence manifest: name, size, SHA-256, dates and source of every evidence file',
      created: new Date(model.generatedAt),
      modified: new Date(model.generatedAt),
      relationship: 'Data',
    }),
  );
  const signOffs = signOffsFile(model);
  if (signOffs !== null) {
    files.push(
      await embedFile(doc, {
        name: SIGN_OFFS_FILE_NAME,
        data: new TextEncoder().encode(`${JSON.stringify(signOffs, null, 2)}\n`),
        mimeType: 'application/json',
        description:
          'Demo sign-offs: each statement signed and its CMS signature, and legacy unsigned sign-offs',
        created: new Date(model.generatedAt),
        modified: new Date(model.generatedAt),
        relationship: 'Data',
      }),
    );
  }
  writeEmbeddedFiles(doc, files);

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
  const structure = new StructureTree();
  const content = new Flow(doc, fonts, layout, {
    structure,
    onSeal: (entry) => seal(entry),
    onRow: () => {
      rows += 1;
      if (rows % 250 === 0) report({ phase: 'layout', done: rows, total: totalRows });
    },
  });
  report({ phase: 'layout', done: 0, total: totalRows });
  const matrix = controlMatrix(model);
  drawTitlePage(content, model, manifestSha256);
  // In the reading order, too, the contents come after what the title page says.
  const afterTitle = structure.lastChild(structure.root);
  content.addPage();
  for (const section of layout.sections)
    drawSection({ flow: content, model, matrix, manifestSha256 }, section);
  // The last page is complete too: write it (pages are written as the flow leaves them).
  content.finish();

  // The contents pages go after the title page; their count is known once they are laid out.
  const beforeContents = structure.checkpoint();
  const toc = new Flow(doc, fonts, layout, { structure, after: afterTitle, insertAt: 1 });
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
    structure.rollback(beforeContents);
    const count = toc.pages.length;
    const second = new Flow(doc, fonts, layout, { structure, after: afterTitle, insertAt: 1 });
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
  addLinks(doc, toc.pages, content.pages, layout.page.height, structure);
  addOutline(doc, content, layout.page.height);
  await Promise.all(writes);

  setMetadata(doc, model, options.producer ?? 'Demo Ledger');
  structure.prepare(doc);
  report({ phase: 'saving', done: totalRows, total: totalRows });
  const saved = await doc.save({
    useObjectStreams: false,
    objectsPerTick: 200,
    updateFieldAppearances: false,
  });
  const tree = structure.objects(doc.context.largestObjectNumber + 1);
  const bytes = await appendObjects(saved, tree.objects, tree.end);
  report({ phase: 'done', done: totalRows, total: totalRows });
  return bytes;
}

async function writeCanvas(doc: PDFDocument, entry: FlowPage, canvas: PageCanvas): Promise<void> {
  for (const [key, font] of canvas.fontsUsed) {
    entry.page.node.setFontDictionary(PDFName.of(key), font.ref);
  }
  for (const opacity of canvas.opacitiesUsed) {
    entry.page.node.setExtGState(
      PDFName.of(opacityKey(opacity)),
      doc.context.obj({ Type: 'ExtGState', ca: opacity, CA: opacity }),
    );
  }
  const ref = doc.context.nextRef();
  entry.page.node.addContentStream(ref);
  const bytes = await deflate(canvas.take());
  doc.context.assign(ref, doc.context.stream(bytes, { Filter: 'FlateDecode' }));
}

/**
 * Embeds each evidence file after checking it against the model's size and SHA-256; a file
 * shared by several evidence entries (the same content) is embedded once.
 */
async function embedEvidence(
  doc: PDFDocument,
  model: ReportModel,
  attachments: readonly EvidenceAttachment[],
  report: (progress: BuildProgress) => void,
  files: EmbeddedEntry[],
): Promise<Map<string, string>> {
  const byId = new Map(model.evidence.map((item) => [item.id, item]));
  const sizes = new Map<string, number>();
  for (const attachment of attachments) {
    const item = byId.get(attachment.evidenceId);
    if (item) sizes.set(item.sha256, item.size);
  }
  const total = [...sizes.values()].reduce((sum, size) => sum + size, 0);
  if (total > MAX_EMBEDDED_EVIDENCE_BYTES) {
    throw new Error(
      `The evidence files to embed total ${mebibytes(total)}, more than the ${mebibytes(MAX_EMBEDDED_EVIDENCE_BYTES)} one report can carry. Export without embedding them: the manifest still lists every file with its SHA-256.`,
    );
  }
  const embedded = new Map<string, string>();
  const bySha256 = new Map<string, string>();
  const taken = new Set([MANIFEST_FILE_NAME, SIGN_OFFS_FILE_NAME]);
  for (const [index, attachment] of attachments.entries()) {
    report({ phase: 'attachments', done: index, total: attachments.length });
    const item = byId.get(attachment.evidenceId);
    if (item === undefined)
      throw new Error(`No evidence with id ${attachment.evidenceId} in the model.`);
    const size =
      attachment.data instanceof Uint8Array ? attachment.data.byteLength : attachment.data.size;
    if (size !== item.size || (await contentSha256(attachment.data)) !== item.sha256) {
      throw new Error(
        `The file for evidence ${item.id} (${item.name}) does not match its recorded size and SHA-256.`,
      );
    }
    const already = bySha256.get(item.sha256);
    if (already !== undefined) {
      embedded.set(item.id, already);
      continue;
    }
    const name = attachmentName(item.name, taken);
    files.push(
      await embedFile(doc, {
        name,
        data: attachment.data,
        mimeType: item.mediaType,
        description: `${item.name} (SHA-256 ${item.sha256})`,
        created: new Date(item.collectedAt),
        // An undated file has no modification date to give.
        ...(item.effectiveAt === undefined ? {} : { modified: new Date(item.effectiveAt) }),
        relationship: 'Source',
      }),
    );
    embedded.set(item.id, name);
    bySha256.set(item.sha256, name);
  }
  if (attachments.length > 0)
    report({ phase: 'attachments', done: attachments.length, total: attachments.length });
  return embedded;
}
