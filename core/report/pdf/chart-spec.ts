import { downsamplePoints } from '../../charts/downsample';
import type { ChartLayout } from '../../charts/layout';
import { formatPeriod, layoutChart } from '../../charts/layout';
import type { ChartSeries, ChartSpec, FiguresTable } from '../../charts/series';
import { annotationsOf, chartColour } from '../../charts/series';
import { axisTitle, barWidthOf, legendEntries, THEME_INK } from '../../charts/svg';
import type { Column, Rgb } from '../layout';
import { rgb } from '../layout';
import { chartSpecAltText, figureText } from './alt-text';
import type { PageCanvas } from './canvas';
import type { Flow } from './flow';
import type { ReportFont } from './fonts';

/**
 * A telemetry chart (`ChartSpec`) drawn as PDF vectors with the geometry of core/charts/layout.ts
 * and the drawing of core/charts/svg.ts (light theme), so the report shows what the screen and
 * the SVG export show: alert bands, bars, lines and areas, dashed change markers, the legend, a
 * caption naming the alert windows, then the figures behind the chart as a table.
 */

/** The chart is laid out in these units (as the SVG is in pixels) and scaled to the text width. */
const UNITS_WIDTH = 760;
const UNITS_HEIGHT = 330;
/** The SVG's title row: the PDF prints the title as a heading instead. */
const TITLE_ROW = 24;
const FONT_UNITS = 11;
const THEME = 'light';

const ink = {
  text: rgb(THEME_INK.light.text),
  muted: rgb(THEME_INK.light.muted),
  grid: rgb(THEME_INK.light.grid),
};

interface Frame {
  canvas: PageCanvas;
  font: ReportFont;
  bold: ReportFont;
  left: number;
  top: number;
  scale: number;
}

export function drawChartSpec(flow: Flow, spec: ChartSpec): void {
  const scale = flow.width / UNITS_WIDTH;
  const layout = layoutChart(spec, UNITS_WIDTH, UNITS_HEIGHT);
  const legendRows = legendLines(flow, spec, scale);
  const height = (UNITS_HEIGHT - TITLE_ROW + (legendRows.length - 1) * 16) * scale;
  // The heading, the description and the drawing stay on one page.
  flow.ensure(
    height + flow.lineHeight(flow.layout.type.h2) * 2 + flow.lineHeight(flow.layout.type.body) * 3,
  );
  flow.heading(spec.title || 'Chart', 2);
  if (spec.description !== '')
    flow.paragraph(spec.description, { colour: flow.muted, size: flow.layout.type.table + 0.5 });
  flow.ensure(height + flow.lineHeight(flow.layout.type.table) * 2);
  flow.figure(chartSpecAltText(spec), height + 4, (top) => {
    const frame: Frame = {
      canvas: flow.current.canvas,
      font: flow.fonts.regular,
      bold: flow.fonts.bold,
      left: flow.left,
      top: top - TITLE_ROW * scale,
      scale,
    };
    drawGrid(frame, layout, spec);
    const { plot } = layout;
    const [px, pt] = at(frame, plot.left, plot.top);
    frame.canvas.clipped(px, pt, plot.width * scale, plot.height * scale, () => {
      drawRanges(frame, layout, spec);
      for (const series of spec.series) drawSeries(frame, layout, spec, series);
      drawMarkers(frame, layout, spec);
    });
    drawLegend(frame, layout, legendRows);
  });
  caption(flow, spec);
  figures(flow, spec.figures);
}

/** Page position of a point in chart units. */
function at(frame: Frame, x: number, y: number): [number, number] {
  return [frame.left + x * frame.scale, frame.top + y * frame.scale];
}

/** Text whose baseline (SVG `y`) is at (x, y) in chart units. */
function label(
  frame: Frame,
  text: string,
  x: number,
  y: number,
  options: { anchor?: 'start' | 'middle' | 'end'; middle?: boolean; colour?: Rgb } = {},
): void {
  const size = FONT_UNITS * frame.scale;
  const width = frame.font.width(text, size);
  const [left, baseline] = at(frame, x, y);
  const shift = options.anchor === 'end' ? width : options.anchor === 'middle' ? width / 2 : 0;
  // `dominant-baseline: middle` centres the x-height on y.
  const baselineTop = options.middle === true ? baseline + size * 0.35 : baseline;
  frame.canvas.text(
    text,
    left - shift,
    baselineTop - frame.font.ascent(size),
    frame.font,
    size,
    options.colour ?? ink.muted,
  );
}

