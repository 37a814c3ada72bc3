import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { reportFonts } from '../../cli/report-assets';
import { defaultLayout } from '../../core/report/layouts';
import type { ReportModel } from '../../core/report/model';
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
