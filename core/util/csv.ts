import Papa from 'papaparse';

/**
 * The one way Demo Ledger writes CSV (RFC 4180, CRLF line ends), so no export can be opened as
 * live spreadsheet formulas. A spreadsheet runs a cell as a formula when it starts with `=`, `+`,
 * `-` or `@`, and some also after a leading tab or carriage return; OWASP's advice is to prefix
 * such cells with `'`. A cell holding line breaks is also read line by line by some importers,
 * so every line of a cell is guarded, not only its first. A leading `'` is doubled as well, which
 * makes the guard reversible: `restoreCsvCell(neutraliseCsvCell(text)) === text` for any text.
 */

const GUARDED = new Set(['=', '+', '-', '@', '\t', '\r', "'"]);

/** Positions where a line of `text` starts: 0 and after every `\n`, `\r\n` or lone `\r`. */
function isLineStart(text: string, index: number): boolean {
  if (index === 0) return true;
  const before = text[index - 1];
  return before === '\n' || (before === '\r' && text[index] !== '\n');
}

/** Prefixes `'` to every line of the cell that starts with a formula character (or `'`). */
export function neutraliseCsvCell(cell: string): string {
  let result = '';
  let from = 0;
  for (let index = 0; index < cell.length; index += 1) {
    if (GUARDED.has(cell[index] as string) && isLineStart(cell, index)) {
      result += `${cell.slice(from, index)}'`;
      from = index;
    }
  }
  return from === 0 && result === '' ? cell : result + cell.slice(from);
}

/** Undoes `neutraliseCsvCell`: removes the `'` it put before a guarded character. */
export function restoreCsvCell(cell: string): string {
  let result = '';
  let from = 0;
  for (let index = 0; index < cell.length - 1; index += 1) {
    if (cell[index] === "'" && GUARDED.has(cell[index + 1] as string) && isLineStart(cell, index)) {
      result += cell.slice(from, index);
      from = index + 1;
      index += 1;
    }
  }
  return from === 0 ? cell : result + cell.slice(from);
}

/** Rows as CSV: every cell neutralised, quoted where RFC 4180 needs it, each row ending in CRLF. */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '';
  const safe = rows.map((row) => row.map(neutraliseCsvCell));
  return `${Papa.unparse(safe, { newline: '\r\n', quotes: false, escapeFormulae: false })}\r\n`;
}
