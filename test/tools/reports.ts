import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { reportFonts } from '../../cli/report-assets';
import { defaultLayout } from '../../core/report/layouts';
import type { ReportModel, ReportModelInput } from '../../core/report/model';
import { parseReportModel } from '../../core/report/model';
import type { EvidenceAttachment } from '../../core/report/pdf/build';
import { buildReportPdf } from '../../core/report/pdf/build';
import { repoFile } from '../fixtures';

/** Example models from templates/reports/examples and a scratch folder for PDFs under test. */
export function exampleModel(kind: 'sprint-demo-record' | 'control-evidence-matrix'): ReportModel {
  return parseReportModel(
    JSON.parse(readFileSync(repoFile('templates/reports/examples', `${kind}.json`), 'utf8')),
  );
}

/** A blameless post-mortem as the app exports it: facts, text, a table and a list. */
export function examplePostMortem(ledger?: ReportModelInput['ledger']): ReportModel {
  return parseReportModel({
    schemaVersion: 1,
    kind: 'post-mortem',
    id: 'DL-2026-11-30-PM-1A2B3C4D',
    title: 'Post-mortem: Leaked deploy token',
    subtitle: 'SEC-7 — Deploy token in a public CI log',
    generatedAt: '2026-11-30T10:00:00Z',
    workspace: { name: 'Payments platform' },
    period: { start: '2026-11-20', end: '2026-11-30' },
    ...(ledger === undefined ? {} : { ledger }),
    document: {
      facts: [
        ['Issue', 'SEC-7 — Deploy token in a public CI log'],
        ['Priority', 'P1 (critical)'],
      ],
      sections: [
        {
          heading: 'Summary',
          blocks: [{ kind: 'text', text: 'A deploy token was printed by a debug step.' }],
        },
        { heading: 'Impact', blocks: [{ kind: 'text', text: '_Not written yet._' }] },
        {
          heading: 'Action items',
          blocks: [
            {
              kind: 'table',
              headers: ['Action', 'Owner', 'Due', 'Tracked as', 'Status'],
              rows: [['Mask secrets in CI logs', 'Platform', '2026-12-04', 'SEC-8', 'open']],
            },
          ],
        },
        {
          heading: 'Controls that failed',
          blocks: [{ kind: 'list', items: ['nist-sp-800-53-rev5#ia-5'] }],
        },
      ],
    },
    signOff: { statement: 'Reviewed.', signatories: [{ name: 'Dana Whitfield' }] },
  });
}

export async function buildExample(
  model: ReportModel,
  attachments: readonly EvidenceAttachment[] = [],
): Promise<Uint8Array> {
  return buildReportPdf(model, {
    layout: defaultLayout(model.kind),
    fonts: await reportFonts(),
    attachments,
  });
}

export function scratchDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'demo-ledger-report-'));
}

export function writeTo(dir: string, name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}