function line(frame: Frame, x1: number, y1: number, x2: number, y2: number, colour: Rgb): void {
  const [a, b] = at(frame, x1, y1);
  const [c, d] = at(frame, x2, y2);
  frame.canvas.line(a, b, c, d, colour, Math.max(0.3, frame.scale * 0.8));
}

function drawGrid(frame: Frame, layout: ChartLayout, spec: ChartSpec): void {
  const { plot } = layout;
  const bottom = plot.top + plot.height;
  const right = plot.left + plot.width;
  for (const tick of layout.leftTicks) {
    line(frame, plot.left, tick.position, right, tick.position, ink.grid);
    label(frame, tick.label, plot.left - 6, tick.position, { anchor: 'end', middle: true });
  }
  for (const tick of layout.rightTicks)
    label(frame, tick.label, right + 6, tick.position, { middle: true });
  for (const tick of layout.xTicks) {
    line(frame, tick.position, bottom, tick.position, bottom + 4, ink.muted);
    label(frame, tick.label, tick.position, bottom + 16, { anchor: 'middle' });
  }
  line(frame, plot.left, bottom, right, bottom, ink.muted);
  label(frame, axisTitle(spec.y.left.label, spec.y.left.unit), plot.left, plot.top - 8);
  if (spec.y.right)
    label(frame, axisTitle(spec.y.right.label, spec.y.right.unit), right, plot.top - 8, {
      anchor: 'end',
    });
}

function colourOf(token: ChartSeries['colour']): Rgb {
  return rgb(chartColour(token, THEME));
}

function drawRanges(frame: Frame, layout: ChartLayout, spec: ChartSpec): void {
  const { plot } = layout;
  for (const annotation of spec.annotations) {
    if (annotation.kind !== 'range') continue;
    const left = layout.x(annotation.from);
    const right = Math.max(left + 1, layout.x(annotation.to));
    const [x, top] = at(frame, left, plot.top);
    frame.canvas.rect(
      x,
      top,
      (right - left) * frame.scale,
      plot.height * frame.scale,
      colourOf(annotation.colour),
      0.15,
    );
  }
}

function drawMarkers(frame: Frame, layout: ChartLayout, spec: ChartSpec): void {
  const { plot } = layout;
  for (const annotation of spec.annotations) {
    if (annotation.kind !== 'marker') continue;
    const [x, top] = at(frame, layout.x(annotation.at), plot.top);
    frame.canvas.line(
      x,
      top,
      x,
      top + plot.height * frame.scale,
      colourOf(annotation.colour),
      Math.max(0.4, frame.scale),
      [4 * frame.scale, 3 * frame.scale],
    );
  }
}

function drawSeries(frame: Frame, layout: ChartLayout, spec: ChartSpec, series: ChartSeries): void {
  const colour = colourOf(series.colour);
  const y = series.axis === 'left' ? layout.yLeft : layout.yRight;
  const baseValue = series.axis === 'left' ? (spec.y.left.min ?? 0) : (spec.y.right?.min ?? 0);
  const base = y(baseValue);
  // Two points per PDF point of plot width keep every peak (M4) without bloating the file.
  const budget = Math.max(16, Math.ceil(layout.plot.width * frame.scale * 2));
  const points = downsamplePoints(series.points, spec.x.from, spec.x.to, budget);
  if (series.kind === 'bar') {
    // Several bar series share each slot side by side, as the screen draws them.
    const bars = spec.series.filter((one) => one.kind === 'bar');
    const slot = Math.max(1, barWidthOf(series, layout) * 0.8);
    const width = slot / Math.max(1, bars.length);
    const offset = (bars.indexOf(series) - (bars.length - 1) / 2) * width;
    for (const point of points) {
      if (point.y === null) continue;
      const top = y(point.y);
      const [x, pageTop] = at(frame, layout.x(point.x) + offset - width / 2, Math.min(top, base));
      frame.canvas.rect(
        x,
        pageTop,
        width * frame.scale,
        Math.abs(base - top) * frame.scale,
        colour,
      );
    }
    return;
  }
  for (const run of runs(points)) {
    const path = run.map((point) => at(frame, layout.x(point.x), y(point.y)));
    if (series.kind === 'area' && path.length > 1) {
      const first = run[0];
      const last = run.at(-1);
      if (first && last)
        frame.canvas.polygon(
          [at(frame, layout.x(first.x), base), ...path, at(frame, layout.x(last.x), base)],
          colour,
          0.15,
        );
    }
    frame.canvas.polyline(path, colour, 1.5 * frame.scale);
  }
}

