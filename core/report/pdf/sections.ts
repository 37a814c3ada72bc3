import type { MatrixRow } from '../derive';
import { outcomesByDemo } from '../derive';
import type { Section } from '../layout';
import { rgb } from '../layout';
import type { Chart, ReportModel } from '../model';
import { VERDICT_LABELS, VerdictOutcome } from '../model';
import { drawChart } from './charts';
import type { Flow } from './flow';
import type { ExceptionRow, TableSection } from './tables';
import { formatInstant, isTableSection, tableRows, unknownColumns } from './tables';

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

export function drawSection(context: SectionContext, section: Section): void {
  const { flow, model } = context;
  if (section.type === 'charts' && model.charts.length === 0) return;
  if (section.newPage) flow.addPage();
  flow.heading(section.title, 1);
  if (section.intro !== '') flow.paragraph(section.intro, { colour: flow.muted });
  switch (section.type) {
    case 'summary':
      return summary(context);
    case 'charts':
      for (const chart of model.charts) drawChart(flow, chart);
      return;
    case 'agenda':
      return agenda(context);
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
  }
}

function exceptionRows(model: ReportModel): ExceptionRow[] {
  return model.verdicts
    .filter((verdict) => verdict.outcome === 'exception')
    .map((verdict) => ({
      control: verdict.control,
      demo: model.demos.find((demo) => demo.id === verdict.demo)?.label ?? '',
      expires: verdict.exceptionExpires ?? '',
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

function agenda({ flow, model }: SectionContext): void {
  const evidence = new Map(model.evidence.map((item) => [item.id, item]));
  const issues = new Map(model.issues.map((item) => [item.id, item]));
  if (model.agenda.length === 0)
    flow.paragraph('No agenda items were recorded.', { colour: flow.muted });
  model.agenda.forEach((item, index) => {
    flow.heading(`${index + 1}. ${item.title}`, 2);
    flow.keyValues(
      [
        ['Presenter', item.presenter],
        ['Controls', item.controls.join(', ')],
      ],
      90,
    );
    if (item.description !== '') flow.paragraph(item.description);
    if (item.observations.length > 0) {
      flow.paragraph('Observations', { font: flow.fonts.bold, after: 2 });
      for (const note of item.observations) {
        const by = [note.author, formatInstant(note.at)].filter(Boolean).join(', ');
        flow.paragraph(`• ${note.text}${by ? ` (${by})` : ''}`, { indent: 8, after: 3 });
      }
    }
    const verdicts = model.verdicts.filter((verdict) => verdict.agendaItem === item.id);
    if (verdicts.length > 0) {
      flow.paragraph('Verdicts', { font: flow.fonts.bold, after: 2 });
      for (const verdict of verdicts) {
        const tone = flow.layout.palette[verdict.outcome];
        flow.paragraph(
          `${verdict.control}: ${VERDICT_LABELS[verdict.outcome]}${verdict.exceptionExpires ? ` until ${verdict.exceptionExpires}` : ''}${verdict.rationale ? ` — ${verdict.rationale}` : ''}`,
          { indent: 8, after: 3, ...(tone === undefined ? {} : { colour: rgb(tone) }) },
        );
      }
    }
    const shown = item.evidence
      .map((id) => evidence.get(id))
      .filter((entry) => entry !== undefined);
    if (shown.length > 0) {
      flow.paragraph('Evidence', { font: flow.fonts.bold, after: 2 });
      for (const entry of shown) {
        flow.paragraph(`• ${entry.name} — SHA-256 ${entry.sha256}`, {
          indent: 8,
          after: 3,
          size: flow.layout.type.compact + 1,
        });
      }
    }
    const raised = item.issues.map((id) => issues.get(id)).filter((entry) => entry !== undefined);
    if (raised.length > 0) {
      flow.paragraph('Issues raised', { font: flow.fonts.bold, after: 2 });
      for (const issue of raised) {
        flow.paragraph(
          `• ${issue.priority} ${issue.key || issue.id}: ${issue.title} (${issue.status})`,
          { indent: 8, after: 3 },
        );
      }
    }
  });
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
  flow.keyValues([['Evidence manifest', `SHA-256 ${manifestSha256}`]]);
}
