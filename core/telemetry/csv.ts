/**
 * RFC 4180 CSV read line by line (after `LineSplitter`), so a file of any size streams through.
 * A quoted field may span lines; a record is limited to `maxRecordLength` characters so an
 * unterminated quote cannot swallow the rest of a large file.
 */
export class CsvRecordReader {
  private pending: string | null = null;
  private pendingStart = 0;

  constructor(
    readonly delimiter: string,
    private readonly maxRecordLength = 256 * 1024,
  ) {}

  /** Returns the record's fields, null while a quoted field continues on the next line. */
  pushLine(line: string, lineNumber: number): string[] | null {
    const text = this.pending === null ? line : `${this.pending}\n${line}`;
    if (this.pending === null) this.pendingStart = lineNumber;
    if (hasOpenQuote(text)) {
      if (text.length > this.maxRecordLength) {
        this.pending = null;
        throw new CsvError(
          `line ${this.pendingStart}: a quoted field is not closed within ${this.maxRecordLength} characters`,
        );
      }
      this.pending = text;
      return null;
    }
    this.pending = null;
    return splitRecord(text, this.delimiter);
  }

  /** Throws if the file ended inside a quoted field. */
  finish(): void {
    if (this.pending !== null) {
      throw new CsvError(`line ${this.pendingStart}: the file ends inside a quoted field`);
    }
  }
}

export class CsvError extends Error {
  override readonly name = 'CsvError';
}

function hasOpenQuote(text: string): boolean {
  let open = false;
  for (let index = text.indexOf('"'); index >= 0; index = text.indexOf('"', index + 1)) {
    open = !open;
  }
  return open;
}

export function splitRecord(text: string, delimiter: string): string[] {
  if (!text.includes('"')) return text.split(delimiter);
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index += 1;
        } else quoted = false;
      } else field += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

/** The delimiter of a header line: the most frequent of comma, semicolon and tab. */
export function detectDelimiter(header: string): string {
  const counts = [',', ';', '\t'].map((candidate) => ({
    candidate,
    count: splitRecord(header, candidate).length,
  }));
  counts.sort((a, b) => b.count - a.count);
  return counts[0]?.candidate ?? ',';
}
