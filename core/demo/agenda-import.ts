import Papa from 'papaparse';
import type { AgendaItemDraft } from '../model/demo';
import { AgendaItemFields, WebLink } from '../model/demo';
import { ControlRef } from '../model/refs';
import type { AgendaProblem } from './agenda-problems';
import { AgendaImportError } from './agenda-problems';
import { jiraIssuesToAgenda } from './jira';

export type { AgendaProblem } from './agenda-problems';
export { AgendaImportError } from './agenda-problems';

/**
 * Agenda items from what people have at hand before a demo: a pasted list, a Jira export (REST
 * JSON) or a CSV file. Imported files are untrusted: they are size-bounded, parsed without
 * evaluating anything, every item is validated by the same schema as items typed by hand, and
 * problems are reported with the line, row or JSON path they come from.
 */

export const MAX_AGENDA_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_AGENDA_ITEMS = 500;

export interface ParsedAgenda {
  items: AgendaItemDraft[];
  problems: AgendaProblem[];
  /** Facts worth telling, e.g. that a Jira file is one page of a larger search. */
  notes: string[];
}

export type AgendaFormat = 'jira-json' | 'csv' | 'text';

const KEY_AT_START = /^([A-Z][A-Z0-9_]*-\d+)\b[\s:–—-]*/;
const BULLET = /^\s*(?:[-*•]|\d+[.)])\s+/;

/** One item per non-empty line: `KEY-12 Title`, `KEY-12: Title`, a bullet, or tab-separated cells. */
export function parsePastedAgenda(text: string): ParsedAgenda {
  const result: ParsedAgenda = { items: [], problems: [], notes: [] };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(BULLET, '').trim();
    if (line === '') return;
    const at = `line ${index + 1}`;
    const cells = line.split('\t').map((cell) => cell.trim());
    let candidate: AgendaItemDraft;
    if (cells.length > 1) {
      const [first = '', second = '', third = ''] = cells;
      candidate = KEY_AT_START.test(`${first} `)
        ? { key: first, title: second || first, owner: third }
        : { title: first, owner: second };
    } else {
      const keyed = KEY_AT_START.exec(line);
      const title = keyed ? line.slice(keyed[0].length) : '';
      candidate = keyed ? { key: keyed[1], title: title || keyed[1] || line } : { title: line };
    }
    addItem(result, candidate, at);
  });
  return result;
}

/** Jira REST JSON: a search result (`{issues: [...]}`), an array of issues, or one issue. */
export function parseJiraJson(text: string): ParsedAgenda {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new AgendaImportError(
      `This is not valid JSON (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  const result: ParsedAgenda = { items: [], problems: [], notes: [] };
  const converted = jiraIssuesToAgenda(data);
  result.notes.push(...converted.notes);
  result.problems.push(...converted.problems);
  for (const { draft, at } of converted.items) addItem(result, draft, at);
  return result;
}

const HEADER_ALIASES: Readonly<Record<string, keyof AgendaItemDraft>> = {
  key: 'key',
  'issue key': 'key',
  title: 'title',
  summary: 'title',
  name: 'title',
  description: 'description',
  owner: 'owner',
  assignee: 'owner',
  links: 'links',
  link: 'links',
  url: 'links',
  controls: 'controls',
  control: 'controls',
};

/**
 * CSV with a header row. Column names are matched case-insensitively, including Jira's own CSV
 * export (`Issue key`, `Summary`, `Assignee`, `Description`); other columns are ignored, and
 * when a name repeats (Jira repeats `Labels`, `Sprint` ...) the first non-empty cell counts.
 */
export function parseAgendaCsv(text: string): ParsedAgenda {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    header: false,
    skipEmptyLines: 'greedy',
  });
  const result: ParsedAgenda = { items: [], problems: [], notes: [] };
  const rows = parsed.data;
  const header = rows[0];
  if (!header) throw new AgendaImportError('The CSV file is empty.');
  const columns = header.map((name) => HEADER_ALIASES[name.trim().toLowerCase()]);
  if (!columns.includes('title') && !columns.includes('key')) {
    throw new AgendaImportError(
      'The CSV file needs a header row with a Title (or Summary) or Key (or Issue key) column.',
    );
  }
  for (const error of parsed.errors) {
    result.problems.push({ at: `row ${(error.row ?? 0) + 1}`, message: error.message });
  }
  rows.slice(1).forEach((cells, index) => {
    const at = `row ${index + 2}`;
    const fields: Partial<Record<keyof AgendaItemDraft, string>> = {};
    cells.forEach((cell, column) => {
      const field = columns[column];
      if (field !== undefined && (fields[field] ?? '') === '') fields[field] = cell.trim();
    });
    if (Object.values(fields).every((value) => value === '')) return;
    const candidate: AgendaItemDraft = {
      key: fields.key ?? '',
      title: fields.title || fields.key || '',
      description: fields.description ?? '',
      owner: fields.owner ?? '',
      links: splitList(fields.links, /[\s;]+/),
      controls: splitList(fields.controls, /[\s,;]+/),
    };
    addItem(result, candidate, at);
  });
  return result;
}

export function detectAgendaFormat(fileName: string, text: string): AgendaFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json')) return 'jira-json';
  if (lower.endsWith('.csv')) return 'csv';
  const start = text.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return 'jira-json';
  return 'text';
}

export function parseAgendaFile(fileName: string, text: string): ParsedAgenda {
  if (text.length > MAX_AGENDA_FILE_BYTES) {
    throw new AgendaImportError(
      `The file is larger than ${MAX_AGENDA_FILE_BYTES / 1024 / 1024} MiB; agenda files are far smaller. Split it or export fewer issues.`,
    );
  }
  const format = detectAgendaFormat(fileName, text);
  if (format === 'jira-json') return parseJiraJson(text);
  if (format === 'csv') return parseAgendaCsv(text);
  return parsePastedAgenda(text);
}

function splitList(value: string | undefined, separator: RegExp): string[] {
  return (value ?? '').split(separator).filter((part) => part !== '');
}

/**
 * Validates one candidate and keeps it, or reports why not. Invalid links and control
 * references are dropped from an otherwise good item and reported, so one typo does not cost
 * the whole row.
 */
function addItem(result: ParsedAgenda, candidate: AgendaItemDraft, at: string): void {
  if (result.items.length >= MAX_AGENDA_ITEMS) {
    const note = `Only the first ${MAX_AGENDA_ITEMS} items are imported at a time.`;
    if (!result.notes.includes(note)) result.notes.push(note);
    return;
  }
  const controls = (candidate.controls ?? []).filter((control) => {
    if (ControlRef.safeParse(control).success) return true;
    result.problems.push({ at, message: `“${control}” is not a control reference; left out.` });
    return false;
  });
  const links = (candidate.links ?? []).filter((link) => {
    if (WebLink.safeParse(link).success) return true;
    result.problems.push({ at, message: `“${link}” is not an http(s) link; left out.` });
    return false;
  });
  const parsed = AgendaItemFields.safeParse({ ...candidate, controls, links });
  if (parsed.success) {
    result.items.push(parsed.data);
    return;
  }
  for (const issue of parsed.error.issues) {
    result.problems.push({ at, message: `${issue.path.join('.') || 'item'}: ${issue.message}` });
  }
}
