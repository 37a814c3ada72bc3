import Papa from 'papaparse';
import { SEVERITY_FOR_PRIORITY } from '../model/issue';
import type { SecurityIssue } from '../model/issue';
import { localDate } from '../time/zoned';
import { restoreCsvCell, writeCsv } from '../util/csv';
import type { ImportedIssue, ImportProblem, ImportResult } from './imported';
import {
  ImportedIssue as ImportedIssueSchema,
  JIRA_PRIORITY,
  JIRA_STATUS,
  MAX_TRACKER_TEXT,
  TrackerFormatError,
  controlRefsFromText,
  priorityFromTracker,
  severityFromLabels,
  severityFromTracker,
  statusFromTracker,
} from './imported';
import { parseTrackerDate, trackerInstant } from './dates';

/**
 * CSV to and from Jira. Import reads columns by header (case-insensitive; see CSV_COLUMNS and the
 * README's mapping table); `Labels` may repeat, as in Jira's own exports. Export writes the same
 * columns, dates as ISO 8601 instants (Jira's import wizard date format:
 * `yyyy-MM-dd'T'HH:mm:ss.SSSXXX`), and neutralises spreadsheet formulas with `writeCsv`
 * (core/util/csv.ts); import undoes that with `restoreCsvCell`, so an export re-imports unchanged.
 */

export type CsvField =
  | 'title'
  | 'trackerKey'
  | 'issueType'
  | 'priority'
  | 'status'
  | 'owner'
  | 'description'
  | 'due'
  | 'raisedAt'
  | 'resolvedAt'
  | 'labels'
  | 'severity'
  | 'controls'
  | 'ledgerId'
  | 'ledgerKey'
  | 'trackerUrl'
  | 'riskApprover'
  | 'riskReason'
  | 'riskExpires'
  | 'closeReason'
  | 'resolution';

/** Header written on export → field; import also accepts the aliases. */
export const CSV_COLUMNS: readonly {
  header: string;
  field: CsvField;
  aliases?: readonly string[];
}[] = [
  { header: 'Summary', field: 'title', aliases: ['Title'] },
  { header: 'Issue key', field: 'trackerKey', aliases: ['Key', 'Issue Key'] },
  { header: 'Issue Type', field: 'issueType' },
  { header: 'Priority', field: 'priority' },
  { header: 'Status', field: 'status' },
  { header: 'Assignee', field: 'owner', aliases: ['Owner'] },
  { header: 'Description', field: 'description' },
  { header: 'Due date', field: 'due', aliases: ['Due Date', 'Due'] },
  { header: 'Created', field: 'raisedAt', aliases: ['Raised'] },
  { header: 'Resolved', field: 'resolvedAt', aliases: ['Resolution date'] },
  { header: 'Labels', field: 'labels' },
  { header: 'Severity', field: 'severity' },
  { header: 'Controls', field: 'controls' },
  { header: 'Demo Ledger ID', field: 'ledgerId' },
  { header: 'Demo Ledger key', field: 'ledgerKey' },
  { header: 'Tracker URL', field: 'trackerUrl', aliases: ['Issue URL'] },
  { header: 'Risk approver', field: 'riskApprover' },
  { header: 'Risk reason', field: 'riskReason' },
  { header: 'Risk expires', field: 'riskExpires' },
  { header: 'Close reason', field: 'closeReason' },
  { header: 'Resolution', field: 'resolution' },
];

const MAX_ROWS = 50_000;

function columnIndex(headers: readonly string[]): Map<CsvField, number[]> {
  const byName = new Map<string, CsvField>();
  for (const column of CSV_COLUMNS) {
    for (const name of [column.header, ...(column.aliases ?? [])])
      byName.set(name.toLowerCase(), column.field);
  }
  const indices = new Map<CsvField, number[]>();
  headers.forEach((header, index) => {
    const field = byName.get(
      header
        .replace(/^\uFEFF/, '')
        .trim()
        .toLowerCase(),
    );
    if (field !== undefined) indices.set(field, [...(indices.get(field) ?? []), index]);
  });
  return indices;
}

function rowToImported(
  row: readonly string[],
  columns: Map<CsvField, number[]>,
  timeZone: string,
): unknown {
  const all = (field: CsvField): string[] =>
    (columns.get(field) ?? [])
      .map((index) => restoreCsvCell(row[index] ?? '').trim())
      .filter((value) => value !== '');
  const one = (field: CsvField): string => all(field)[0] ?? '';
  const labels = all('labels').flatMap((value) => value.split(/\s+/));
  const priority = priorityFromTracker(one('priority')) ?? 'P3';
  const status = statusFromTracker(one('status'));
  const due = parseTrackerDate(one('due'), timeZone);
  const raisedText = one('raisedAt');
  const resolvedText = one('resolvedAt');
  const approver = one('riskApprover');
  const resolution = one('resolution');
  // Our own export carries the reason (empty after verification); Jira's has a resolution.
  const closeReason = columns.has('closeReason')
    ? one('closeReason')
    : `Closed in Jira${resolution ? ` (${resolution})` : ''}`;
  const ledgerId = one('ledgerId');
  return {
    ledgerId: ledgerId === '' ? null : ledgerId,
    trackerKey: one('trackerKey') || null,
    trackerUrl: one('trackerUrl'),
    title: one('title'),
    description: (columns.get('description') ?? [])
      .map((index) => restoreCsvCell(row[index] ?? ''))
      .join('\n')
      .trim(),
    priority,
    severity:
      severityFromTracker(one('severity')) ??
      severityFromLabels(labels) ??
      SEVERITY_FOR_PRIORITY[priority],
    status,
    owner: one('owner'),
    raisedAt: raisedText === '' ? '' : (trackerInstant(raisedText, timeZone) ?? raisedText),
    resolvedAt:
      resolvedText === '' ? null : (trackerInstant(resolvedText, timeZone) ?? resolvedText),
    dueAt: due?.kind === 'instant' ? due.iso : null,
    dueDate: due?.kind === 'date' ? due.date : null,
    controlRefs: controlRefsFromText([one('controls'), ...labels].join(' ')),
    closeReason: status === 'closed' ? closeReason : '',
    riskAcceptance:
      status === 'risk-accepted' && approver !== ''
        ? { approver, reason: one('riskReason'), expiresOn: one('riskExpires') }
        : null,
  };
}

