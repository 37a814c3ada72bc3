import type { CatalogControl, CatalogParam, CatalogPart } from './model';

/**
 * Plain-text rendering of statements, as NIST prints them: a parameter insert
 * (`{{ insert: param, ac-2_prm_1 }}`) becomes `[Assignment: organization-defined …]` or
 * `[Selection (one or more): a; b]`. Text only: catalog prose is never rendered as HTML.
 */

const INSERT = /\{\{\s*insert:\s*param,\s*([^\s}]+)\s*\}\}/g;
const MAX_PARAM_DEPTH = 4;

export function paramPlaceholder(
  param: CatalogParam | undefined,
  params: ReadonlyMap<string, CatalogParam>,
  depth = 0,
): string {
  if (param === undefined) return '[Assignment: not defined]';
  if (param.values && param.values.length > 0) return param.values.join(', ');
  if (param.select) {
    const kind = param.select.howMany === 'one-or-more' ? 'Selection (one or more)' : 'Selection';
    const choices = param.select.choices.map((choice) =>
      depth < MAX_PARAM_DEPTH ? resolveInserts(choice, params, depth + 1) : choice,
    );
    return `[${kind}: ${choices.join('; ')}]`;
  }
  return `[Assignment: ${param.label ?? param.id}]`;
}

export function resolveInserts(
  prose: string,
  params: ReadonlyMap<string, CatalogParam>,
  depth = 0,
): string {
  return prose.replace(INSERT, (_match, id: string) =>
    paramPlaceholder(params.get(id), params, depth),
  );
}

export function paramMap(control: Pick<CatalogControl, 'params'>): Map<string, CatalogParam> {
  return new Map((control.params ?? []).map((param) => [param.id, param]));
}

/** One display line per part, with its label and nesting depth, for lists in the UI. */
export interface StatementLine {
  depth: number;
  label: string | undefined;
  text: string;
}

export function statementLines(control: CatalogControl): StatementLine[] {
  const params = paramMap(control);
  const lines: StatementLine[] = [];
  const visit = (part: CatalogPart, depth: number): void => {
    const prose = resolveInserts(part.prose, params).trim();
    if (prose !== '' || part.label !== undefined)
      lines.push({ depth, label: part.label, text: prose });
    for (const item of part.items) visit(item, depth + 1);
  };
  if (control.statement) visit(control.statement, 0);
  return lines;
}

/** The whole statement as one paragraph of text: what search indexes and pickers show. */
export function statementText(control: CatalogControl): string {
  return statementLines(control)
    .map((line) => (line.label ? `${line.label} ${line.text}` : line.text))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
