import type { Rgb } from '../layout';
import type { ReportFont } from './fonts';
import type { StructureRole } from './structure';

/**
 * One page's content stream, written as PDF operators in a string. Writing operators directly
 * (instead of one pdf-lib call per text run) keeps one font resource per font per page and
 * keeps 20,000-row tables fast.
 *
 * Every operator is inside a marked-content sequence: the content of a structure element (with
 * an MCID) or an artifact. What the canvas is told to mark applies to the operators that
 * follow; anything drawn while nothing else is asked for is an artifact (rules, stripes, fills),
 * so no content can be left out of the tagging.
 */

/** What the operators that follow belong to. */
export type Marking =
  | { readonly kind: 'content'; readonly role: StructureRole; readonly element: number }
  | { readonly kind: 'artifact'; readonly properties: string };

/** Decoration: rules, fills, stripes. */
export const ARTIFACT: Marking = { kind: 'artifact', properties: '' };
/** Repeated for the reader's orientation on each page: table headers, "(continued)". */
export const PAGINATION: Marking = { kind: 'artifact', properties: '<< /Type /Pagination >>' };
export const FOOTER: Marking = {
  kind: 'artifact',
  properties: '<< /Type /Pagination /Subtype /Footer >>',
};

export function num(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

function colour([r, g, b]: Rgb): string {
  return `${num(r)} ${num(g)} ${num(b)}`;
}

/** Resource name of the graphics state that sets fill and stroke opacity (`GA15` = 0.15). */
export function opacityKey(opacity: number): string {
  return `GA${Math.round(opacity * 100)}`;
}

export class PageCanvas {
  private readonly ops: string[] = [];
  /** Font resource names used on this page: `F1` → font. */
  readonly fontsUsed = new Map<string, ReportFont>();
  /** Opacities used on this page (each becomes an ExtGState resource). */
  readonly opacitiesUsed = new Set<number>();
  private wanted: Marking = ARTIFACT;
  /** The marked-content sequence open in the operators (null: none). */
  private open: Marking | null = null;

  /**
   * `markContent` hands out the MCID of a new marked-content sequence of an element on this
   * page; a canvas without it draws artifacts only.
   */
  constructor(
    readonly width: number,
    readonly height: number,
    private readonly fontKey: (font: ReportFont) => string,
    private readonly markContent?: (element: number) => number,
  ) {}

  /** The operators drawn from now on belong to `marking`. */
  mark(marking: Marking): void {
    this.wanted = marking;
  }

  private push(operators: string): void {
    if (this.open !== this.wanted) this.begin(this.wanted);
    this.ops.push(operators);
  }

  private begin(marking: Marking): void {
    this.end();
    if (marking.kind === 'artifact') {
      this.ops.push(
        marking.properties === '' ? '/Artifact BMC' : `/Artifact ${marking.properties} BDC`,
      );
    } else {
      if (this.markContent === undefined) throw new Error('This canvas draws artifacts only.');
      this.ops.push(`/${marking.role} << /MCID ${this.markContent(marking.element)} >> BDC`);
    }
    this.open = marking;
  }

  private end(): void {
    if (this.open === null) return;
    this.ops.push('EMC');
    this.open = null;
  }

  /** Text with its top-left corner at (x, top), measured from the top of the page. */
  text(value: string, x: number, top: number, font: ReportFont, size: number, fill: Rgb): void {
    if (value === '') return;
    const key = this.fontKey(font);
    this.fontsUsed.set(key, font);
    const baseline = this.height - top - font.ascent(size);
    this.push(
      `BT ${colour(fill)} rg /${key} ${num(size)} Tf 1 0 0 1 ${num(x)} ${num(baseline)} Tm ${font.encode(value)} Tj ET`,
    );
  }

  rect(x: number, top: number, width: number, height: number, fill: Rgb, opacity = 1): void {
    this.translucent(
      opacity,
      `${colour(fill)} rg ${num(x)} ${num(this.height - top - height)} ${num(width)} ${num(height)} re f`,
    );
  }

  line(
    x1: number,
    top1: number,
    x2: number,
    top2: number,
    stroke: Rgb,
    width = 0.5,
    dash: readonly [number, number] | null = null,
  ): void {
    const segment = `${colour(stroke)} RG ${num(width)} w ${num(x1)} ${num(this.height - top1)} m ${num(x2)} ${num(this.height - top2)} l S`;
    this.push(dash === null ? segment : `q [${num(dash[0])} ${num(dash[1])}] 0 d ${segment} Q`);
  }

  /** A closed shape filled with `fill` at `opacity` (an area under a line). */
  polygon(points: readonly (readonly [number, number])[], fill: Rgb, opacity = 1): void {
    const [first, ...rest] = points;
    if (first === undefined || rest.length < 2) return;
    const path = [`${num(first[0])} ${num(this.height - first[1])} m`];
    for (const [x, top] of rest) path.push(`${num(x)} ${num(this.height - top)} l`);
    this.translucent(opacity, `${colour(fill)} rg ${path.join(' ')} h f`);
  }

  /** Draws `draw` clipped to a rectangle (a chart's plot area). */
  clipped(x: number, top: number, width: number, height: number, draw: () => void): void {
    this.push(`q ${num(x)} ${num(this.height - top - height)} ${num(width)} ${num(height)} re W n`);
    draw();
    this.push('Q');
  }

  private translucent(opacity: number, operators: string): void {
    if (opacity >= 1) {
      this.push(operators);
      return;
    }
    const rounded = Math.max(0.01, Math.round(opacity * 100) / 100);
    this.opacitiesUsed.add(rounded);
    this.push(`q /${opacityKey(rounded)} gs ${operators} Q`);
  }

  polyline(points: readonly (readonly [number, number])[], stroke: Rgb, width = 1): void {
    const [first, ...rest] = points;
    if (first === undefined) return;
    const path = [`${num(first[0])} ${num(this.height - first[1])} m`];
    for (const [x, top] of rest) path.push(`${num(x)} ${num(this.height - top)} l`);
    this.push(`${colour(stroke)} RG ${num(width)} w 1 j ${path.join(' ')} S`);
  }

  /** The operators so far; the canvas is emptied so a finished page holds no memory. */
  take(): string {
    this.end();
    const content = this.ops.join('\n');
    this.ops.length = 0;
    return content;
  }
}
