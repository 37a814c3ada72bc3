import { auditHeadStamp } from '../../audit/head';
import type { ReportModel } from '../model';
import { REPORT_KIND_LABELS } from '../model';
import type { Flow } from './flow';
import { formatInstant } from './tables';

/** The audit log head as two rows (entry, SHA-256), so the digest fits on one line. */
export function ledgerRows(model: ReportModel): [string, string][] {
  const head = model.ledger?.auditHead;
  if (head === undefined) return [];
  return [
    ['Ledger state', head.seq === 0 ? auditHeadStamp(head).text : `audit log entry ${head.seq}`],
    ['Audit log head', head.seq === 0 ? '' : head.hash],
  ];
}

/** The first page: what the report is, for whom, which period, and how to check it. */
export function drawTitlePage(flow: Flow, model: ReportModel, manifestSha256: string): void {
  flow.addPage();
  flow.space(90);
  flow.paragraph(REPORT_KIND_LABELS[model.kind].toUpperCase(), {
    font: flow.fonts.bold,
    colour: flow.accent,
    size: flow.layout.type.body + 1,
  });
  flow.paragraph(model.title, {
    font: flow.fonts.bold,
    size: flow.layout.type.title,
    after: 6,
    role: 'H1',
  });
  if (model.subtitle !== '')
    flow.paragraph(model.subtitle, { size: flow.layout.type.h2, colour: flow.muted });
  flow.space(24);
  const demos = model.demos.map((demo) => `${demo.label} (${demo.date})`).join(', ');
  flow.keyValues([
    ...(model.document?.facts ?? []),
    ['Workspace', model.workspace.name],
    ['Team', model.team ? [model.team.name, model.team.product].filter(Boolean).join(' — ') : ''],
    [
      'Sprint',
      model.sprint
        ? `${model.sprint.name}, ${model.sprint.startDate} to ${model.sprint.endDate}`
        : '',
    ],
    ['Sprint goal', model.sprint?.goal ?? ''],
    ['Period', `${model.period.start} to ${model.period.end}`],
    ['Demos', demos],
    ['Report id', model.id],
    [
      'Generated',
      `${formatInstant(model.generatedAt)}${model.generatedBy ? ` by ${model.generatedBy}` : ''}`,
    ],
    [
      'Evidence',
      model.kind === 'post-mortem' && model.evidence.length === 0
        ? ''
        : `${model.evidence.length} files, listed in evidence-manifest.json`,
    ],
    [
      'Manifest SHA-256',
      model.kind === 'post-mortem' && model.evidence.length === 0 ? '' : manifestSha256,
    ],
    // Pins the exact state of the ledger the report was assembled from.
    ...ledgerRows(model),
  ]);
  if (model.workspace.description !== '') {
    flow.space(8);
    flow.paragraph(model.workspace.description, { colour: flow.muted });
  }
  flow.space(24);
  flow.paragraph(
    'Signed with PDF digital signatures. Check them in any PDF reader’s signature panel, or run: demo-ledger verify <file>.pdf',
    { colour: flow.muted, size: flow.layout.type.table },
  );
}
