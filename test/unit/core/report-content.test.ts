import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHART_FORMAT } from '../../../core/charts/series';
import { controlMatrix } from '../../../core/report/derive';
import { evidenceDateText } from '../../../core/report/evidence-dates';
import { EvidenceManifest, evidenceManifest } from '../../../core/report/manifest';
import type { ReportModel, ReportModelInput } from '../../../core/report/model';
import { parseReportModel } from '../../../core/report/model';
import type { EvidenceAttachment } from '../../../core/report/pdf/build';
import { MAX_EMBEDDED_EVIDENCE_BYTES } from '../../../core/report/pdf/build';
import { sampleCharts } from '../../support/charts';
import {
  buildExample,
  exampleModel,
  examplePostMortem,
  scratchDir,
  writeTo,
} from '../../tools/reports';
import { mustRun } from '../../tools/run';

const HEAD = { seq: 4217, hash: 'c0ffee'.repeat(10) + 'abcd' };
const SC8 = 'nist-sp-800-53-rev5#sc-8';

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The shipped example record, with what the app adds: questions, sign-offs, charts, the audit head. */
function recordWithEverything(chartBytes: Uint8Array, binary: Uint8Array): ReportModel {
  const base = exampleModel('sprint-demo-record');
  const [first, ...rest] = base.agenda;
  if (!first) throw new Error('the example has agenda items');
  const input: ReportModelInput = {
    ...base,
    ledger: { auditHead: HEAD },
    demos: base.demos.map((demo) => ({
      ...demo,
      facilitator: 'Alex Moreno',
      startedAt: '2026-11-26T14:00:00Z',
      signOff: {
        by: 'Dana Whitfield',
        role: 'Auditor',
        at: '2026-11-26T15:40:00Z',
        digest: 'a'.repeat(64),
      },
      amendments: [
        {
          number: 1,
          reason: 'Record the answer about key rotation',
          openedBy: 'Dana Whitfield',
          openedAt: '2026-11-27T09:00:00Z',
          signOff: {
            by: 'Dana Whitfield',
            role: 'Auditor',
            at: '2026-11-27T09:20:00Z',
            digest: 'b'.repeat(64),
          },
        },
      ],
      recordDigest: 'b'.repeat(64),
    })),
    agenda: [
      {
        ...first,
        key: 'PAY-142',
        observations: [
          ...first.observations,
          {
            text: 'Rotation runs every 90 days.\nThe last run was on 2026-11-01.',
            author: 'Dana Whitfield',
            amendment: 1,
          },
        ],
        questions: [
          {
            text: 'Who can read the token vault logs?',
            author: 'Ömer Yıldız',
            at: '2026-11-26T14:20:00Z',
            answer: 'Only the vault operators group.',
            answeredAt: '2026-11-27T09:10:00Z',
          },
          { text: 'Is the HSM firmware pinned?', author: 'Dana Whitfield' },
        ],
        evidence: [...first.evidence, 'ev-chart', 'ev-binary'],
      },
      ...rest,
    ],
    evidence: [
      ...base.evidence,
      {
        id: 'ev-chart',
        name: 'telemetry-logins.json',
        size: chartBytes.byteLength,
        sha256: sha256(chartBytes),
        mediaType: 'application/json',
        collectedAt: '2026-11-26T10:00:00Z',
        controls: ['nist-sp-800-53-rev5#si-4'],
      },
      {
        id: 'ev-binary',
        name: 'heap-dump.bin',
        size: binary.byteLength,
        sha256: sha256(binary),
        collectedAt: '2026-11-26T10:05:00Z',
      },
    ],
    telemetryCharts: sampleCharts().map((spec, index) => ({
      id: `chart-${index + 1}`,
      evidence: 'ev-chart',
      spec,
    })),
  };
  return parseReportModel(input);
}

function binaryEntry(model: ReportModel): ReportModel['evidence'][number] {
  const entry = model.evidence.find((item) => item.id === 'ev-binary');
  if (!entry) throw new Error('the model has the heap dump');
  return entry;
}

