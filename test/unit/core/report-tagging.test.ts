import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber } from '@cantoo/pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Chart, ReportModel } from '../../../core/report/model';
import { parseReportModel } from '../../../core/report/model';
import { chartAltText, chartSpecAltText } from '../../../core/report/pdf/alt-text';
import { importSigningKey } from '../../../core/signing/keys';
import { signPdf } from '../../../core/signing/sign';
import { webCryptoSigner } from '../../../core/signing/signer';
import { verifyPdf } from '../../../core/signing/verify/index';
import { sampleCharts } from '../../support/charts';
import { identityValidAt, SUITE_NOW } from '../../support/clock';
import {
  buildExample,
  exampleModel,
  examplePostMortem,
  scratchDir,
  writeTo,
} from '../../tools/reports';
import { mustRun } from '../../tools/run';
import { checkTaggedPdf } from '../../tools/tagged-pdf';

/**
 * Every report kind is a tagged PDF: checked by walking the structure tree against the content
 * streams (test/tools/tagged-pdf.ts), and by poppler's own reading of it (`pdfinfo`,
 * `pdfinfo -struct-text`, `pdftotext`), before and after signing (`pdfsig`, our verifier).
 */

/** The example record grown past one page of contents and with a table over several pages. */
function longRecord(): ReportModel {
  const base = exampleModel('sprint-demo-record');
  const [item] = base.agenda;
  const [evidence] = base.evidence;
  if (item === undefined || evidence === undefined) throw new Error('the example has content');
  return parseReportModel({
    ...base,
    agenda: [
      ...base.agenda,
      ...Array.from({ length: 60 }, (_, index) => ({
        ...item,
        id: `item-extra-${index}`,
        title: `Follow-up walkthrough ${index + 1}`,
        observations: [],
        evidence: [],
        issues: [],
      })),
    ],
    evidence: [
      ...base.evidence,
      ...Array.from({ length: 150 }, (_, index) => ({
        ...evidence,
        id: `ev-extra-${index}`,
        name: `pipeline-run-${index}.xml`,
        sha256: index.toString(16).padStart(64, '0'),
      })),
    ],
    telemetryCharts: sampleCharts().map((spec, index) => ({
      id: `chart-${index + 1}`,
      evidence: evidence.id,
      spec,
    })),
  });
}

interface StructLine {
  role: string;
  text: string;
}

/** `pdfinfo -struct-text`: each element with the text poppler reads out of it, in order. */
function structure(file: string): StructLine[] {
  const lines: StructLine[] = [];
  for (const line of mustRun('pdfinfo', ['-struct-text', file]).split('\n')) {
    const text = /^\s*"(.*)"$/.exec(line);
    const last = lines.at(-1);
    if (text && last) last.text += text[1] ?? '';
    const role = /^\s*([A-Za-z0-9]+)(?: \((?:block|inline)\))?:?$/.exec(line);
    if (role) lines.push({ role: role[1] ?? '', text: '' });
  }
  return lines;
}

function textsOf(lines: readonly StructLine[], role: string): string[] {
  return lines.filter((line) => line.role === role).map((line) => line.text);
}

/**
 * Words pdftotext finds on the pages but poppler reads from no structure element: what is
 * drawn as an artifact (footers, repeated headers, leaders).
 */
function untaggedWords(file: string, lines: readonly StructLine[]): string[] {
  const tagged = lines.map((line) => line.text).join(' ');
  // pdftotext joins a word broken after a hyphen at a line's end and drops that hyphen
  // (`eslint-8-sarif-` / `formatter.sarif` reads `eslint-8-sarifformatter.sarif`), where the
  // tree has the cell's whole text: compare such words without their hyphens.
  const loose = tagged.replaceAll('-', '');
  const words = new Set(mustRun('pdftotext', [file, '-']).split(/\s+/).filter(Boolean));
  return [...words]
    .filter((word) => !tagged.includes(word) && !loose.includes(word.replaceAll('-', '')))
    .sort();
}

const REPORTS: Record<string, () => ReportModel> = {
  'sprint demo record': longRecord,
  'control evidence matrix': () => exampleModel('control-evidence-matrix'),
  'post-mortem': () => examplePostMortem(),
};

interface Built {
  bytes: Uint8Array;
  file: string;
  /** `pdfinfo -struct-text`, read once (it takes seconds on the long record). */
  lines: StructLine[];
}

