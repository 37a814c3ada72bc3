import Papa from 'papaparse';
import { ControlRef } from '../model/refs';
import { sha256Hex } from '../util/hash';
import type { ImportIssue, ImportResult } from './issues';
import { MAX_IMPORT_CHARS, MAX_REPORTED_ERRORS, lineAndColumn } from './issues';
import type { Catalog, CatalogControl, CatalogGroup } from './model';
import {
  CATALOG_FORMAT,
  Catalog as CatalogSchema,
  CatalogId,
  ControlId,
  catalogIntegrityIssues,
} from './model';

export interface CsvRecord {
  /** Line of the file the record starts on (1-based); records may span lines. */
  line: number;
  cells: string[];
}

/** Parses CSV (RFC 4180) into records that know their line, or reports where it is broken. */
export function parseCsv(text: string): { records: CsvRecord[]; errors: ImportIssue[] } {
  if (text.length > MAX_IMPORT_CHARS)
    return {
      records: [],
      errors: [{ path: '', message: `the file is larger than ${MAX_IMPORT_CHARS / 2 ** 20} MiB` }],
    };
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  const errors: ImportIssue[] = [];
  let start = 0;
  let line = 1;
  Papa.parse<string[]>(source, {
    delimiter: ',',
    skipEmptyLines: false,
    step: (result) => {
      for (const error of result.errors) {
        const at = lineAndColumn(source, error.index ?? start);
        errors.push({ path: '', ...at, message: error.message });
      }
      if (!(result.data.length === 1 && result.data[0] === ''))
        records.push({ line, cells: result.data });
      const end = result.meta.cursor;
      for (let index = source.indexOf('\n', start); index !== -1 && index < end;) {
        line += 1;
        index = source.indexOf('\n', index + 1);
      }
      start = end;
    },
  });
  return { records, errors };
}

/** The documented CSV catalog layout: one control per row, a header row naming the columns. */
export const CSV_COLUMNS = ['id', 'title', 'statement', 'group', 'parent', 'mappings', 'guidance'];
const REQUIRED = ['id', 'title'];

export interface CsvImportOptions {
  catalogId: string;
  title: string;
  version: string;
  fileName?: string;
}

/**
 * Imports a catalog from CSV. Every problem is reported with its line and column name, and a
 * file with any error imports nothing.
 */
export function importCsvCatalog(text: string, options: CsvImportOptions): ImportResult<Catalog> {
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const meta = checkOptions(options, errors);
  const parsed = parseCsv(text);
  errors.push(...parsed.errors);
  const [header, ...rows] = parsed.records;
  if (header === undefined) {
    errors.push({ path: '', message: 'the file is empty: expected a header row' });
    return { ok: false, errors };
  }
  const columns = header.cells.map((cell) => cell.trim().toLowerCase());
  const column = (name: string): number => columns.indexOf(name);
  for (const name of REQUIRED)
    if (column(name) === -1)
      errors.push({ path: name, line: header.line, message: `the header has no "${name}" column` });
  columns.forEach((name, index) => {
    if (!CSV_COLUMNS.includes(name))
      warnings.push({
        path: header.cells[index] ?? name,
        line: header.line,
        message: 'column not used',
      });
    else if (columns.indexOf(name) !== index)
      errors.push({ path: name, line: header.line, message: `the column "${name}" appears twice` });
  });
  if (errors.length > 0) return { ok: false, errors };

  const cell = (row: CsvRecord, name: string): string => (row.cells[column(name)] ?? '').trim();
  const groups: CatalogGroup[] = [];
  const groupIds = new Map<string, string>();
  const controls: CatalogControl[] = [];
  const lineOf = new Map<string, number>();
  for (const row of rows) {
    if (row.cells.every((value) => value.trim() === '')) continue;
    const fail = (path: string, message: string): void => {
      errors.push({ path, line: row.line, message });
    };
    const id = cell(row, 'id');
    const title = cell(row, 'title');
    if (!ControlId.safeParse(id).success) {
      fail(
        'id',
        id === '' ? 'a control id is required' : `"${id.slice(0, 80)}" is not a valid control id`,
      );
      continue;
    }
    if (lineOf.has(id)) fail('id', `duplicate id ${id} (first on line ${lineOf.get(id)})`);
    lineOf.set(id, row.line);
    if (title === '') fail('title', 'a title is required');
    const mappings = cell(row, 'mappings')
      .split(/[;,\s]+/)
      .filter(Boolean);
    for (const ref of mappings)
      if (!ControlRef.safeParse(ref).success)
        fail(
          'mappings',
          `"${ref.slice(0, 80)}" is not a control reference like nist-sp-800-53-rev5#ac-2`,
        );
    const groupTitle = cell(row, 'group');
    let groupId: string | null = null;
    if (groupTitle !== '') {
      groupId = groupIds.get(groupTitle) ?? `group-${groupIds.size + 1}`;
      if (!groupIds.has(groupTitle)) {
        groupIds.set(groupTitle, groupId);
        groups.push({ id: groupId, title: groupTitle, parentId: null });
      }
    }
    const parent = cell(row, 'parent');
    const statement = cell(row, 'statement');
    const guidance = cell(row, 'guidance');
    controls.push({
      id,
      title,
      parentId: parent === '' ? null : parent,
      groupId,
      statement: statement === '' ? null : { prose: statement, items: [] },
      ...(guidance ? { guidance } : {}),
      ...(mappings.length > 0 ? { mappings } : {}),
    });
  }
  for (const control of controls)
    if (control.parentId !== null && !lineOf.has(control.parentId))
      errors.push({
        path: 'parent',
        line: lineOf.get(control.id),
        message: `parent ${control.parentId} is not a control in this file`,
      });
  if (controls.length === 0 && errors.length === 0)
    errors.push({ path: '', message: 'the file has a header but no controls' });
  if (errors.length > 0 || meta === null)
    return { ok: false, errors: errors.slice(0, MAX_REPORTED_ERRORS) };

  const candidate = {
    format: CATALOG_FORMAT,
    ...meta,
    sources: [{ name: options.fileName ?? 'CSV file', sha256: sha256Hex(text) }],
    licence: { spdx: 'NOASSERTION', name: 'Not stated in the file', attribution: '' },
    groups,
    controls,
    profiles: [],
  };
  const result = CatalogSchema.safeParse(candidate);
  if (!result.success)
    return {
      ok: false,
      errors: result.error.issues.slice(0, MAX_REPORTED_ERRORS).map((issue) => ({
        path: issue.path.join('.'),
        ...(typeof issue.path[1] === 'number'
          ? { line: lineOf.get(controls[issue.path[1]]?.id ?? '') }
          : {}),
        message: issue.message,
      })),
    };
  const integrity = catalogIntegrityIssues(result.data);
  if (integrity.length > 0) return { ok: false, errors: integrity };
  return { ok: true, value: result.data, warnings };
}

function checkOptions(
  options: CsvImportOptions,
  errors: ImportIssue[],
): Pick<Catalog, 'id' | 'title' | 'version'> | null {
  const id = CatalogId.safeParse(options.catalogId);
  if (!id.success) errors.push({ path: 'catalog id', message: id.error.issues[0]?.message ?? '' });
  if (options.title.trim() === '')
    errors.push({ path: 'catalog title', message: 'a title is required' });
  if (options.version.trim() === '')
    errors.push({ path: 'catalog version', message: 'a version is required' });
  return id.success && options.title.trim() !== '' && options.version.trim() !== ''
    ? { id: id.data, title: options.title.trim(), version: options.version.trim() }
    : null;
}
