import { describeCustody } from '../../evidence-bundle/custody';
import { evidenceDateText, freshnessText } from '../evidence-dates';
import { shownText } from '../evidence-text';
import type { Evidence, ReportModel } from '../model';
import type { Flow } from './flow';
import { formatBytes, formatInstant } from './tables';

/**
 * The record's evidence as an auditor reads it: per file the tool that wrote it, its own date
 * (or "undated"), when and by whom it was attached, what it showed (or that its scan failed or
 * it was not recognised), whether it was fresh or stale on the report's day (when it is signed),
 * the controls it counts for, its provenance and its SHA-256. evidence-manifest.json carries
 * the same facts (core/report/manifest.ts).
 */

function provenanceText(item: Evidence): string {
  const { pipeline, run, commit, signer } = item.provenance;
  return [
    pipeline ? `pipeline ${pipeline}` : '',
    run ? `run ${run}` : '',
    commit ? `commit ${commit}` : '',
    signer ? `signed by ${signer}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

export function evidenceFileFacts(item: Evidence, day: string): [string, string][] {
  return [
    ['Tool', item.tool ? `${item.tool.name} ${item.tool.version}`.trim() : 'not named in the file'],
    ['Own date', evidenceDateText(item)],
    [
      'Attached',
      `${formatInstant(item.collectedAt)}${item.attachedBy ? ` by ${item.attachedBy}` : ''}`,
    ],
    ['What it showed', shownText(item)],
    ['At signing', freshnessText(item, day)],
    ['Controls', item.controls.length > 0 ? item.controls.join(', ') : 'none linked'],
    [
      'Provenance',
      item.custody
        ? describeCustody(item.custody)
        : provenanceText(item) || item.source || 'not recorded',
    ],
    ['SHA-256', item.sha256],
  ];
}

export function drawEvidenceFiles(flow: Flow, model: ReportModel): void {
  if (model.evidence.length === 0) {
    flow.paragraph('No evidence was shown.', { colour: flow.muted });
    return;
  }
  const day = model.generatedAt.slice(0, 10);
  for (const item of model.evidence) {
    flow.ensure(110);
    flow.paragraph(`${item.name} (${formatBytes(item.size)})`, {
      font: flow.fonts.bold,
      after: 2,
      role: 'H3',
    });
    flow.keyValues(evidenceFileFacts(item, day), 90);
  }
}
