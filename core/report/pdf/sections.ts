import type { MatrixRow } from '../derive';
import { outcomesByDemo } from '../derive';
import type { Section } from '../layout';
import type { Chart, ReportModel } from '../model';
import { VERDICT_LABELS, VerdictOutcome } from '../model';
import { drawChartSpec } from './chart-spec';
import { drawChart } from './charts';
import { drawDocument } from './document';
import { drawEvidenceFiles } from './evidence-files';
import type { Flow } from './flow';
import { drawAgenda, drawDemoRecords, questionRows } from './record';
import { ledgerRows } from './title';
import type { ExceptionRow, TableSection } from './tables';
import { driftRows, isTableSection, tableRows, unknownColumns } from './tables';

/** Draws one layout section from the model. */

export interface SectionContext {
  flow: Flow;
  model: ReportModel;
  matrix: MatrixRow[];
  manifestSha256: string;
}

export function checkSection(section: Section): void {
  if (!isTableSection(section.type)) return;
  if (section.columns === undefined || section.columns.length === 0) {
    throw new Error(`The layout's ${section.type} section needs columns.`);
  }
  const unknown = unknownColumns(section.type, section.columns);
  if (unknown.length > 0) {
    throw new Error(
      `The layout's ${section.type} section has unknown columns: ${unknown.join(', ')}.`,
    );
  }
}

/**
 * Room a section needs below its heading and intro for its first block, so neither is left alone
 * at the foot of a page: a chart is drawn whole, a demo's record starts with its facts table.
 */
const SECTION_START: Partial<Record<Section['type'], number>> = {
  charts: 320,
  demoRecord: 240,
};

/** Sections with nothing to show are left out rather than printed empty. */
function isEmpty(model: ReportModel, type: Section['type']): boolean {
  if (type === 'charts') return model.charts.length + model.telemetryCharts.length === 0;
  if (type === 'questions') return model.agenda.every((item) => item.questions.length === 0);
  if (type === 'demoRecord') return model.demos.length === 0;
  if (type === 'drift') return model.evidence.every((entry) => entry.drift === undefined);
  return false;
}

export function drawSection(context: SectionContext, section: Section): void {
  const { flow, model } = context;
  if (isEmpty(model, section.type)) return;
  if (section.newPage) flow.addPage();
  else flow.ensure(SECTION_START[section.type] ?? 0);
  flow.heading(section.title, 1);
  if (section.intro !== '') flow.paragraph(section.intro, { colour: flow.muted });
  switch (section.type) {
    case 'summary':
      return summary(context);
    case 'charts':
      for (const chart of model.charts) drawChart(flow, chart);
      for (const chart of model.telemetryCharts) drawChartSpec(flow, chart.spec);
      return;
    case 'agenda':
      return drawAgenda(flow, model);
    case 'demoRecord':
      return drawDemoRecords(flow, model);
    case 'evidenceFiles':
      return drawEvidenceFiles(flow, model);
    case 'document':
      return drawDocument(flow, model.document);
    case 'signOff':
      return signOff(context);
    default:
      return table(context, section, section.type);
  }
}

function table(context: SectionContext, section: Section, type: TableSection): void {
  const { flow, model } = context;
  const columns = section.columns ?? [];
  const draw = <S extends TableSection>(kind: S, rows: Parameters<typeof tableRows<S>>[2]): void =>
    flow.table(columns, tableRows(kind, columns, rows, model, flow.layout.palette), section.title);
  switch (type) {
    case 'evidence':
      return draw('evidence', model.evidence);
    case 'drift':
      return draw('drift', driftRows(model));
    case 'verdicts':
      return draw('verdicts', model.verdicts);
    case 'issues':
      return draw('issues', model.issues);
    case 'attendees':
      return draw('attendees', model.attendees);
    case 'matrix':
      return draw('matrix', context.matrix);
    case 'exceptions':
      return draw('exceptions', exceptionRows(model));
    case 'questions':
      return draw('questions', questionRows(model));
  }
}

function exceptionRows(model: ReportModel): ExceptionRow[] {
  const today = model.generatedAt.slice(0, 10);
  return model.verdicts
    .filter((verdict) => verdict.outcome === 'exception')
    .map((verdict) => ({
      control: verdict.control,
      demo: model.demos.find((demo) => demo.id === verdict.demo)?.label ?? '',
      expires: verdict.exceptionExpires ?? '',
      expired: (verdict.exceptionExpires ?? '') < today,
      rationale: verdict.rationale,
      decidedBy: verdict.decidedBy,
    }))
    .sort((a, b) => a.expires.localeCompare(b.expires));
}

function summary({ flow, model, matrix }: SectionContext): void {
  const inScope = matrix.filter((row) => row.inScope);
  const withGaps = inScope.filter((row) => row.gaps.length > 0);
  const p1 = model.issues.filter((issue) => issue.priority === 'P1').length;
  const p2 = model.issues.filter((issue) => issue.priority === 'P2').length;
  const questions = model.agenda.flatMap((item) => item.questions);
  const open = questions.filter((question) => question.answer === '').length;
  const signedOff = model.demos.filter((demo) => demo.signOff !== undefined).length;
  const counts = VerdictOutcome.options.map(
    (outcome) =>
      `${model.verdicts.filter((verdict) => verdict.outcome === outcome).length} ${VERDICT_LABELS[outcome].toLowerCase()}`,
  );
  flow.keyValues([
    [
      'Scope',
      `${inScope.length} controls in scope, ${matrix.length - inScope.length} out of scope`,
    ],
    ['Verdicts', `${model.verdicts.length} in total: ${counts.join(', ')}`],
    ['Controls with gaps', `${withGaps.length} of ${inScope.length}`],
    ['Evidence', `${model.evidence.length} files`],
    ['Issues raised', `${model.issues.length} (${p1} P1, ${p2} P2)`],
    ['Follow-up questions', questions.length > 0 ? `${questions.length} (${open} open)` : ''],
    ['Signed off', model.demos.length > 0 ? `${signedOff} of ${model.demos.length} demo(s)` : ''],
    ['Attendees', model.attendees.map((person) => person.name).join(', ')],
  ]);
  const buckets = outcomesByDemo(model);
  const chart: Chart = {
    id: 'verdicts-by-demo',
    title: 'Verdicts by demo',
    kind: 'stacked-bar',
    unit: 'controls',
    categories: buckets.map((bucket) => bucket.label),
    series: VerdictOutcome.options.map((outcome) => ({
      name: VERDICT_LABELS[outcome],
      values: buckets.map((bucket) => bucket.counts[outcome]),
      tone: outcome,
    })),
  };
  if (model.verdicts.length > 0) drawChart(flow, chart);
}

function signOff({ flow, model, manifestSha256 }: SectionContext): void {
  if (model.signOff.statement !== '') flow.paragraph(model.signOff.statement);
  for (const person of model.signOff.signatories) {
    flow.ensure(60);
    flow.space(24);
    flow.current.canvas.line(flow.left, flow.cursor, flow.left + 220, flow.cursor, flow.rule, 0.75);
    flow.space(4);
    flow.paragraph([person.name, person.role, person.organisation].filter(Boolean).join(', '), {
      after: 2,
    });
  }
  flow.space(8);
  flow.paragraph(
    'This document carries PDF digital signatures (PAdES). Any PDF reader shows them in its signature panel; `demo-ledger verify` checks them, the trust of each certificate and the embedded evidence. Content added after the last signature is reported as tampering.',
    { colour: flow.muted },
  );
  flow.keyValues([['Evidence manifest', manifestSha256], ...ledgerRows(model)]);
}
