import type { Rgb } from '../layout';
import type { ReportFont } from './fonts';

/**
 * One page's content stream, written as PDF operators in a string. Writing operators directly
 * (instead of one pdf-lib call per text run) keeps one font resource per font per page and
 * keeps 20,000-row tables fast.
 */

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

  constructor(
    readonly width: number,
    readonly height: number,
    private readonly fontKey: (font: ReportFont) => string,
  ) {}

  /** Text with its top-left corner at (x, top), measured from the top of the page. */
  text(value: string, x: number, top: number, font: ReportFont, size: number, fill: Rgb): void {
    if (value === '') return;
    const key = this.fontKey(font);
    this.fontsUsed.set(key, font);
    const baseline = this.height - top - font.ascent(size);
    this.ops.push(
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
    this.ops.push(dash === null ? segment : `q [${num(dash[0])} ${num(dash[1])}] 0 d ${segment} Q`);
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
    this.ops.push(
      `q ${num(x)} ${num(this.height - top - height)} ${num(width)} ${num(height)} re W n`,
    );
    draw();
    this.ops.push('Q');
  }

  private translucent(opacity: number, operators: string): void {
    if (opacity >= 1) {
      this.ops.push(operators);
      return;
    }
    const rounded = Math.max(0.01, Math.round(opacity * 100) / 100);
    this.opacitiesUsed.add(rounded);
    this.ops.push(`q /${opacityKey(rounded)} gs ${operators} Q`);
  }

  polyline(points: readonly (readonly [number, number])[], stroke: Rgb, width = 1): void {
    const [first, ...rest] = points;
    if (first === undefined) return;
    const path = [`${num(first[0])} ${num(this.height - first[1])} m`];
    for (const [x, top] of rest) path.push(`${num(x)} ${num(this.height - top)} l`);
    this.ops.push(`${colour(stroke)} RG ${num(width)} w 1 j ${path.join(' ')} S`);
  }

  isEmpty(): boolean {
    return this.ops.length === 0;
  }

  /** The operators so far; the canvas is emptied so a finished page holds no memory. */
  take(): string {
    const content = this.ops.join('\n');
    this.ops.length = 0;
    return content;
  }
}
