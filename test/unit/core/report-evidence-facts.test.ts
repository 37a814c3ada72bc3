import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shownOf } from '../../../core/evidence/shown';
import { EvidenceSummary } from '../../../core/evidence/model';
import { EvidenceManifest, MANIFEST_FILE_NAME } from '../../../core/report/manifest';
import type { ReportModelInput } from '../../../core/report/model';
import { parseReportModel } from '../../../core/report/model';
import { buildExample, exampleModel, scratchDir, writeTo } from '../../tools/reports';
import { mustRun } from '../../tools/run';

const SCHEMA = JSON.parse(
  readFileSync(
    path.resolve(import.meta.dirname, '../../../schema/evidence-manifest.v3.schema.json'),
    'utf8',
  ),
) as object;

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile(SCHEMA);
}

const RA5 = 'nist-sp-800-53-rev5#ra-5';

/** A record signed on 2026-11-27 showing a 2021 scan, a fresh one, an undated file and a failed scan. */
function recordModel() {
  const base = exampleModel('sprint-demo-record');
  const input: ReportModelInput = {
    ...base,
    generatedAt: '2026-11-27T12:00:00Z',
    agenda: base.agenda.map((item, index) =>
      index === 0
        ? { ...item, evidence: ['old', 'new', 'undated', 'failed'] }
        : { ...item, evidence: [] },
    ),
    evidence: [
      {
        id: 'old',
        name: 'grype-2021.json',
        size: 2048,
        sha256: 'a'.repeat(64),
        collectedAt: '2026-11-26T10:00:00Z',
        attachedBy: 'Sam Patel',
        effectiveAt: '2021-06-18T09:21:51Z',
        tool: { name: 'grype', version: '0.74.0' },
        summary: '12 findings (1 critical, 3 high)',
        shown: {
          findings: { total: 12, critical: 1, high: 3, medium: 8, low: 0, info: 0, unknown: 0 },
        },
        controls: [RA5],
        provenance: {
          pipeline: 'payments / scan',
          run: 'https://ci.example/run/41',
          commit: 'abc123',
        },
      },
      {
        id: 'new',
        name: 'stig.xml',
        size: 4096,
        sha256: 'b'.repeat(64),
        collectedAt: '2026-11-26T10:05:00Z',
        attachedBy: 'Sam Patel',
        effectiveAt: '2026-11-25T08:00:00Z',
        tool: { name: 'OpenSCAP', version: '1.3.7' },
        summary: '248 checks: 73 pass, 175 fail',
        shown: { checks: { total: 248, pass: 73, fail: 175 } },
        freshnessDays: 30,
        controls: [RA5],
      },
      {
        id: 'undated',
        name: 'policy.pdf',
        size: 100,
        sha256: 'c'.repeat(64),
        collectedAt: '2026-11-26T10:06:00Z',
        recognised: false,
      },
      {
        id: 'failed',
        name: 'npm-audit.json',
        size: 300,
        sha256: 'd'.repeat(64),
        collectedAt: '2026-11-26T10:07:00Z',
        effectiveAt: '2026-11-26T09:00:00Z',
        flag: 'failed',
        summary: 'Scan failed: could not reach the registry',
        controls: [RA5],
      },
    ],
  };
  return parseReportModel(input);
}