describe('report content from the ledger', () => {
  const charts = sampleCharts();
  const chartBytes = new TextEncoder().encode(JSON.stringify(charts[0]));
  const binary = new Uint8Array(randomBytes(3 * 1024 * 1024 + 17));
  const model = recordWithEverything(chartBytes, binary);

  it('prints the audit head, questions, sign-offs and amendments, and draws telemetry charts as vectors with their figures', async () => {
    const dir = scratchDir();
    const file = writeTo(dir, 'record.pdf', await buildExample(model));
    // REPORT_PREVIEW_DIR=… keeps the PDF for a look at its pages (pdftoppm).
    const preview = process.env['REPORT_PREVIEW_DIR'];
    if (preview) writeTo(preview, 'record.pdf', readFileSync(file));
    const text = mustRun('pdftotext', ['-layout', file, '-']);
    const [titlePage = ''] = text.split('\f');
    // The ledger state the report pins: on the title page, the sign-off page and in the metadata.
    const row = (page: string | undefined, label: string): string =>
      (page ?? '')
        .split('\n')
        .find((line) => line.startsWith(label))
        ?.slice(label.length)
        .trim() ?? '';
    expect(row(titlePage, 'Ledger state')).toBe(`audit log entry ${HEAD.seq}`);
    expect(row(titlePage, 'Audit log head')).toBe(HEAD.hash);
    const signOffPage = text
      .split('\f')
      .find((page) => page.includes('carries PDF digital signatures'));
    expect(row(signOffPage, 'Audit log head')).toBe(HEAD.hash);
    const info = mustRun('pdfinfo', ['-custom', file]);
    expect(info).toContain(`AuditLogHead:    ${HEAD.seq} ${HEAD.hash}`);
    expect(info).toContain(`audit-head:${HEAD.seq}:${HEAD.hash}`);

    expect(text).toContain('Follow-up questions');
    expect(text).toContain('Who can read the token vault logs?');
    expect(text).toContain('Answer: Only the vault operators group.');
    expect(text).toContain('Open: not answered yet.');
    // Multi-line notes keep their lines; amendments are marked.
    expect(text).toMatch(
      /Rotation runs every 90 days\.[^\S\n]*\n\s*The last run was on 2026-11-01\./,
    );
    expect(text).toContain('[amendment 1]');
    expect(text).toContain('Record sign-off and amendments');
    expect(text).toContain('Record the answer about key');
    expect(text).toContain('matches the digest of its latest sign-off');

    // Telemetry charts: titles, axis labels, legend, alert window caption, figures table.
    expect(text).toContain('Charts');
    expect(text).toContain('Failed and successful logins');
    expect(text).toContain('XSS and SQL-injection attempts');
    expect(text).toContain('Change: security group');
    expect(text).toContain('1 alert window: 2026-11-24 09:00–09:15 UTC. 1 change marked.');
    expect(text).toMatch(/XSS attempts\s+1[,.]?\d{2,}/);
    expect(text).toContain('Attack figures over the whole import');

    // Vectors, not images: translucent bands through ExtGState, dashed change markers, clipping.
    expect(mustRun('pdfimages', ['-list', file]).trim().split('\n')).toHaveLength(2);
    const content = mustRun('qpdf', ['--qdf', '--object-streams=disable', file, '-']);
    expect(content).toMatch(/\/GA15 gs [\d. ]+ rg [\d. ]+ re f/);
    expect(content).toMatch(/\/ca 0\.15/);
    expect(content).toMatch(/\[[\d.]+ [\d.]+\] 0 d/);
    expect(content).toMatch(/ re W n/);
    expect(mustRun('qpdf', ['--check', file])).toContain('No syntax or stream encoding errors');
  }, 120_000);

  it('embeds evidence read from Blobs under the files’ own names, each matching its SHA-256 (pdfdetach)', async () => {
    // Another heap dump by the same name, and a file named like the manifest: numbered, not lost.
    const otherDump = new TextEncoder().encode('a second heap dump');
    const lookalike = new TextEncoder().encode('{"not": "the manifest"}');
    const sameNames: ReportModel = {
      ...model,
      evidence: [
        ...model.evidence,
        {
          ...binaryEntry(model),
          id: 'ev-dump-2',
          size: otherDump.byteLength,
          sha256: sha256(otherDump),
        },
        {
          ...binaryEntry(model),
          id: 'ev-lookalike',
          name: 'evidence-manifest.json',
          size: lookalike.byteLength,
          sha256: sha256(lookalike),
        },
      ],
    };
    const attachments: EvidenceAttachment[] = [
      { evidenceId: 'ev-chart', data: new Blob([chartBytes], { type: 'application/json' }) },
      { evidenceId: 'ev-binary', data: new Blob([binary]) },
      { evidenceId: 'ev-dump-2', data: otherDump },
      { evidenceId: 'ev-lookalike', data: lookalike },
    ];
    const dir = scratchDir();
    const file = writeTo(dir, 'embedded.pdf', await buildExample(sameNames, attachments));
    const listing = mustRun('pdfdetach', ['-list', file]);
    expect(listing).toContain('5 embedded files');
    const out = path.join(dir, 'out');
    mustRun('mkdir', ['-p', out]);
    mustRun('pdfdetach', ['-saveall', '-o', out, file]);
    const manifest = JSON.parse(readFileSync(path.join(out, 'evidence-manifest.json'), 'utf8')) as {
      files: { id: string; sha256: string; size: number; embeddedAs: string | null }[];
    };
    const embedded = manifest.files.filter((entry) => entry.embeddedAs !== null);
    expect(Object.fromEntries(embedded.map((entry) => [entry.id, entry.embeddedAs]))).toEqual({
      'ev-chart': 'telemetry-logins.json',
      'ev-binary': 'heap-dump.bin',
      'ev-dump-2': 'heap-dump-2.bin',
      'ev-lookalike': 'evidence-manifest-2.json',
    });
    for (const entry of embedded) {
      const bytes = new Uint8Array(readFileSync(path.join(out, entry.embeddedAs ?? '')));
      expect(bytes.byteLength).toBe(entry.size);
      expect(sha256(bytes)).toBe(entry.sha256);
    }
    expect(readdirSync(out).sort()).toEqual([
      'evidence-manifest-2.json',
      'evidence-manifest.json',
      'heap-dump-2.bin',
      'heap-dump.bin',
      'telemetry-logins.json',
    ]);
    const chart = JSON.parse(readFileSync(path.join(out, 'telemetry-logins.json'), 'utf8')) as {
      format: string;
    };
    expect(chart.format).toBe(CHART_FORMAT);
  }, 120_000);

  it('refuses to embed more evidence than a report can carry, naming the way out', async () => {
    const huge: ReportModel = {
      ...model,
      evidence: model.evidence.map((item) =>
        item.id === 'ev-binary' ? { ...item, size: MAX_EMBEDDED_EVIDENCE_BYTES + 1 } : item,
      ),
    };
    await expect(
      buildExample(huge, [{ evidenceId: 'ev-binary', data: new Blob([binary]) }]),
    ).rejects.toThrow(/more than the 512 MiB one report can carry\. Export without embedding them/);
  });

  it('lays out a post-mortem document: facts on the title page, sections, lists and tables', async () => {
    const postMortem = examplePostMortem({ auditHead: HEAD });
    const file = writeTo(scratchDir(), 'postmortem.pdf', await buildExample(postMortem));
    const text = mustRun('pdftotext', ['-layout', file, '-']);
    const [titlePage = ''] = text.split('\f');
    expect(titlePage).toContain('BLAMELESS POST-MORTEM');
    expect(titlePage).toContain('P1 (critical)');
    expect(titlePage).toContain(`entry ${HEAD.seq}`);
    expect(text).toContain('A deploy token was printed by a debug step.');
    expect(text).toContain('Not written yet.');
    expect(text).not.toContain('_Not written yet._');
    expect(text).toMatch(/Mask secrets in CI logs\s+Platform\s+2026-12-04\s+SEC-8\s+open/);
    expect(text).toContain('• nist-sp-800-53-rev5#ia-5');
    expect(mustRun('pdfinfo', [file])).toContain('Subject:         Blameless post-mortem');
  }, 300_000);
});

