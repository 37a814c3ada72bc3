import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import { findNodeAtLocation, parse, parseTree, printParseErrorCode } from 'jsonc-parser';

/**
 * Problems found in an imported file, each naming where it is: a JSON pointer (`/catalog/
 * groups/0/controls/3/id`) or a CSV column, and the line and column in the file when known.
 */
export interface ImportIssue {
  path: string;
  line?: number;
  column?: number;
  message: string;
}

export type ImportResult<T> =
  { ok: true; value: T; warnings: ImportIssue[] } | { ok: false; errors: ImportIssue[] };

/** Imported files larger than this are refused before parsing (characters of text). */
export const MAX_IMPORT_CHARS = 64 * 1024 * 1024;

/** At most this many errors are reported; a broken file can produce thousands. */
export const MAX_REPORTED_ERRORS = 200;

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let index = text.indexOf('\n'); index !== -1 && index < end;) {
    line += 1;
    lineStart = index + 1;
    index = text.indexOf('\n', lineStart);
  }
  return { line, column: end - lineStart + 1 };
}

export function formatIssue(issue: ImportIssue): string {
  const where =
    issue.line === undefined
      ? issue.path
      : `${issue.path || '(document)'} (line ${issue.line}${issue.column === undefined ? '' : `, column ${issue.column}`})`;
  return where ? `${where}: ${issue.message}` : issue.message;
}

/**
 * Parses JSON text. On a syntax error, reports where it is: JSON.parse's own message differs
 * between engines, so the position comes from a second, tolerant parse (jsonc-parser).
 */
export function parseJsonText(text: string): ImportResult<unknown> {
  if (text.length > MAX_IMPORT_CHARS) {
    return {
      ok: false,
      errors: [{ path: '', message: `the file is larger than ${MAX_IMPORT_CHARS / 2 ** 20} MiB` }],
    };
  }
  try {
    return { ok: true, value: JSON.parse(stripBom(text)) as unknown, warnings: [] };
  } catch (error) {
    const errors: ParseError[] = [];
    parse(stripBom(text), errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    if (first === undefined) {
      return {
        ok: false,
        errors: [{ path: '', message: `not valid JSON: ${(error as Error).message}` }],
      };
    }
    return {
      ok: false,
      errors: [
        {
          path: '',
          ...lineAndColumn(text, first.offset),
          message: `not valid JSON: ${describeParseError(printParseErrorCode(first.error))}`,
        },
      ],
    };
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Adds line and column to issues whose path is a JSON pointer into `text`. */
export function locateIssues(text: string, issues: ImportIssue[]): ImportIssue[] {
  let tree: JsonNode | undefined;
  try {
    tree = parseTree(stripBom(text));
  } catch {
    return issues;
  }
  if (tree === undefined) return issues;
  const offsetShift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return issues.map((issue) => {
    if (!issue.path.startsWith('/') || issue.line !== undefined) return issue;
    const segments = issue.path
      .slice(1)
      .split('/')
      .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
    const node = findNodeAtLocation(tree, segments);
    const offset = node?.parent?.type === 'property' ? node.parent.offset : node?.offset;
    return offset === undefined
      ? issue
      : { ...issue, ...lineAndColumn(text, offset + offsetShift) };
  });
}
