import { PDFArray, PDFDict, PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { appendObjects } from '../../../core/report/pdf/object-streams';
import { setMetadata } from '../../../core/report/pdf/metadata';
import { StructureTree } from '../../../core/report/pdf/structure';
import { examplePostMortem, scratchDir, writeTo } from '../../tools/reports';
import { mustRun } from '../../tools/run';
import { checkTaggedPdf } from '../../tools/tagged-pdf';

/**
 * The structure tree's writer on its own: a document with more ParentTree keys than one
 * number-tree dictionary holds (2,048), so the ParentTree is split into leaves, as in reports of
 * some thousand pages.
 */

const PAGES = 2_100;

async function taggedDocument(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  setMetadata(doc, examplePostMortem(), 'Demo Ledger');
  const tree = new StructureTree();
  // The first paragraph runs over the first two pages: marked content on a page other than its
  // element's own is referenced by an MCR.
  const spanning = tree.element('P', tree.root);
  for (let index = 0; index < PAGES; index += 1) {
    const page = doc.addPage([200, 200]);
    const number = tree.addPage(page.ref, page.node);
    const element = index <= 1 ? spanning : tree.element('P', tree.root);
    const mcid = tree.mark(element, number);
    const operators = `/Artifact BMC 0 0 200 1 re f EMC\n/P << /MCID ${mcid} >> BDC 10 10 50 50 re f EMC`;
    page.node.addContentStream(doc.context.register(doc.context.flateStream(operators)));
  }
  tree.prepare(doc);
  const saved = await doc.save({ useObjectStreams: false });
  const { end, objects } = tree.objects(doc.context.largestObjectNumber + 1);
  return appendObjects(saved, objects, end);
}

describe('the structure tree of a long document', () => {
  it('splits the ParentTree into leaves with their limits; every MCID maps back to its element', async () => {
    const bytes = await taggedDocument();
    const summary = await checkTaggedPdf(bytes);
    expect(summary.problems).toEqual([]);
    expect(summary.marked).toEqual({ tagged: PAGES, artifacts: PAGES });
    expect(summary.roles.get('P')).toBe(PAGES - 1);

    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    const kids = root
      .lookup(PDFName.of('ParentTree'), PDFDict)
      .lookup(PDFName.of('Kids'), PDFArray);
    const limits = kids
      .asArray()
      .map((_, index) => kids.lookup(index, PDFDict).lookup(PDFName.of('Limits'), PDFArray))
      .map((pair) => pair.asArray().map(String));
    expect(limits).toEqual([
      ['0', '2047'],
      ['2048', String(PAGES - 1)],
    ]);

    // The paragraph over two pages: its MCID on the first page, a reference to the second.
    const document = root.lookup(PDFName.of('K'), PDFDict);
    const paragraph = document.lookup(PDFName.of('K'), PDFArray).lookup(0, PDFDict);
    const parts = paragraph.lookup(PDFName.of('K'), PDFArray);
    expect(parts.size()).toBe(2);
    expect(parts.lookup(1, PDFDict).get(PDFName.of('Type'))).toBe(PDFName.of('MCR'));

    const file = writeTo(scratchDir(), 'long.pdf', bytes);
    expect(mustRun('pdfinfo', [file])).toMatch(/Tagged:\s+yes/);
    expect(mustRun('qpdf', ['--check', file])).toContain('No syntax or stream encoding errors');
  }, 60_000);

  it('refuses to write an object over one pdf-lib wrote', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.addPage([100, 100]);
    const saved = await doc.save({ useObjectStreams: false });
    const taken = doc.context.largestObjectNumber;
    await expect(appendObjects(saved, [[taken, '<< >>']], taken + 1)).rejects.toThrow(
      `object ${taken} is numbered twice`,
    );
  });
});