/** Consecutive points with a value; a null y is a gap in the line. */
function runs(points: readonly { x: number; y: number | null }[]): { x: number; y: number }[][] {
  const result: { x: number; y: number }[][] = [];
  let current: { x: number; y: number }[] = [];
  for (const point of points) {
    if (point.y === null) {
      if (current.length > 0) result.push(current);
      current = [];
    } else current.push({ x: point.x, y: point.y });
  }
  if (current.length > 0) result.push(current);
  return result;
}

interface LegendItem {
  label: string;
  colour: Rgb;
  dashed: boolean;
  x: number;
}

/** Legend entries placed in rows of the chart's width (the SVG's single row, wrapped). */
function legendLines(flow: Flow, spec: ChartSpec, scale: number): LegendItem[][] {
  const size = FONT_UNITS * scale;
  const rows: LegendItem[][] = [[]];
  const start = 60;
  let x = start;
  for (const entry of legendEntries(spec, THEME)) {
    const advance = 18 + flow.fonts.regular.width(entry.label, size) / scale + 12;
    if (x + advance > UNITS_WIDTH && x > start) {
      rows.push([]);
      x = start;
    }
    rows.at(-1)?.push({ label: entry.label, colour: rgb(entry.colour), dashed: entry.dashed, x });
    x += advance;
  }
  return rows;
}

function drawLegend(frame: Frame, layout: ChartLayout, rows: LegendItem[][]): void {
  rows.forEach((row, index) => {
    const y = layout.height - 14 + index * 16;
    for (const item of row) {
      if (item.dashed) {
        const [x1, top] = at(frame, item.x, y - 4);
        frame.canvas.line(x1, top, x1 + 14 * frame.scale, top, item.colour, frame.scale, [
          4 * frame.scale,
          3 * frame.scale,
        ]);
      } else {
        const [x, top] = at(frame, item.x, y - 9);
        frame.canvas.rect(x, top, 14 * frame.scale, 9 * frame.scale, item.colour);
      }
      label(frame, item.label, item.x + 18, y, { colour: ink.text });
    }
  });
}

/** The screen's caption under the chart: the alert windows, silences and changes it marks. */
function caption(flow: Flow, spec: ChartSpec): void {
  const { alerts: ranges, silences, markers } = annotationsOf(spec);
  const parts = [
    ranges.length === 0
      ? 'No alerts in view.'
      : `${ranges.length} alert window${ranges.length === 1 ? '' : 's'}: ${ranges
          .map((range) => formatPeriod(range.from, range.to))
          .join('; ')}.`,
    silences.length === 0
      ? ''
      : `${silences.length} silence${silences.length === 1 ? '' : 's'}: ${silences
          .map((range) => range.label)
          .join('; ')}.`,
    markers.length === 0
      ? ''
      : `${markers.length} change${markers.length === 1 ? '' : 's'} marked.`,
  ];
  flow.paragraph(parts.filter(Boolean).join(' '), {
    colour: flow.muted,
    size: flow.layout.type.table,
  });
}

/** The numbers behind the chart, as the screen's Figures table shows them. */
function figures(flow: Flow, table: FiguresTable): void {
  if (table.columns.length === 0) return;
  flow.paragraph(table.caption || 'Figures', {
    font: flow.fonts.bold,
    size: flow.layout.type.table + 0.5,
    after: 3,
  });
  const columns: Column[] = table.columns.slice(0, 12).map((column) => {
    const longest = Math.max(
      column.label.length,
      ...table.rows.map((row) => figureText(row[column.key]).length),
    );
    return {
      key: column.key,
      header: column.label.slice(0, 60) || column.key,
      width: Math.min(8, Math.max(1.2, longest / 6)),
      align: column.align,
      compact: false,
    };
  });
  flow.table(
    columns,
    table.rows.map((row) => ({ cells: columns.map((column) => figureText(row[column.key])) })),
    table.caption,
  );
}
