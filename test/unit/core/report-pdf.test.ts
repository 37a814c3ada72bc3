import { PDFArray, PDFDict, PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { controlMatrix } from '../../../core/report/derive';
import { parseLayout } from '../../../core/report/layout';
import { defaultLayout } from '../../../core/report/layouts';
import { parseReportModel, ReportModelError } from '../../../core/report/model';
import { buildReportPdf } from '../../../core/report/pdf/build';
import { niceStep } from '../../../core/report/pdf/charts';
import { reportFonts } from '../../../cli/report-assets';
import { buildExample, exampleModel, scratchDir, writeTo } from '../../tools/reports';
import { mustRun } from '../../tools/run';

describe('report PDF', () => {
  it('lays out the sprint demo record with contents, footers, bookmarks, metadata and an embedded subset font', async () => {
    const model = exampleModel('sprint-demo-record');
    const pdf = await buildExample(model);
    const file = writeTo(scratchDir(), 'record.pdf', pdf);

    expect(mustRun('qpdf', ['--check', file])).toContain('No syntax or stream encoding errors');
    const info = mustRun('pdfinfo', [file]);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(info).toContain('Title:           Sprint 14 demo — Checkout API');
    expect(info).toContain('Author:          Dana Whitfield');
    expect(info).toContain('report-id:DL-2026-11-26-CHK14');

    const fonts = mustRun('pdffonts', [file]);
    expect(fonts).toMatch(/DLREGA\+DejaVuSans\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(fonts).toMatch(/DLBOLB\+DejaVuSans-Bold\s+CID TrueType\s+Identity-H\s+yes yes yes/);

    const text = mustRun('pdftotext', ['-layout', file, '-']);
    const pageTexts = text.split('\f').filter((page) => page.trim() !== '');
    expect(pageTexts).toHaveLength(pages);
    pageTexts.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} / ${pages}`);
      expect(page).toContain('Report DL-2026-11-26-CHK14');
    });
    expect(pageTexts[1]).toContain('Contents');
    expect(pageTexts[1]).toMatch(/Agenda and observations[ .]+\d/);
    // Unicode names survive (subset font with a ToUnicode map).
    expect(text).toContain('Ömer Yıldız');
    expect(text).toContain('5855d2b80c8a27d0c1a0956624dc9fa05ffea27e20e77fad9d62bc66cf77065f');
    expect(text).toContain('Admin console exposed on staging port 18443');

    const doc = await PDFDocument.load(pdf);
    const outlines = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict);
    expect(outlines.get(PDFName.of('Count'))?.toString()).toBe('9');
    const contentsAnnots = doc.getPage(1).node.lookup(PDFName.of('Annots'), PDFArray);
    expect(contentsAnnots.size()).toBeGreaterThanOrEqual(9);
    const firstLink = contentsAnnots.lookup(0, PDFDict);
    expect(firstLink.get(PDFName.of('Subtype'))?.toString()).toBe('/Link');
    expect(firstLink.lookup(PDFName.of('Dest'), PDFArray).size()).toBe(5);
  }, 300_000);

  it('draws charts as vector paths, not images', async () => {
    const pdf = await buildExample(exampleModel('sprint-demo-record'));
    const file = writeTo(scratchDir(), 'charts.pdf', pdf);
    expect(mustRun('pdfimages', ['-list', file]).trim().split('\n')).toHaveLength(2); // header lines only
    const page = mustRun('qpdf', ['--qdf', '--object-streams=disable', file, '-']);
    expect(page).toMatch(/ re f/);
    expect(page).toMatch(/ m [\d.]+ [\d.]+ l/);
  }, 300_000);

  it('builds the control evidence matrix with verdicts across demos and gaps', async () => {
    const model = exampleModel('control-evidence-matrix');
    const rows = controlMatrix(model);
    const ac2 = rows.find((row) => row.ref === 'nist-sp-800-53-rev5#ac-2');
    expect([...(ac2?.byDemo.values() ?? [])].map((judged) => judged.outcome)).toEqual([
      'not-satisfied',
      'satisfied',
      'satisfied',
    ]);
    expect(rows.find((row) => row.ref === 'nist-sp-800-53-rev5#au-6')?.gaps).toEqual([
      'never judged',
      'no evidence',
    ]);
    expect(rows.find((row) => row.ref === 'nist-sp-800-53-rev5#pe-3')?.gaps).toEqual([]);
    const file = writeTo(scratchDir(), 'matrix.pdf', await buildExample(model));
    const text = mustRun('pdftotext', ['-layout', file, '-']);
    expect(text).toContain('Control evidence matrix');
    // One line per demo in the verdicts cell.
    expect(text).toMatch(/Account\s+Sprint 12 ✗[^\n]*\nac-2[^\n]*Sprint 13 ✓/);
    expect(text).toContain('Exceptions and their expiry');
    expect(text).toContain('2027-01-31');
  }, 300_000);

  it('embeds evidence files only when they match the recorded hash', async () => {
    const model = exampleModel('sprint-demo-record');
    await expect(
      buildExample(model, [
        { evidenceId: 'ev-nmap', data: new TextEncoder().encode('not the scan') },
      ]),
    ).rejects.toThrow(/does not match its recorded size and SHA-256/);
  });

  it('reports the path of invalid model fields and broken cross references', () => {
    const model = exampleModel('sprint-demo-record');
    expect(() =>
      parseReportModel({ ...model, evidence: [{ ...model.evidence[0], sha256: 'abc' }] }),
    ).toThrow(/evidence\.0\.sha256: expected a SHA-256 hex digest/);
    expect(() =>
      parseReportModel({
        ...model,
        verdicts: [{ control: 'nist-sp-800-53-rev5#ac-2', outcome: 'exception' }],
      }),
    ).toThrow(/verdicts\.0\.exceptionExpires: an exception needs an expiry date/);
    expect(() =>
      parseReportModel({ ...model, agenda: [{ ...model.agenda[0], evidence: ['nope'] }] }),
    ).toThrow(ReportModelError);
    // The PDF's /Lang is what a screen reader speaks the text in: a language tag, or nothing.
    for (const language of ['English', 'en_GB', 'x-klingon', ''])
      expect(() => parseReportModel({ ...model, language }), language).toThrow(
        /language: expected a BCP 47 language tag such as en or en-GB/,
      );
    expect(parseReportModel({ ...model, language: 'pt-BR' }).language).toBe('pt-BR');
  });

  it('refuses a layout naming a column its section does not know', async () => {
    const layout = parseLayout({
      ...defaultLayout('sprint-demo-record'),
      sections: [
        {
          type: 'evidence',
          title: 'Evidence',
          columns: [{ key: 'colour', header: 'Colour', width: 1 }],
        },
      ],
    });
    await expect(
      buildReportPdf(exampleModel('sprint-demo-record'), { layout, fonts: await reportFonts() }),
    ).rejects.toThrow(/unknown columns: colour/);
  });

  it('picks round axis steps', () => {
    expect(niceStep(7)).toBe(2);
    expect(niceStep(100)).toBe(50);
    expect(niceStep(0.31)).toBe(0.1);
  });
});
