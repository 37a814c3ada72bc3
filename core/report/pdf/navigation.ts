import type { PDFDocument, PDFRef } from '@cantoo/pdf-lib';
import { PDFArray, PDFHexString, PDFName, PDFNull, PDFNumber } from '@cantoo/pdf-lib';
import type { PageCanvas } from './canvas';
import { ARTIFACT } from './canvas';
import type { Flow, FlowPage, HeadingMark } from './flow';
import type { StructureTree } from './structure';

/** Contents page with links, bookmarks (the outline) and footers, once page numbers are final. */

function destination(
  doc: PDFDocument,
  pages: readonly FlowPage[],
  mark: HeadingMark,
  height: number,
): PDFArray {
  const page = pages[mark.pageIndex]?.page;
  if (page === undefined) throw new Error('a heading points to a missing page');
  const array = PDFArray.withContext(doc.context);
  array.push(page.ref);
  array.push(PDFName.of('XYZ'));
  array.push(PDFNull);
  array.push(PDFNumber.of(Math.round(height - mark.top + 6)));
  array.push(PDFNull);
  return array;
}

/**
 * Lays out the contents entries (level 1 and 2 headings) with dot leaders and page numbers.
 * Tagged as a TOC whose entries (TOCI) are links, level 2 entries nested under their level 1
 * entry; the leaders are artifacts.
 */
export function drawContents(
  toc: Flow,
  content: Flow,
  pageNumberOf: (mark: HeadingMark) => number,
): void {
  toc.heading('Contents', 1);
  toc.headings.pop();
  const marks = content.headings;
  toc.group('TOC', () => {
    for (let index = 0; index < marks.length;) {
      const mark = marks[index];
      if (mark === undefined) break;
      let end = index + 1;
      while (mark.level === 1 && marks[end]?.level === 2) end += 1;
      const children = marks.slice(index + 1, end);
      toc.group('TOCI', () => {
        contentsEntry(toc, mark, pageNumberOf(mark));
        if (children.length > 0)
          toc.group('TOC', () => {
            for (const child of children)
              toc.group('TOCI', () => contentsEntry(toc, child, pageNumberOf(child)));
          });
      });
      index = end;
    }
  });
}

function contentsEntry(toc: Flow, mark: HeadingMark, pageNumber: number): void {
  const size = toc.layout.type.body;
  const height = toc.lineHeight(size) + 2;
  toc.ensure(height);
  const indent = mark.level === 1 ? 0 : 14;
  const font = mark.level === 1 ? toc.fonts.bold : toc.fonts.regular;
  const number = String(pageNumber);
  const numberWidth = toc.fonts.regular.width(number, size);
  const available = toc.width - indent - numberWidth - 12;
  const [first = ''] = toc.wrap(mark.title, font, size, available);
  const title = first.length < mark.title.length ? `${first.slice(0, -1)}…` : first;
  const { canvas } = toc.current;
  const element = toc.tagged('Link', () => {
    canvas.text(title, toc.left + indent, toc.cursor, font, size, toc.text);
    const leaderStart = toc.left + indent + font.width(title, size) + 4;
    const leaderEnd = toc.left + toc.width - numberWidth - 4;
    if (leaderEnd > leaderStart) {
      const dot = toc.fonts.regular.width('.', size) * 1.8;
      const dots = '.'.repeat(Math.max(0, Math.floor((leaderEnd - leaderStart) / dot)));
      toc.artifact(
        () =>
          canvas.text(
            dots.split('').join(' '),
            leaderStart,
            toc.cursor,
            toc.fonts.regular,
            size * 0.9,
            toc.muted,
          ),
        ARTIFACT,
      );
    }
    canvas.text(
      number,
      toc.left + toc.width - numberWidth,
      toc.cursor,
      toc.fonts.regular,
      size,
      toc.text,
    );
  });
  toc.current.links.push({
    x: toc.left,
    top: toc.cursor - 1,
    width: toc.width,
    height,
    target: mark,
    element,
    description: `${mark.title}, page ${number}`,
  });
  toc.space(height);
}

