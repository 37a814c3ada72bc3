import type { Column, Rgb } from '../layout';
import { rgb } from '../layout';
import type { MatrixRow } from '../derive';
import { evidenceDateText } from '../evidence-dates';
import type { ReportModel } from '../model';
import { VERDICT_LABELS } from '../model';
import type { TableRow } from './flow';

/**
 * The tables each section can show: the columns a layout may choose from (by key) and how a
 * model row becomes cell text. A layout naming an unknown column is refused before drawing.
 */

type Model = ReportModel;
type Cell = (row: never, model: Model) => string;

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = size / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** `2026-11-20T14:05:00Z` → `2026-11-20 14:05 UTC`: unambiguous for readers anywhere. */
export function formatInstant(value: string | undefined): string {
  if (value === undefined || value === '') return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const evidenceCells = {
  name: (row: Model['evidence'][number]) => row.name,
  size: (row: Model['evidence'][number]) => formatBytes(row.size),
  sha256: (row: Model['evidence'][number]) => row.sha256,
  collected: (row: Model['evidence'][number]) => formatInstant(row.collectedAt),
  effective: (row: Model['evidence'][number]) => evidenceDateText(row),
  source: (row: Model['evidence'][number]) => row.source,
  controls: (row: Model['evidence'][number]) => row.controls.join(', '),
  summary: (row: Model['evidence'][number]) => row.summary,
  mediaType: (row: Model['evidence'][number]) => row.mediaType,
};

const verdictCells = {
  control: (row: Model['verdicts'][number]) => row.control,
  outcome: (row: Model['verdicts'][number]) => VERDICT_LABELS[row.outcome],
  demo: (row: Model['verdicts'][number], model: Model) =>
    model.demos.find((demo) => demo.id === row.demo)?.label ?? '',
  agendaItem: (row: Model['verdicts'][number], model: Model) =>
    model.agenda.find((item) => item.id === row.agendaItem)?.title ?? '',
  rationale: (row: Model['verdicts'][number]) => row.rationale,
  decidedBy: (row: Model['verdicts'][number]) => row.decidedBy,
  decidedAt: (row: Model['verdicts'][number]) => formatInstant(row.decidedAt),
  expires: (row: Model['verdicts'][number]) => row.exceptionExpires ?? '',
  amendment: (row: Model['verdicts'][number]) =>
    row.amendment === undefined ? '' : `amendment ${row.amendment}`,
};

const issueCells = {
  // Issues recorded on a demo item only (no tracker) have no key.
  key: (row: Model['issues'][number]) => row.key || '—',
  title: (row: Model['issues'][number]) => row.title,
  priority: (row: Model['issues'][number]) => row.priority,
  status: (row: Model['issues'][number]) => row.status,
  owner: (row: Model['issues'][number]) => row.owner,
  raised: (row: Model['issues'][number]) => formatInstant(row.raisedAt),
  due: (row: Model['issues'][number]) => formatInstant(row.dueAt),
  sla: (row: Model['issues'][number]) => row.sla,
  controls: (row: Model['issues'][number]) => row.controls.join(', '),
};

const attendeeCells = {
  name: (row: Model['attendees'][number]) => row.name,
  role: (row: Model['attendees'][number]) => row.role,
  organisation: (row: Model['attendees'][number]) => row.organisation,
  email: (row: Model['attendees'][number]) => row.email,
  present: (row: Model['attendees'][number]) =>
    row.present === undefined ? '' : row.present ? 'present' : 'absent',
};

const SYMBOL: Readonly<Record<string, string>> = {
  satisfied: '✓',
  'not-satisfied': '✗',
  'not-applicable': '–',
  exception: '!',
};

const matrixCells = {
  control: (row: MatrixRow) => row.ref,
  title: (row: MatrixRow) => row.title,
  scope: (row: MatrixRow) => (row.inScope ? 'in scope' : 'out of scope'),
  latest: (row: MatrixRow) => (row.latest === null ? '—' : VERDICT_LABELS[row.latest.outcome]),
  verdicts: (row: MatrixRow, model: Model) =>
    [...row.byDemo.entries()]
      .map(
        ([demo, judged]) =>
          `${model.demos.find((d) => d.id === demo)?.label ?? 'demo'} ${SYMBOL[judged.outcome] ?? ''}`,
      )
      .join('\n'),
  evidence: (row: MatrixRow) => String(row.evidence.length),
  lastEvidence: (row: MatrixRow) =>
    row.lastEvidence ?? (row.staleness === 'undated' ? 'undated' : '—'),
  gaps: (row: MatrixRow) => row.gaps.join('; '),
  exceptions: (row: MatrixRow) =>
    row.exceptions
      .map((item) => `${item.expired ? 'expired' : 'until'} ${item.expires}`)
      .join('; '),
};

export interface ExceptionRow {
  control: string;
  demo: string;
  expires: string;
  /** Past its expiry on the report's day. */
  expired: boolean;
  rationale: string;
  decidedBy: string;
}

const exceptionCells = {
  control: (row: ExceptionRow) => row.control,
  demo: (row: ExceptionRow) => row.demo,
  expires: (row: ExceptionRow) => (row.expired ? `${row.expires} (expired)` : row.expires),
  rationale: (row: ExceptionRow) => row.rationale,
  decidedBy: (row: ExceptionRow) => row.decidedBy,
};

/** A follow-up question with the agenda item it was asked on. */
export interface QuestionRow {
  item: string;
  text: string;
  author: string;
  at: string | undefined;
  answer: string;
  answeredAt: string | undefined;
}

const questionCells = {
  item: (row: QuestionRow) => row.item,
  question: (row: QuestionRow) => row.text,
  askedBy: (row: QuestionRow) => [row.author, formatInstant(row.at)].filter(Boolean).join(', '),
  answer: (row: QuestionRow) => row.answer || 'open',
  answeredAt: (row: QuestionRow) => formatInstant(row.answeredAt),
};

export const TABLE_CELLS = {
  evidence: evidenceCells,
  verdicts: verdictCells,
  issues: issueCells,
  attendees: attendeeCells,
  matrix: matrixCells,
  exceptions: exceptionCells,
  questions: questionCells,
} as const satisfies Record<string, Record<string, Cell>>;

export type TableSection = keyof typeof TABLE_CELLS;

export function isTableSection(type: string): type is TableSection {
  return type in TABLE_CELLS;
}

/** Checks a layout's columns against the keys a section knows. */
export function unknownColumns(section: TableSection, columns: readonly Column[]): string[] {
  const known = TABLE_CELLS[section] as Record<string, unknown>;
  return columns.filter((column) => !(column.key in known)).map((column) => column.key);
}

interface RowTypes {
  evidence: Model['evidence'][number];
  verdicts: Model['verdicts'][number];
  issues: Model['issues'][number];
  attendees: Model['attendees'][number];
  matrix: MatrixRow;
  exceptions: ExceptionRow;
  questions: QuestionRow;
}

export function tableRows<S extends TableSection>(
  section: S,
  columns: readonly Column[],
  rows: Iterable<RowTypes[S]>,
  model: Model,
  palette: Readonly<Record<string, string>>,
): Iterable<TableRow> {
  const cells = TABLE_CELLS[section] as unknown as Record<
    string,
    (row: unknown, model: Model) => string
  >;
  const tone = (key: string, text: string): Rgb | null => {
    if (key !== 'outcome' && key !== 'latest' && key !== 'priority') return null;
    const name = Object.entries(VERDICT_LABELS).find(([, label]) => label === text)?.[0] ?? text;
    const hex = palette[name];
    return hex === undefined ? null : rgb(hex);
  };
  return {
    *[Symbol.iterator]() {
      for (const row of rows) {
        const values = columns.map((column) => cells[column.key]?.(row, model) ?? '');
        yield {
          cells: values,
          tones: values.map((value, index) => tone(columns[index]?.key ?? '', value)),
        };
      }
    },
  };
}