describe('control evidence matrix rules (core/demo)', () => {
  const base = (input: Partial<ReportModelInput>): ReportModel =>
    parseReportModel({
      schemaVersion: 1,
      kind: 'control-evidence-matrix',
      id: 'M-1',
      title: 'Matrix',
      generatedAt: '2026-11-30T10:00:00Z',
      workspace: { name: 'W' },
      period: { start: '2026-09-01', end: '2026-11-30' },
      demos: [
        { id: 'd1', label: 'Sprint 10', date: '2026-09-10' },
        { id: 'd2', label: 'Sprint 14', date: '2026-11-26' },
      ],
      ...input,
    });

  it('reads verdicts as the coverage page does: worst within a demo, latest demo decides, exceptions expire', () => {
    const model = base({
      controls: [
        { ref: SC8, title: 'Transmission Confidentiality and Integrity' },
        { ref: 'nist-sp-800-53-rev5#pe-3', title: 'Physical Access Control', inScope: false },
      ],
      verdicts: [
        { control: SC8, outcome: 'satisfied', demo: 'd1' },
        { control: SC8, outcome: 'not-satisfied', demo: 'd2' },
        { control: SC8, outcome: 'satisfied', demo: 'd2' },
        {
          control: 'nist-sp-800-53-rev5#ac-2',
          outcome: 'exception',
          demo: 'd2',
          exceptionExpires: '2026-11-29',
          rationale: 'Legacy admins',
        },
        {
          control: 'nist-sp-800-53-rev5#ia-5',
          outcome: 'exception',
          demo: 'd2',
          exceptionExpires: '2026-12-15',
          rationale: 'SSO migration',
        },
        { control: 'nist-sp-800-53-rev5#cm-7', outcome: 'not-applicable', demo: 'd2' },
      ],
      evidence: [
        {
          // A June scan copied in last week: its own date decides, not the collection time.
          id: 'old',
          name: 'old-scan.xml',
          size: 1,
          sha256: 'c'.repeat(64),
          collectedAt: '2026-11-25T00:00:00Z',
          effectiveAt: '2026-06-01T00:00:00Z',
          controls: ['nist-sp-800-53-rev5#ia-5'],
        },
        {
          id: 'new',
          name: 'tls.json',
          size: 1,
          sha256: 'd'.repeat(64),
          collectedAt: '2026-11-20T00:00:00Z',
          effectiveAt: '2026-11-20T00:00:00Z',
          controls: [SC8],
        },
      ],
    });
    const rows = new Map(controlMatrix(model).map((row) => [row.ref, row]));
    const sc8 = rows.get(SC8);
    expect(
      [...(sc8?.byDemo.entries() ?? [])].map(([demo, judged]) => [demo, judged.outcome]),
    ).toEqual([
      ['d1', 'satisfied'],
      ['d2', 'not-satisfied'],
    ]);
    expect(sc8?.gaps).toEqual(['not satisfied']);
    expect(rows.get('nist-sp-800-53-rev5#ac-2')?.latest).toMatchObject({
      outcome: 'not-satisfied',
      expired: true,
    });
    expect(rows.get('nist-sp-800-53-rev5#ac-2')?.gaps).toEqual([
      'exception expired 2026-11-29',
      'no evidence',
    ]);
    expect(rows.get('nist-sp-800-53-rev5#ac-2')?.exceptions).toEqual([
      { demo: 'd2', expires: '2026-11-29', rationale: 'Legacy admins', expired: true },
    ]);
    expect(rows.get('nist-sp-800-53-rev5#ia-5')?.gaps).toEqual([
      'exception expires 2026-12-15',
      'evidence older than 90 days',
    ]);
    expect(rows.get('nist-sp-800-53-rev5#cm-7')?.gaps).toEqual([]);
    expect(rows.get('nist-sp-800-53-rev5#pe-3')?.gaps).toEqual([]);
    expect(rows.get('nist-sp-800-53-rev5#pe-3')?.inScope).toBe(false);
  });

  it('counts a file shown on an agenda item only for the controls it is linked to; undated evidence is never fresh', () => {
    const AU2 = 'nist-sp-800-53-rev5#au-2';
    const SC12 = 'nist-sp-800-53-rev5#sc-12';
    const AU6 = 'nist-sp-800-53-rev5#au-6';
    const model = base({
      agenda: [
        { id: 'i1', title: 'Checkout', demo: 'd2', controls: [AU2, SC12], evidence: ['e1', 'e2'] },
      ],
      verdicts: [{ control: AU6, outcome: 'satisfied', demo: 'd2', agendaItem: 'i1' }],
      evidence: [
        // No date of its own: linked to AU-2, which it leaves undated.
        {
          id: 'e1',
          name: 'audit.log',
          size: 1,
          sha256: 'e'.repeat(64),
          collectedAt: '2026-11-26T10:00:00Z',
          controls: [AU2],
        },
        // Dated, shown on the item, but linked to none of its controls.
        {
          id: 'e2',
          name: 'sbom.json',
          size: 1,
          sha256: 'f'.repeat(64),
          collectedAt: '2026-11-26T10:00:00Z',
          effectiveAt: '2026-11-26T09:00:00Z',
        },
      ],
    });
    const rows = new Map(controlMatrix(model).map((row) => [row.ref, row]));
    expect(rows.get(AU2)).toMatchObject({ staleness: 'undated', lastEvidence: null });
    expect(rows.get(AU2)?.evidence.map((item) => item.id)).toEqual(['e1']);
    expect(rows.get(AU2)?.gaps).toEqual(['never judged', 'evidence undated']);
    expect(rows.get(SC12)?.evidence).toEqual([]);
    expect(rows.get(SC12)?.gaps).toEqual(['never judged', 'no evidence']);
    expect(rows.get(AU6)?.gaps).toEqual(['no evidence']);
  });

  it('counts a flagged file (failed scan, not understood) for no control it is linked to', () => {
    const RA5 = 'nist-sp-800-53-rev5#ra-5';
    const entry = (id: string, effectiveAt: string) => ({
      id,
      name: `${id}.json`,
      size: 1,
      sha256: id.repeat(64),
      collectedAt: '2026-11-26T10:00:00Z',
      effectiveAt,
      controls: [RA5],
    });
    const model = base({
      controls: [{ ref: RA5, title: 'Vulnerability monitoring and scanning' }],
      evidence: [
        entry('a', '2026-08-01T09:00:00Z'),
        { ...entry('b', '2026-11-26T09:00:00Z'), flag: 'failed' },
        { ...entry('c', '2026-11-27T09:00:00Z'), flag: 'not-understood' },
      ],
    });
    const ra5 = controlMatrix(model).find((row) => row.ref === RA5);
    expect(ra5?.evidence.map((item) => item.id)).toEqual(['a']);
    expect(ra5).toMatchObject({ lastEvidence: '2026-08-01', staleness: 'evidence-too-old' });
    expect(ra5?.gaps).toContain('evidence older than 90 days');
  });

  it('says how each file is dated in the manifest: its tool, a statement, or undated', () => {
    const model = base({
      evidence: [
        {
          id: 'u',
          name: 'u.txt',
          size: 1,
          sha256: 'a'.repeat(64),
          collectedAt: '2026-11-26T10:00:00Z',
        },
        {
          id: 't',
          name: 't.xml',
          size: 1,
          sha256: 'b'.repeat(64),
          collectedAt: '2026-11-26T10:00:00Z',
          effectiveAt: '2021-06-18T09:21:51Z',
        },
        {
          id: 's',
          name: 's.pdf',
          size: 1,
          sha256: 'c'.repeat(64),
          collectedAt: '2026-11-26T10:00:00Z',
          effectiveAt: '2026-11-20T00:00:00Z',
          dating: 'stated',
        },
      ],
    });
    const manifest = evidenceManifest(model, new Map());
    expect(EvidenceManifest.parse(manifest).manifestVersion).toBe(2);
    expect(manifest.files.map((file) => [file.id, file.dating, file.effectiveAt])).toEqual([
      ['u', 'undated', null],
      ['t', 'tool', '2021-06-18T09:21:51Z'],
      ['s', 'stated', '2026-11-20T00:00:00Z'],
    ]);
    expect(model.evidence.map(evidenceDateText)).toEqual([
      'undated',
      '2021-06-18 09:21 UTC',
      '2026-11-20, stated',
    ]);
  });
});