describe('tagged report PDFs', () => {
  const built = new Map<string, Built>();

  beforeAll(async () => {
    const dir = scratchDir();
    for (const [name, model] of Object.entries(REPORTS)) {
      const bytes = await buildExample(model());
      const file = writeTo(dir, `${name.replace(/ /g, '-')}.pdf`, bytes);
      built.set(name, { bytes, file, lines: structure(file) });
    }
  }, 120_000);

  const report = (name: string): Built => {
    const entry = built.get(name);
    if (!entry) throw new Error(`no ${name} was built`);
    return entry;
  };

  it.each(Object.keys(REPORTS))(
    'the %s: every content item is tagged or an artifact, the ParentTree maps each back',
    async (name) => {
      const { bytes, file, lines } = report(name);
      const summary = await checkTaggedPdf(bytes);
      expect(summary.problems).toEqual([]);
      expect(summary.marked.tagged).toBeGreaterThan(50);
      expect(summary.marked.artifacts).toBeGreaterThan(0);
      for (const role of ['Document', 'H1', 'H2', 'P', 'Table', 'TR', 'TH', 'TD', 'TOC', 'Link'])
        expect(summary.roles.get(role), role).toBeGreaterThan(0);

      const info = mustRun('pdfinfo', [file]);
      expect(info).toMatch(/Tagged:\s+yes/);
      // The XMP metadata checkers read the title and language from: well-formed (xmllint).
      const xmp = mustRun('pdfinfo', ['-meta', file]);
      mustRun('xmllint', ['--noout', '-'], { input: xmp });
      const title = /^Title:\s+(\S.*)$/m.exec(info)?.[1];
      expect(xmp).toContain(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${title}</rdf:li>`);
      expect(xmp).toContain('<dc:language><rdf:Bag><rdf:li>en</rdf:li></rdf:Bag></dc:language>');
      expect(mustRun('qpdf', ['--check', file])).toContain('No syntax or stream encoding errors');

      // Poppler reads the text out of the tree; only pagination is left out of it.
      expect(lines[0]?.role).toBe('Document');
      const untagged = untaggedWords(file, lines);
      // Footers ("Report … · title", "Page x / y"), "(continued)" labels and contents leaders.
      for (const word of untagged)
        expect(word, untagged.join(' ')).toMatch(/^(Page|\/|·|\.|\(continued\))$/);
    },
    60_000,
  );

  it('reads in order: title page, contents, then the sections with their headings, lists, tables and figures', () => {
    const { file, lines } = report('sprint demo record');
    const headings = lines.filter((line) => /^H[1-6]$/.test(line.role));
    expect(headings[0]).toEqual({ role: 'H1', text: 'Sprint 14 demo — Checkout API' });
    expect(textsOf(lines, 'H2')).toEqual([
      'Contents',
      'Summary',
      'Attendees',
      'Agenda and observations',
      'Control verdicts',
      'Evidence',
      'Charts',
      'Issues raised',
      'Record sign-off and amendments',
      'Sign-off',
    ]);
    // The facts of the title page come before the contents, the contents before the summary.
    const order = lines.map((line) => line.text);
    const reportId = order.indexOf('DL-2026-11-26-CHK14');
    const contents = order.indexOf('Contents');
    expect(reportId).toBeGreaterThan(0);
    expect(contents).toBeGreaterThan(reportId);
    expect(order.indexOf('Summary', contents + 1)).toBeGreaterThan(contents);

    // Agenda items are sections of their own with H3, their parts H4, observations a list.
    expect(textsOf(lines, 'H3')).toContain('1. Card tokenisation service');
    expect(textsOf(lines, 'H4')).toContain('Observations');
    expect(textsOf(lines, 'Lbl')[0]).toBe('•');
    expect(textsOf(lines, 'LBody')).toContain(
      'Token vault reachable only from the edge subnet; shown with a failing curl from the order service. (Ömer Yıldız, 2026-11-26 14:12 UTC)',
    );
    // Header cells once, where the table starts, though the evidence table runs over pages.
    const text = mustRun('pdftotext', [file, '-']);
    expect(text).toContain('Evidence (continued)');
    expect(textsOf(lines, 'TH').filter((cell) => cell === 'SHA-256')).toHaveLength(1);
    expect(textsOf(lines, 'TD')).toContain('pipeline-run-149.xml');
  }, 60_000);

  it('gives the contents over two pages as links with the page each heading is on', async () => {
    const { bytes, file, lines } = report('sprint demo record');
    const pages = mustRun('pdftotext', [file, '-']).split('\f');
    expect(pages[1]).toContain('Contents');
    expect(pages[2]).toContain('Follow-up walkthrough 60');
    // Each entry reads as its title and page number; its annotation says where it goes.
    const links = textsOf(lines, 'Link');
    const doc = await PDFDocument.load(bytes);
    const annotations = [1, 2]
      .map((index) => doc.getPage(index).node.lookup(PDFName.of('Annots'), PDFArray).size())
      .reduce((sum, count) => sum + count, 0);
    expect(links).toHaveLength(annotations);
    expect(links.find((link) => link.startsWith('Summary'))).toMatch(/^Summary\d+$/);
    const contentsPage = doc.getPage(1).node;
    const annotation = contentsPage.lookup(PDFName.of('Annots'), PDFArray).lookup(0, PDFDict);
    expect(annotation.get(PDFName.of('StructParent'))).toBeInstanceOf(PDFNumber);
    expect(annotation.lookup(PDFName.of('Contents'), PDFHexString).decodeText()).toMatch(
      /^Summary, page \d+$/,
    );
    expect(contentsPage.get(PDFName.of('Tabs'))?.toString()).toBe('/S');
  }, 60_000);

  it('describes each chart in words: the figures it is drawn from', async () => {
    const summary = await checkTaggedPdf(report('sprint demo record').bytes);
    // The summary's verdicts chart, the record's charts, the telemetry charts.
    const { charts } = exampleModel('sprint-demo-record');
    expect(summary.figures).toHaveLength(1 + charts.length + sampleCharts().length);
    expect(summary.figures).toContain(
      'Verdicts by demo (controls), stacked bar chart. Sprint 14: Satisfied 4, Not satisfied 2, Not applicable 0, Exception 1.',
    );
    expect(
      summary.figures.find((alt) => alt.startsWith('Failed and successful logins.')),
    ).toContain('Failed logins: 1,710.');
  }, 60_000);

  it('stays tagged through signing and co-signing; pdfsig and our verifier accept both signatures', async () => {
    const first = await identityValidAt({ name: 'Dana Whitfield' }, 'ecdsa-p256', SUITE_NOW);
    const second = await identityValidAt({ name: 'Ömer Yıldız' }, 'ecdsa-p256', SUITE_NOW);
    const signer = async (identity: typeof first) =>
      webCryptoSigner(await importSigningKey(identity.privateKey), identity.certificate);
    const { bytes } = report('control evidence matrix');
    const signed = await signPdf(bytes, await signer(first));
    const cosigned = await signPdf(signed, await signer(second));
    const file = writeTo(scratchDir(), 'cosigned.pdf', cosigned);

    const pdfsig = mustRun('pdfsig', [file]);
    expect(pdfsig.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    const verdict = await verifyPdf(cosigned, { trusted: [first.certificate, second.certificate] });
    expect(verdict.verdict).toBe('valid');
    expect(verdict.tampering.detected).toBe(false);

    expect(mustRun('pdfinfo', [file])).toMatch(/Tagged:\s+yes/);
    expect((await checkTaggedPdf(cosigned)).problems).toEqual([]);
  }, 60_000);

  it('the checker finds untagged content and a ParentTree that points elsewhere', async () => {
    const doc = await PDFDocument.load(report('post-mortem').bytes);
    const page = doc.getPage(2);
    page.drawText('Added later', { x: 50, y: 50, size: 10 });
    page.node.delete(PDFName.of('StructParents'));
    const problems = (await checkTaggedPdf(await doc.save())).problems;
    expect(problems).toContain('page 3: "Tj" is neither tagged nor an artifact');
    expect(problems.some((problem) => /^page 3: the ParentTree maps MCID 0/.test(problem))).toBe(
      true,
    );
  }, 60_000);
});

describe('alternate text of charts', () => {
  it('gives every value of a report chart by category', () => {
    const chart: Chart = {
      id: 'c',
      title: 'Findings',
      kind: 'bar',
      unit: 'findings',
      categories: ['S1', 'S2'],
      series: [
        { name: 'P1', values: [1, 0] },
        { name: 'P2', values: [2, 1.5] },
      ],
    };
    expect(chartAltText(chart)).toBe(
      'Findings (findings), bar chart. S1: P1 1, P2 2. S2: P1 0, P2 1.5.',
    );
  });

  it('counts the rows it has no room for instead of dropping them silently', () => {
    const [spec] = sampleCharts();
    if (!spec) throw new Error('a sample chart');
    const rows = Array.from({ length: 400 }, (_, index) => ({
      figure: `Burst ${index} with a long description of what happened in it`,
      value: index,
    }));
    const alt = chartSpecAltText({ ...spec, figures: { ...spec.figures, rows } });
    expect(alt.length).toBeLessThanOrEqual(4100);
    expect(alt).toMatch(/… and \d+ more rows\.$/);
    expect(alt.startsWith(`${spec.title}. ${spec.description}`)).toBe(true);
  });
});