/** Reads a CSV export; rows that cannot be read are reported with their row number. */
export function parseJiraCsv(text: string, options: { timeZone: string }): ImportResult {
  if (text.length > MAX_TRACKER_TEXT) {
    throw new TrackerFormatError(
      `The CSV file is larger than ${MAX_TRACKER_TEXT / 1024 / 1024} MiB.`,
    );
  }
  const parsed = Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: 'greedy',
    preview: MAX_ROWS + 1,
  });
  const fatal = parsed.errors.find((error) => error.type === 'Quotes');
  if (fatal !== undefined) {
    throw new TrackerFormatError(
      `The CSV file is malformed at row ${(fatal.row ?? 0) + 1}: ${fatal.message}.`,
    );
  }
  const [headers, ...rows] = parsed.data;
  if (headers === undefined) throw new TrackerFormatError('The CSV file is empty.');
  const columns = columnIndex(headers);
  if (!columns.has('title')) {
    throw new TrackerFormatError(
      'The CSV file has no Summary column (see the column mapping in the README).',
    );
  }
  if (rows.length > MAX_ROWS)
    throw new TrackerFormatError(`The CSV file has more than ${MAX_ROWS} rows.`);
  const issues: ImportedIssue[] = [];
  const problems: ImportProblem[] = [];
  rows.forEach((row, index) => {
    const result = ImportedIssueSchema.safeParse(rowToImported(row, columns, options.timeZone));
    if (result.success) issues.push(result.data);
    else {
      const first = result.error.issues[0];
      problems.push({
        where: `row ${index + 2}`,
        message: `${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}`,
      });
    }
  });
  return { issues, problems };
}

/** What an issue exports as: the same shape the importers produce. */
export function importedFromIssue(issue: SecurityIssue): ImportedIssue {
  const running = issue.slaHistory.at(-1);
  return {
    ledgerId: issue.id,
    trackerKey: issue.trackerKey,
    trackerUrl: issue.trackerUrl,
    title: issue.title,
    description: issue.description,
    priority: issue.priority,
    severity: issue.severity,
    status: issue.status,
    owner: issue.owner,
    raisedAt: issue.raisedAt,
    resolvedAt: issue.resolvedAt,
    dueAt: running?.dueAt ?? issue.dueAt,
    dueDate: null,
    controlRefs: issue.controlRefs,
    closeReason: issue.closure?.reason ?? '',
    riskAcceptance:
      issue.riskAcceptance === null
        ? null
        : {
            approver: issue.riskAcceptance.approver,
            reason: issue.riskAcceptance.reason,
            expiresOn: issue.riskAcceptance.expiresOn,
          },
  };
}

/** CSV that Jira's importer reads (and that re-imports here to the same data). */
export function exportJiraCsv(issues: readonly SecurityIssue[]): string {
  const labelColumns = 3;
  const headers = CSV_COLUMNS.flatMap((column) =>
    column.field === 'labels' ? Array<string>(labelColumns).fill(column.header) : [column.header],
  );
  const rows = issues.map((issue) => {
    const data = importedFromIssue(issue);
    const cells: Record<CsvField, string | string[]> = {
      title: data.title,
      trackerKey: data.trackerKey ?? '',
      issueType: 'Bug',
      priority: JIRA_PRIORITY[data.priority],
      status: JIRA_STATUS[data.status],
      owner: data.owner,
      description: data.description,
      due: data.dueAt ?? '',
      raisedAt: data.raisedAt,
      resolvedAt: data.resolvedAt ?? '',
      labels: ['security', 'demo-ledger', `severity-${data.severity}`],
      severity: data.severity,
      controls: data.controlRefs.join(' '),
      ledgerId: data.ledgerId ?? '',
      ledgerKey: `SEC-${issue.number}`,
      trackerUrl: data.trackerUrl,
      riskApprover: data.riskAcceptance?.approver ?? '',
      riskReason: data.riskAcceptance?.reason ?? '',
      riskExpires: data.riskAcceptance?.expiresOn ?? '',
      closeReason: data.closeReason,
      resolution: data.status === 'closed' ? (issue.closure?.verified ? 'Done' : "Won't Do") : '',
    };
    return CSV_COLUMNS.flatMap((column) => {
      const value = cells[column.field];
      return Array.isArray(value) ? value : [value];
    });
  });
  return writeCsv([headers, ...rows]);
}

/** A file name for an export made today in the workspace's zone. */
export function exportFileName(now: number, timeZone: string): string {
  return `security-issues-${localDate(now, timeZone)}.csv`;
}
