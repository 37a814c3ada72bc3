import type { PDFDocument, PDFPage } from '@cantoo/pdf-lib';
import type { Column, ReportLayout, Rgb } from '../layout';
import { rgb } from '../layout';
import { PageCanvas } from './canvas';
import type { FontSet, ReportFont } from './fonts';
import { cleanText } from './fonts';

/**
 * Top-to-bottom flow layout over pages: headings (recorded for the contents page, bookmarks and
 * links), wrapped paragraphs, key/value blocks and tables whose header repeats on every page.
 * Positions are measured from the top of the page; the canvas converts to PDF coordinates.
 */

export interface FlowPage {
  page: PDFPage;
  canvas: PageCanvas;
  links: { x: number; top: number; width: number; height: number; target: HeadingMark }[];
}

export interface HeadingMark {
  level: 1 | 2;
  title: string;
  pageIndex: number;
  top: number;
}

export interface TableRow {
  cells: readonly string[];
  /** Text colour per cell (null: the layout's text colour). */
  tones?: readonly (Rgb | null)[];
}

const MAX_CELL_LINES = 24;

export class Flow {
  readonly pages: FlowPage[] = [];
  readonly headings: HeadingMark[] = [];
  readonly text: Rgb;
  readonly muted: Rgb;
  readonly accent: Rgb;
  readonly rule: Rgb;
  private top = 0;

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: FontSet,
    readonly layout: ReportLayout,
    private readonly options: {
      onRow?: () => void;
      insertAt?: number;
      /** Called when a page is complete (the flow moved on), so its content can be written. */
      onSeal?: (page: FlowPage) => void;
    } = {},
  ) {
    this.text = rgb(layout.colours.text);
    this.muted = rgb(layout.colours.muted);
    this.accent = rgb(layout.colours.accent);
    this.rule = rgb(layout.colours.rule);
  }

  get left(): number {
    return this.layout.page.margin.left;
  }

  get width(): number {
    return this.layout.page.width - this.layout.page.margin.left - this.layout.page.margin.right;
  }

  private get bottom(): number {
    return this.layout.page.height - this.layout.page.margin.bottom;
  }

  /** Seals the last page; the flow is complete. */
  finish(): void {
    const last = this.pages.at(-1);
    if (last) this.options.onSeal?.(last);
  }

  /** A fresh canvas the size of the page, for content drawn later (footers). */
  overlay(): PageCanvas {
    const { width, height } = this.layout.page;
    return new PageCanvas(width, height, (font) => (font === this.fonts.bold ? 'F2' : 'F1'));
  }

  get current(): FlowPage {
    return this.pages.at(-1) ?? this.addPage();
  }

  get cursor(): number {
    return this.top;
  }

  addPage(): FlowPage {
    const previous = this.pages.at(-1);
    if (previous) this.options.onSeal?.(previous);
    const { width, height } = this.layout.page;
    const page =
      this.options.insertAt === undefined
        ? this.doc.addPage([width, height])
        : this.doc.insertPage(this.options.insertAt + this.pages.length, [width, height]);
    const canvas = new PageCanvas(width, height, (font) =>
      font === this.fonts.bold ? 'F2' : 'F1',
    );
    const entry: FlowPage = { page, canvas, links: [] };
    this.pages.push(entry);
    this.top = this.layout.page.margin.top;
    return entry;
  }

  /** Starts a new page unless `height` still fits on this one. */
  ensure(height: number): void {
    if (this.pages.length === 0 || this.top + height > this.bottom) this.addPage();
  }

  space(height: number): void {
    this.top += height;
  }

  lineHeight(size: number): number {
    return size * 1.3;
  }

  heading(title: string, level: 1 | 2): HeadingMark {
    const size = level === 1 ? this.layout.type.h1 : this.layout.type.h2;
    const lines = this.wrap(title, this.fonts.bold, size, this.width);
    // Keep a heading with at least three lines of what follows.
    this.ensure(
      lines.length * this.lineHeight(size) +
        size * 0.8 +
        this.lineHeight(this.layout.type.body) * 6,
    );
    if (this.top > this.layout.page.margin.top) this.space(level === 1 ? size * 0.9 : size * 0.6);
    const mark: HeadingMark = { level, title, pageIndex: this.pages.length - 1, top: this.top };
    this.headings.push(mark);
    for (const line of lines) {
      this.current.canvas.text(
        line,
        this.left,
        this.top,
        this.fonts.bold,
        size,
        level === 1 ? this.accent : this.text,
      );
      this.top += this.lineHeight(size);
    }
    if (level === 1) {
      this.current.canvas.line(
        this.left,
        this.top + 1,
        this.left + this.width,
        this.top + 1,
        this.rule,
        0.75,
      );
      this.space(size * 0.5);
    } else this.space(size * 0.25);
    return mark;
  }

  paragraph(
    value: string,
    options: {
      size?: number;
      font?: ReportFont;
      colour?: Rgb;
      indent?: number;
      after?: number;
    } = {},
  ): void {
    const size = options.size ?? this.layout.type.body;
    const font = options.font ?? this.fonts.regular;
    const indent = options.indent ?? 0;
    const height = this.lineHeight(size);
    for (const line of this.wrap(value, font, size, this.width - indent)) {
      this.ensure(height);
      this.current.canvas.text(
        line,
        this.left + indent,
        this.top,
        font,
        size,
        options.colour ?? this.text,
      );
      this.top += height;
    }
    this.space(options.after ?? size * 0.6);
  }

  /**
   * Label/value pairs in two columns, labels muted. A value that is a SHA-256 digest is set a
   * little smaller, so the 64 hex digits stay on one line where a reader can compare them.
   */
  keyValues(pairs: readonly (readonly [string, string])[], labelWidth = 130): void {
    const size = this.layout.type.body;
    const height = this.lineHeight(size);
    for (const [label, value] of pairs) {
      if (value === '') continue;
      const valueSize = /^[0-9a-f]{64}$/.test(value)
        ? Math.min(size, this.layout.type.table + 0.5)
        : size;
      const lines = this.wrap(value, this.fonts.regular, valueSize, this.width - labelWidth);
      this.ensure(height * Math.min(lines.length, 3));
      this.current.canvas.text(label, this.left, this.top, this.fonts.bold, size, this.muted);
      for (const line of lines) {
        this.ensure(height);
        this.current.canvas.text(
          line,
          this.left + labelWidth,
          this.top + (size - valueSize) * 0.5,
          this.fonts.regular,
          valueSize,
          this.text,
        );
        this.top += height;
      }
      this.space(size * 0.25);
    }
    this.space(size * 0.5);
  }

  table(columns: readonly Column[], rows: Iterable<TableRow>, label = ''): void {
    const size = this.layout.type.table;
    const compact = this.layout.type.compact;
    const pad = 3;
    const total = columns.reduce((sum, column) => sum + column.width, 0);
    const widths = columns.map((column) => (column.width / total) * this.width);
    const xs = widths.map(
      (_, index) => this.left + widths.slice(0, index).reduce((a, b) => a + b, 0),
    );
    const headerFill = rgb(this.layout.colours.headerFill);
    const headerText = rgb(this.layout.colours.headerText);
    const stripe = rgb(this.layout.colours.stripe);
    const headerLines = columns.map((column, index) =>
      this.wrap(column.header, this.fonts.bold, size, (widths[index] ?? 0) - 2 * pad),
    );
    const headerHeight =
      Math.max(...headerLines.map((lines) => lines.length)) * this.lineHeight(size) + 2 * pad;
    const drawHeader = (): void => {
      this.current.canvas.rect(this.left, this.top, this.width, headerHeight, headerFill);
      headerLines.forEach((lines, index) => {
        lines.forEach((line, lineIndex) => {
          this.cellText(
            line,
            columns[index],
            xs[index] ?? 0,
            widths[index] ?? 0,
            pad,
            this.top + pad + lineIndex * this.lineHeight(size),
            this.fonts.bold,
            size,
            headerText,
          );
        });
      });
      this.top += headerHeight;
    };
    let striped = false;
    let first = true;
    for (const row of rows) {
      this.options.onRow?.();
      const cellLines = columns.map((column, index) => {
        const cellSize = column.compact ? compact : size;
        const lines = this.wrap(
          row.cells[index] ?? '',
          this.fonts.regular,
          cellSize,
          (widths[index] ?? 0) - 2 * pad,
        );
        return lines.length > MAX_CELL_LINES ? [...lines.slice(0, MAX_CELL_LINES - 1), '…'] : lines;
      });
      const rowHeight =
        Math.max(
          1,
          ...cellLines.map(
            (lines, index) =>
              lines.length * this.lineHeight(columns[index]?.compact ? compact : size),
          ),
        ) +
        2 * pad;
      if (first || this.top + rowHeight > this.bottom) {
        this.ensure(headerHeight + rowHeight);
        if (!first && label !== '') this.continuation(label);
        drawHeader();
        first = false;
        striped = false;
      }
      if (striped) this.current.canvas.rect(this.left, this.top, this.width, rowHeight, stripe);
      striped = !striped;
      cellLines.forEach((lines, index) => {
        const column = columns[index];
        const cellSize = column?.compact ? compact : size;
        const tone = row.tones?.[index] ?? this.text;
        // Compact cells are centred on the first line of normal text so digests line up.
        const offset = column?.compact
          ? (this.lineHeight(size) - this.lineHeight(cellSize)) / 2
          : 0;
        lines.forEach((line, lineIndex) => {
          this.cellText(
            line,
            column,
            xs[index] ?? 0,
            widths[index] ?? 0,
            pad,
            this.top + pad + offset + lineIndex * this.lineHeight(cellSize),
            this.fonts.regular,
            cellSize,
            tone,
          );
        });
      });
      this.top += rowHeight;
    }
    if (first) this.paragraph('None recorded.', { colour: this.muted });
    else {
      this.current.canvas.line(this.left, this.top, this.left + this.width, this.top, this.rule);
      this.space(this.layout.type.body);
    }
  }

  private continuation(label: string): void {
    const size = this.layout.type.footer;
    this.current.canvas.text(
      `${label} (continued)`,
      this.left,
      this.top,
      this.fonts.regular,
      size,
      this.muted,
    );
    this.top += this.lineHeight(size) + 2;
  }

  private cellText(
    line: string,
    column: Column | undefined,
    x: number,
    width: number,
    pad: number,
    top: number,
    font: ReportFont,
    size: number,
    tone: Rgb,
  ): void {
    const offset = column?.align === 'right' ? width - pad - font.width(line, size) : pad;
    this.current.canvas.text(line, x + offset, top, font, size, tone);
  }

  /** Greedy word wrap; words wider than the line are broken between characters. */
  wrap(value: string, font: ReportFont, size: number, width: number): string[] {
    const lines: string[] = [];
    // Line breaks in the text (multi-line notes, one verdict per line) are kept.
    for (const paragraph of value.replace(/\r\n?/g, '\n').split('\n')) {
      const text = cleanText(paragraph).trimEnd();
      if (font.width(text, size) <= width) {
        lines.push(text);
        continue;
      }
      let line = '';
      for (const word of text.split(/ +/)) {
        const candidate = line === '' ? word : `${line} ${word}`;
        if (font.width(candidate, size) <= width) {
          line = candidate;
          continue;
        }
        if (line !== '') lines.push(line);
        line = word;
        while (font.width(line, size) > width && line.length > 1) {
          const cut = this.fitting(line, font, size, width);
          lines.push(line.slice(0, cut));
          line = line.slice(cut);
        }
      }
      lines.push(line);
    }
    return lines;
  }

  private fitting(word: string, font: ReportFont, size: number, width: number): number {
    let low = 1;
    let high = word.length;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (font.width(word.slice(0, middle), size) <= width) low = middle;
      else high = middle - 1;
    }
    // Prefer breaking after a separator (`nist-sp-800-53-rev5#` / `ac-2`) over mid-token.
    const head = word.slice(0, low);
    const strong = Math.max(head.lastIndexOf('#'), head.lastIndexOf('/'));
    const separator =
      strong >= low / 3
        ? strong
        : Math.max(head.lastIndexOf('-'), head.lastIndexOf('_'), head.lastIndexOf('.'));
    if (separator >= low / 3 && separator < low - 1) return separator + 1;
    return Math.max(1, low);
  }
}
