/**
 * Splits a byte stream into lines without holding more than one line (and one chunk) at a time.
 * Lines longer than `maxLineLength` characters are not kept: the callback gets `null` for them,
 * so a gigabyte file without a newline cannot exhaust memory.
 */
export const MAX_LINE_LENGTH = 64 * 1024;

export class LineSplitter {
  private readonly decoder = new TextDecoder('utf-8');
  private pending = '';
  private overlong = false;
  private lineNumber = 0;

  constructor(
    private readonly onLine: (line: string | null, lineNumber: number) => void,
    private readonly maxLineLength = MAX_LINE_LENGTH,
  ) {}

  get lines(): number {
    return this.lineNumber;
  }

  push(chunk: Uint8Array): void {
    this.consume(this.decoder.decode(chunk, { stream: true }));
  }

  pushText(text: string): void {
    this.consume(text);
  }

  finish(): void {
    this.consume(this.decoder.decode());
    if (this.pending !== '' || this.overlong) this.emit(this.pending);
    this.pending = '';
    this.overlong = false;
  }

  private consume(text: string): void {
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline < 0) break;
      const piece = text.slice(start, newline);
      if (this.pending === '' && !this.overlong) this.emit(piece);
      else this.emit(this.pending + piece);
      this.pending = '';
      this.overlong = false;
      start = newline + 1;
    }
    if (start < text.length) {
      if (this.overlong) return;
      this.pending += text.slice(start);
      if (this.pending.length > this.maxLineLength) {
        this.pending = '';
        this.overlong = true;
      }
    }
  }

  private emit(raw: string): void {
    this.lineNumber += 1;
    if (this.overlong || raw.length > this.maxLineLength) {
      this.onLine(null, this.lineNumber);
      return;
    }
    this.onLine(raw.endsWith('\r') ? raw.slice(0, -1) : raw, this.lineNumber);
  }
}
