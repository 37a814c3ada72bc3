import type { PDFDocument, PDFPage } from '@cantoo/pdf-lib';
import type { Column, ReportLayout, Rgb } from '../layout';
import { rgb } from '../layout';
import type { Marking } from './canvas';
import { ARTIFACT, FOOTER, PAGINATION, PageCanvas } from './canvas';
import type { FontSet, ReportFont } from './fonts';
import { cleanText } from './fonts';
import { drawTable } from './flow-table';
import type { ElementAttributes, StructureRole, StructureTree } from './structure';

/**
 * Top-to-bottom flow layout over pages: headings (recorded for the contents page, bookmarks and
 * links), wrapped paragraphs, lists, key/value blocks, figures and tables whose header repeats
 * on every page. Positions are measured from the top of the page; the canvas converts to PDF
 * coordinates.
 *
 * Each primitive is also tagged: it adds its structure elements (a level 1 heading opens a
 * section, tables have header cells, figures their alternate text) and marks what it draws as
 * their content, so every section drawn with these primitives is tagged without doing anything.
 * Whatever is drawn straight on the canvas outside `tagged` or `figure` is an artifact.
 */

export interface FlowPage {
  page: PDFPage;
  canvas: PageCanvas;
  /** The page's number in the structure tree. */
  structurePage: number;
  links: FlowLink[];
}

export interface FlowLink {
  x: number;
  top: number;
  width: number;
  height: number;
  target: HeadingMark;
  /** The Link structure element the annotation belongs to. */
  element: number;
  /** What the link does, in words (the annotation's /Contents). */
  description: string;
}

/** Text drawn by a paragraph or a list item. */
export interface TextOptions {
  size?: number;
  font?: ReportFont;
  colour?: Rgb;
  indent?: number;
  after?: number;
  /** The structure element the text is (a paragraph unless said otherwise). */
  role?: 'P' | 'H1' | 'H2' | 'H3' | 'H4' | 'H5' | 'H6';
}

/** Adds one bullet item to the list being drawn. */
export type ListItem = (text: string, options?: TextOptions) => void;

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

/** An open structure element that later elements go into, and the heading level it belongs to. */
interface Container {
  element: number;
  /** 0 for the flow's root, 1 or 2 for a heading's section, 3 for anything inside a section. */
  level: number;
}