export function addLinks(
  doc: PDFDocument,
  tocPages: readonly FlowPage[],
  contentPages: readonly FlowPage[],
  pageHeight: number,
  structure: StructureTree,
): void {
  for (const entry of tocPages) {
    for (const link of entry.links) {
      const ref = doc.context.nextRef();
      const annotation = doc.context.obj({
        Type: 'Annot',
        Subtype: 'Link',
        Rect: [
          link.x,
          pageHeight - link.top - link.height,
          link.x + link.width,
          pageHeight - link.top,
        ],
        Border: [0, 0, 0],
        Contents: PDFHexString.fromText(link.description),
        StructParent: structure.annotation(link.element, entry.structurePage, ref),
        Dest: destination(doc, contentPages, link.target, pageHeight),
      });
      doc.context.assign(ref, annotation);
      entry.page.node.addAnnot(ref);
    }
  }
}

/** Bookmarks: level 1 headings, with their level 2 headings nested (collapsed). */
export function addOutline(doc: PDFDocument, content: Flow, pageHeight: number): void {
  const { context } = doc;
  const marks = content.headings;
  if (marks.length === 0) return;
  const rootRef = context.nextRef();
  interface Node {
    mark: HeadingMark;
    ref: PDFRef;
    children: Node[];
  }
  const top: Node[] = [];
  for (const mark of marks) {
    const node: Node = { mark, ref: context.nextRef(), children: [] };
    const parent = top.at(-1);
    if (mark.level === 2 && parent !== undefined) parent.children.push(node);
    else top.push(node);
  }
  const writeLevel = (nodes: Node[], parentRef: PDFRef): void => {
    nodes.forEach((node, index) => {
      const dict = context.obj({});
      dict.set(PDFName.of('Title'), PDFHexString.fromText(node.mark.title));
      dict.set(PDFName.of('Parent'), parentRef);
      dict.set(PDFName.of('Dest'), destination(doc, content.pages, node.mark, pageHeight));
      const previous = nodes[index - 1];
      const next = nodes[index + 1];
      if (previous) dict.set(PDFName.of('Prev'), previous.ref);
      if (next) dict.set(PDFName.of('Next'), next.ref);
      const [first] = node.children;
      const last = node.children.at(-1);
      if (first && last) {
        dict.set(PDFName.of('First'), first.ref);
        dict.set(PDFName.of('Last'), last.ref);
        dict.set(PDFName.of('Count'), PDFNumber.of(-node.children.length));
      }
      context.assign(node.ref, dict);
      writeLevel(node.children, node.ref);
    });
  };
  writeLevel(top, rootRef);
  const [first] = top;
  const last = top.at(-1);
  if (!first || !last) return;
  context.assign(
    rootRef,
    context.obj({ Type: 'Outlines', First: first.ref, Last: last.ref, Count: top.length }),
  );
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/**
 * Footers (report id and title, `Page x / y`), drawn once the page count is known: pagination
 * artifacts, which a screen reader skips.
 */
export function drawFooters(
  flow: Flow,
  ordered: readonly FlowPage[],
  reportId: string,
  title: string,
): { entry: FlowPage; canvas: PageCanvas }[] {
  const size = flow.layout.type.footer;
  const top = flow.layout.page.height - flow.layout.page.margin.bottom + size * 1.8;
  const [left = ''] = flow.wrap(
    `Report ${reportId} · ${title}`,
    flow.fonts.regular,
    size,
    flow.width * 0.75,
  );
  return ordered.map((entry, index) => {
    const canvas = flow.overlay();
    const label = `Page ${index + 1} / ${ordered.length}`;
    const labelWidth = flow.fonts.regular.width(label, size);
    canvas.line(flow.left, top - 4, flow.left + flow.width, top - 4, flow.rule, 0.4);
    canvas.text(left, flow.left, top, flow.fonts.regular, size, flow.muted);
    canvas.text(
      label,
      flow.left + flow.width - labelWidth,
      top,
      flow.fonts.regular,
      size,
      flow.muted,
    );
    return { entry, canvas };
  });
}