describe("the record's evidence as an auditor reads it", () => {
  it('prints per file its tool, own date, attachment, what it showed, staleness at signing and provenance (pdftotext)', async () => {
    const dir = scratchDir();
    const file = writeTo(dir, 'record.pdf', await buildExample(recordModel()));
    const text = mustRun('pdftotext', [file, '-']).replace(/\s+/g, ' ');
    expect(text).toContain(
      'grype-2021.json (2.0 KiB) Tool grype 0.74.0 Own date 2021-06-18 09:21 UTC Attached 2026-11-26 10:00 UTC by Sam Patel What it showed 12 findings (1 critical, 3 high) At signing stale since 2021-09-17 (fresh for 90 days)',
    );
    expect(text).toContain(
      'Provenance pipeline payments / scan · run https://ci.example/run/41 · commit abc123',
    );
    expect(text).toContain('Own date 2026-11-25 08:00 UTC');
    expect(text).toContain('175 fail At signing fresh until 2026-12-25 (fresh for 30 days)');
    expect(text).toContain(
      'policy.pdf (100 B) Tool not named in the file Own date undated Attached 2026-11-26 10:06 UTC What it showed not recognised — not counted as evidence for any control At signing undated: no date of its own, so never fresh',
    );
    // The agenda item lists each file with its own date and staleness too.
    expect(text).toContain('grype-2021.json (2.0 KiB), 2021-06-18 09:21 UTC, stale at signing');
    expect(text).toContain('policy.pdf (100 B), undated SHA-256');
    expect(text).toContain(
      'What it showed scan failed: could not reach the registry — not counted as evidence for any control',
    );
  });

  it('attaches a version 3 manifest that validates against its JSON Schema (pdfdetach, ajv)', async () => {
    const dir = scratchDir();
    const file = writeTo(dir, 'record.pdf', await buildExample(recordModel()));
    mustRun('pdfdetach', ['-saveall', '-o', dir, file]);
    const manifest = JSON.parse(readFileSync(path.join(dir, MANIFEST_FILE_NAME), 'utf8')) as {
      files: Record<string, unknown>[];
    };
    const validate = validator();
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
    expect(EvidenceManifest.parse(manifest).manifestVersion).toBe(3);
    expect(manifest).toMatchObject({ freshnessJudgedOn: '2026-11-27' });
    expect(
      manifest.files.map((entry) => [
        entry.id,
        entry.reading,
        entry.freshness,
        entry.effectiveAt,
        entry.tool,
      ]),
    ).toEqual([
      ['old', 'read', 'stale', '2021-06-18T09:21:51Z', { name: 'grype', version: '0.74.0' }],
      ['new', 'read', 'fresh', '2026-11-25T08:00:00Z', { name: 'OpenSCAP', version: '1.3.7' }],
      ['undated', 'not-recognised', 'undated', null, null],
      ['failed', 'scan-failed', 'fresh', '2026-11-26T09:00:00Z', null],
    ]);
    expect(manifest.files[0]).toMatchObject({
      attachedBy: 'Sam Patel',
      shown: { findings: { critical: 1, high: 3 } },
      controls: [RA5],
      provenance: {
        pipeline: 'payments / scan',
        run: 'https://ci.example/run/41',
        commit: 'abc123',
        signer: null,
      },
    });
    // A failed scan shows nothing, whatever counts a model carried.
    expect(manifest.files[3]).toMatchObject({ shown: null });
  });

  it('the schema refuses what the manifest must never say', () => {
    const validate = validator();
    const good = {
      manifestVersion: 3,
      reportId: 'R',
      generatedAt: '2026-11-27T12:00:00Z',
      freshnessJudgedOn: '2026-11-27',
      files: [],
    };
    expect(validate(good)).toBe(true);
    expect(validate({ ...good, manifestVersion: 2 })).toBe(false);
    expect(validate({ ...good, freshnessJudgedOn: 'yesterday' })).toBe(false);
    expect(validate({ ...good, extra: true })).toBe(false);
  });
});

describe('shownOf', () => {
  const summary = (fields: object) =>
    EvidenceSummary.parse({
      format: 'nmap',
      variant: '',
      tool: null,
      producedAt: null,
      target: null,
      origin: {},
      tests: null,
      findings: null,
      hosts: null,
      components: null,
      checks: null,
      details: {},
      notes: [],
      ...fields,
    });

  it('counts open ports over hosts, and shows nothing of a failed scan', () => {
    const port = (state: string) => ({
      protocol: 'tcp',
      port: 1,
      state,
      service: '',
      product: null,
      version: null,
      tunnel: null,
    });
    const hosts = [
      { address: 'a', hostnames: [], status: 'up', ports: [port('open'), port('closed')] },
      { address: 'b', hostnames: [], status: 'up', ports: [port('open')] },
    ];
    expect(shownOf(summary({ hosts }))).toEqual({ hosts: { total: 2, openPorts: 2 } });
    expect(shownOf(summary({ hosts, scan: { status: 'failed', reason: 'x' } }))).toEqual({});
  });
});