export class Flow {
  readonly pages: FlowPage[] = [];
  readonly headings: HeadingMark[] = [];
  readonly text: Rgb;
  readonly muted: Rgb;
  readonly accent: Rgb;
  readonly rule: Rgb;
  private readonly structure: StructureTree;
  private top = 0;
  private readonly containers: Container[];
  private marking: Marking = ARTIFACT;
  /** The last element placed at the root, when the flow's elements go after a given one. */
  private placedAfter: number | undefined;

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: FontSet,
    readonly layout: ReportLayout,
    private readonly options: {
      structure: StructureTree;
      /** The flow's top-level elements go right after this child of the root (-1: first). */
      after?: number;
      onRow?: () => void;
      insertAt?: number;
      /** Called when a page is complete (the flow moved on), so its content can be written. */
      onSeal?: (page: FlowPage) => void;
    },
  ) {
    this.text = rgb(layout.colours.text);
    this.muted = rgb(layout.colours.muted);
    this.accent = rgb(layout.colours.accent);
    this.rule = rgb(layout.colours.rule);
    this.structure = options.structure;
    this.containers = [{ element: this.structure.root, level: 0 }];
    this.placedAfter = options.after;
  }

  get left(): number {
    return this.layout.page.margin.left;
  }

  get width(): number {
    return this.layout.page.width - this.layout.page.margin.left - this.layout.page.margin.right;
  }

  /** The lowest point content may reach on a page. */
  get bottom(): number {
    return this.layout.page.height - this.layout.page.margin.bottom;
  }

  /** Seals the last page; the flow is complete. */
  finish(): void {
    const last = this.pages.at(-1);
    if (last) this.options.onSeal?.(last);
  }

  /** A fresh canvas the size of the page for content drawn later: footers, an artifact. */
  overlay(): PageCanvas {
    const { width, height } = this.layout.page;
    const canvas = new PageCanvas(width, height, (font) =>
      font === this.fonts.bold ? 'F2' : 'F1',
    );
    canvas.mark(FOOTER);
    return canvas;
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
    const structurePage = this.structure.addPage(page.ref, page.node);
    const canvas = new PageCanvas(
      width,
      height,
      (font) => (font === this.fonts.bold ? 'F2' : 'F1'),
      (element) => this.structure.mark(element, structurePage),
    );
    // Content that runs over the page break goes on as the same element.
    canvas.mark(this.marking);
    const entry: FlowPage = { page, canvas, structurePage, links: [] };
    this.pages.push(entry);
    this.top = this.layout.page.margin.top;
    return entry;
  }

  /**
   * A structure element that contains what `draw` adds (a table of contents, one of its
   * entries). Returns the element.
   */
  group(role: StructureRole, draw: () => void, attributes?: ElementAttributes): number {
    const element = this.element(role, attributes);
    this.within(element, draw);
    return element;
  }

  /** Runs `draw` with `element` (created earlier) as the container of new elements. */
  within(element: number, draw: () => void): void {
    const depth = this.containers.length;
    this.containers.push({ element, level: 3 });
    try {
      draw();
    } finally {
      this.containers.length = depth;
    }
  }

  /** Counts a table row drawn (progress). */
  countRow(): void {
    this.options.onRow?.();
  }

  /** A structure element whose content is what `draw` draws. Returns the element. */
  tagged(role: StructureRole, draw: () => void, attributes?: ElementAttributes): number {
    const element = this.element(role, attributes);
    this.drawAs({ kind: 'content', role, element }, draw);
    return element;
  }

  /** Draws as an artifact: repeated for orientation (the default) or decoration. */
  artifact(draw: () => void, marking: Marking = PAGINATION): void {
    this.drawAs(marking, draw);
  }

  /**
   * A drawing `height` high across the text width, drawn by `draw` from `top`, tagged as a
   * figure whose alternate text says what it shows.
   */
  figure(alt: string, height: number, draw: (top: number) => void): void {
    this.ensure(height);
    const top = this.top;
    const pageHeight = this.layout.page.height;
    const bbox = [
      this.left,
      pageHeight - top - height,
      this.left + this.width,
      pageHeight - top,
    ] as const;
    this.tagged('Figure', () => draw(top), { alt, bbox });
    this.space(height);
  }

  private drawAs(marking: Marking, draw: () => void): void {
    const previous = this.marking;
    this.setMarking(marking);
    try {
      draw();
    } finally {
      this.setMarking(previous);
    }
  }

  private setMarking(marking: Marking): void {
    this.marking = marking;
    this.pages.at(-1)?.canvas.mark(marking);
  }

  /** A new element in the innermost open container (or after the last one placed at the root). */
  private element(role: StructureRole, attributes?: ElementAttributes): number {
    const parent = this.containers.at(-1)?.element ?? this.structure.root;
    if (this.containers.length > 1 || this.placedAfter === undefined)
      return this.structure.element(role, parent, attributes);
    const element = this.structure.element(role, parent, attributes, this.placedAfter);
    this.placedAfter = element;
    return element;
  }

  /** Closes the sections of this level and deeper, and opens one for a heading of `level`. */
  private section(level: 1 | 2): void {
    while (this.containers.length > 1 && (this.containers.at(-1)?.level ?? 0) >= level)
      this.containers.pop();
    this.containers.push({ element: this.element('Sect'), level });
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
    this.section(level);
    // The report's title is the one H1 (title page); section headings are H2, theirs H3.
    this.tagged(level === 1 ? 'H2' : 'H3', () => {
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
    });
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

  paragraph(value: string, options: TextOptions = {}): void {
    const size = options.size ?? this.layout.type.body;
    const font = options.font ?? this.fonts.regular;
    const indent = options.indent ?? 0;
    const lines = this.wrap(value, font, size, this.width - indent);
    this.tagged(options.role ?? 'P', () => this.lines(lines, indent, font, size, options.colour));
    this.space(options.after ?? size * 0.6);
  }

  /**
   * A bulleted list: `draw` adds the items with the function it is given. Paragraphs drawn after
   * an item (an answer, a digest) belong to that item.
   */
  list(draw: (item: ListItem) => void): void {
    const depth = this.containers.length;
    let list: number | undefined;
    const item: ListItem = (value, options = {}) => {
      const size = options.size ?? this.layout.type.body;
      const font = options.font ?? this.fonts.regular;
      const indent = options.indent ?? 0;
      const colour = options.colour ?? this.text;
      const bullet = font.width('• ', size);
      const lines = this.wrap(value, font, size, this.width - indent - bullet);
      this.containers.length = depth;
      list ??= this.element('L');
      this.containers.push({ element: list, level: 3 });
      this.containers.push({ element: this.element('LI'), level: 3 });
      this.ensure(this.lineHeight(size));
      this.tagged('Lbl', () =>
        this.current.canvas.text('•', this.left + indent, this.top, font, size, colour),
      );
      const body = this.element('LBody');
      this.containers.push({ element: body, level: 3 });
      this.drawAs({ kind: 'content', role: 'LBody', element: body }, () =>
        this.lines(lines, indent + bullet, font, size, colour),
      );
      this.space(options.after ?? size * 0.6);
    };
    try {
      draw(item);
    } finally {
      this.containers.length = depth;
    }
  }

  /** Wrapped lines from the cursor down, each on the page it fits on. */
  private lines(
    lines: readonly string[],
    indent: number,
    font: ReportFont,
    size: number,
    colour: Rgb = this.text,
  ): void {
    const height = this.lineHeight(size);
    for (const line of lines) {
      this.ensure(height);
      this.current.canvas.text(line, this.left + indent, this.top, font, size, colour);
      this.top += height;
    }
  }

  /**
   * Label/value pairs in two columns, labels muted. A value that is a SHA-256 digest is set a
   * little smaller, so the 64 hex digits stay on one line where a reader can compare them.
   */
  keyValues(pairs: readonly (readonly [string, string])[], labelWidth = 130): void {
    const size = this.layout.type.body;
    const height = this.lineHeight(size);
    const shown = pairs.filter(([, value]) => value !== '');
    // A table of row headers (the labels) and their values.
    if (shown.length > 0)
      this.group('Table', () => {
        for (const [label, value] of shown) {
          const valueSize = /^[0-9a-f]{64}$/.test(value)
            ? Math.min(size, this.layout.type.table + 0.5)
            : size;
          const lines = this.wrap(value, this.fonts.regular, valueSize, this.width - labelWidth);
          this.ensure(height * Math.min(lines.length, 3));
          this.group('TR', () => {
            this.tagged(
              'TH',
              () =>
                this.current.canvas.text(
                  label,
                  this.left,
                  this.top,
                  this.fonts.bold,
                  size,
                  this.muted,
                ),
              { scope: 'Row' },
            );
            this.tagged('TD', () => {
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
            });
          });
          this.space(size * 0.25);
        }
      });
    this.space(size * 0.5);
  }

  /** A table whose header repeats on every page it runs over (see flow-table.ts). */
  table(columns: readonly Column[], rows: Iterable<TableRow>, label = ''): void {
    drawTable(this, columns, rows, label);
  }

  /**
   * Greedy word wrap; words wider than the line are broken between characters. A line that
   * ends where the text had a space or a line break keeps one space at its end: it takes no
   * room, and text extracted from the tagged content keeps its words apart.
   */
  wrap(value: string, font: ReportFont, size: number, width: number): string[] {
    const lines: string[] = [];
    // Line breaks in the text (multi-line notes, one verdict per line) are kept.
    const paragraphs = value.replace(/\r\n?/g, '\n').split('\n');
    for (const [index, paragraph] of paragraphs.entries()) {
      const end = index < paragraphs.length - 1 ? ' ' : '';
      const text = cleanText(paragraph).trimEnd();
      if (font.width(text, size) <= width) {
        lines.push(text + end);
        continue;
      }
      let line = '';
      for (const word of text.split(/ +/)) {
        const candidate = line === '' ? word : `${line} ${word}`;
        if (font.width(candidate, size) <= width) {
          line = candidate;
          continue;
        }
        if (line !== '') lines.push(`${line} `);
        line = word;
        while (font.width(line, size) > width && line.length > 1) {
          const cut = this.fitting(line, font, size, width);
          lines.push(line.slice(0, cut));
          line = line.slice(cut);
        }
      }
      lines.push(line + end);
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
