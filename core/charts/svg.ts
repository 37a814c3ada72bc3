import type { ChartLayout } from './layout';
import { layoutChart } from './layout';
import type { ChartSeries, ChartSpec } from './series';
import { SILENCE_CATEGORY, chartColour } from './series';

/**
 * A chart as a standalone SVG document, drawn from the same `ChartSpec` and layout as the PDF.
 * Every text comes from imported data (metric names, change descriptions) and is escaped; the
 * document has no scripts, links or external references.
 */
export interface SvgOptions {
  width?: number;
  height?: number;
  theme?: 'light' | 'dark';
}

/** Background, text, muted text and grid colours per theme; the PDF uses `light`. */
export const THEME_INK = {
  light: { background: '#ffffff', text: '#1b1f27', muted: '#5b6472', grid: '#e3e6eb' },
  dark: { background: '#1c2028', text: '#e6e9ef', muted: '#9aa3b2', grid: '#343a46' },
};

export function chartToSvg(spec: ChartSpec, options: SvgOptions = {}): string {
  const width = options.width ?? 900;
  const height = options.height ?? 360;
  const theme = options.theme ?? 'light';
  const ink = THEME_INK[theme];
  const layout = layoutChart(spec, width, height);
  const { plot } = layout;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, sans-serif" font-size="11" role="img" aria-label="${escapeXml(spec.title)}">`,
    `<title>${escapeXml(spec.title)}</title>`,
    `<desc>${escapeXml(spec.description)}</desc>`,
    `<rect width="${width}" height="${height}" fill="${ink.background}"/>`,
    `<text x="${plot.left}" y="20" font-size="14" font-weight="bold" fill="${ink.text}">${escapeXml(spec.title)}</text>`,
  ];
  parts.push(...grid(layout, ink.grid, ink.muted, spec));
  const clip = `<clipPath id="plot"><rect x="${plot.left}" y="${plot.top}" width="${plot.width}" height="${plot.height}"/></clipPath>`;
  parts.push(`<defs>${clip}</defs>`, '<g clip-path="url(#plot)">');
  for (const annotation of spec.annotations) {
    if (annotation.kind !== 'range') continue;
    const left = layout.x(annotation.from);
    const right = Math.max(left + 1, layout.x(annotation.to));
    parts.push(
      `<rect x="${num(left)}" y="${plot.top}" width="${num(right - left)}" height="${plot.height}" fill="${chartColour(annotation.colour, theme)}" fill-opacity="0.15"><title>${escapeXml(annotation.label)}</title></rect>`,
    );
  }
  for (const series of spec.series) parts.push(drawSeries(series, layout, spec, theme));
  for (const annotation of spec.annotations) {
    if (annotation.kind !== 'marker') continue;
    const at = num(layout.x(annotation.at));
    parts.push(
      `<line x1="${at}" x2="${at}" y1="${plot.top}" y2="${plot.top + plot.height}" stroke="${chartColour(annotation.colour, theme)}" stroke-dasharray="4 3"><title>${escapeXml(annotation.label)}</title></line>`,
    );
  }
  parts.push('</g>');
  parts.push(...legend(spec, layout, theme, ink.text));
  parts.push('</svg>');
  return parts.join('\n');
}

function grid(layout: ChartLayout, gridColour: string, textColour: string, spec: ChartSpec) {
  const { plot } = layout;
  const bottom = plot.top + plot.height;
  const right = plot.left + plot.width;
  const parts: string[] = [];
  for (const tick of layout.leftTicks) {
    const y = num(tick.position);
    parts.push(
      `<line x1="${plot.left}" x2="${right}" y1="${y}" y2="${y}" stroke="${gridColour}"/>`,
      `<text x="${plot.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle" fill="${textColour}">${escapeXml(tick.label)}</text>`,
    );
  }
  for (const tick of layout.rightTicks) {
    parts.push(
      `<text x="${right + 6}" y="${num(tick.position)}" dominant-baseline="middle" fill="${textColour}">${escapeXml(tick.label)}</text>`,
    );
  }
  for (const tick of layout.xTicks) {
    const x = num(tick.position);
    parts.push(
      `<line x1="${x}" x2="${x}" y1="${bottom}" y2="${bottom + 4}" stroke="${textColour}"/>`,
      `<text x="${x}" y="${bottom + 16}" text-anchor="middle" fill="${textColour}">${escapeXml(tick.label)}</text>`,
    );
  }
  parts.push(
    `<line x1="${plot.left}" x2="${right}" y1="${bottom}" y2="${bottom}" stroke="${textColour}"/>`,
    `<text x="${plot.left}" y="${plot.top - 8}" fill="${textColour}">${escapeXml(axisTitle(spec.y.left.label, spec.y.left.unit))}</text>`,
  );
  if (spec.y.right) {
    parts.push(
      `<text x="${right}" y="${plot.top - 8}" text-anchor="end" fill="${textColour}">${escapeXml(axisTitle(spec.y.right.label, spec.y.right.unit))}</text>`,
    );
  }
  return parts;
}

function drawSeries(
  series: ChartSeries,
  layout: ChartLayout,
  spec: ChartSpec,
  theme: 'light' | 'dark',
): string {
  const colour = chartColour(series.colour, theme);
  const y = series.axis === 'left' ? layout.yLeft : layout.yRight;
  const base = y(series.axis === 'left' ? (spec.y.left.min ?? 0) : (spec.y.right?.min ?? 0));
  const label = `<title>${escapeXml(series.label)}</title>`;
  if (series.kind === 'bar') {
    const barWidth = Math.max(1, barWidthOf(series, layout) * 0.8);
    const rects = series.points
      .filter((point) => point.y !== null)
      .map((point) => {
        const top = y(point.y ?? 0);
        return `<rect x="${num(layout.x(point.x) - barWidth / 2)}" y="${num(Math.min(top, base))}" width="${num(barWidth)}" height="${num(Math.abs(base - top))}"/>`;
      });
    return `<g fill="${colour}">${label}${rects.join('')}</g>`;
  }
  const paths: string[] = [];
  let current: string[] = [];
  for (const point of series.points) {
    if (point.y === null) {
      if (current.length > 0) paths.push(current.join(' '));
      current = [];
      continue;
    }
    current.push(`${current.length === 0 ? 'M' : 'L'}${num(layout.x(point.x))},${num(y(point.y))}`);
  }
  if (current.length > 0) paths.push(current.join(' '));
  const fill = series.kind === 'area' ? colour : 'none';
  return `<path d="${paths.join(' ')}" fill="${fill}" fill-opacity="${series.kind === 'area' ? 0.2 : 0}" stroke="${colour}" stroke-width="1.5">${label}</path>`;
}

/** Bar width in chart units: the smallest step between points of the series. */
export function barWidthOf(series: ChartSeries, layout: ChartLayout): number {
  let gap = Infinity;
  for (let index = 1; index < series.points.length; index += 1) {
    const step = (series.points[index]?.x ?? 0) - (series.points[index - 1]?.x ?? 0);
    if (step > 0 && step < gap) gap = step;
  }
  if (!Number.isFinite(gap)) return 4;
  return Math.max(1, layout.x(gap) - layout.x(0));
}

export interface LegendEntry {
  label: string;
  colour: string;
  /** Change markers are dashed lines; series and alert windows are swatches. */
  dashed: boolean;
}

/** The legend: every series, then one entry per kind of annotation (alert window, silence, change category). */
export function legendEntries(spec: ChartSpec, theme: 'light' | 'dark'): LegendEntry[] {
  const items: LegendEntry[] = spec.series.map((series) => ({
    label: series.label,
    colour: chartColour(series.colour, theme),
    dashed: false,
  }));
  const seen = new Set<string>();
  for (const annotation of spec.annotations) {
    const key =
      annotation.kind === 'marker'
        ? `marker:${annotation.category}`
        : `range:${annotation.category ?? 'alert'}`;
    if (seen.has(key)) continue;
    seen.add(key);
    items.push({
      label:
        annotation.kind === 'marker'
          ? `Change: ${annotation.category}`
          : annotation.category === SILENCE_CATEGORY
            ? 'Silent source'
            : 'Alert window',
      colour: chartColour(annotation.colour, theme),
      dashed: annotation.kind === 'marker',
    });
  }
  return items;
}

function legend(spec: ChartSpec, layout: ChartLayout, theme: 'light' | 'dark', textColour: string) {
  const items = legendEntries(spec, theme);
  let x = layout.plot.left;
  const y = layout.height - 14;
  return items.map((item) => {
    const swatch = item.dashed
      ? `<line x1="${x}" x2="${x + 14}" y1="${y - 4}" y2="${y - 4}" stroke="${item.colour}" stroke-dasharray="4 3"/>`
      : `<rect x="${x}" y="${y - 9}" width="14" height="9" fill="${item.colour}"/>`;
    const text = `<text x="${x + 18}" y="${y}" fill="${textColour}">${escapeXml(item.label)}</text>`;
    x += 30 + item.label.length * 6.2;
    return swatch + text;
  });
}

export function axisTitle(label: string, unit: string): string {
  return unit === '' ? label : `${label} (${unit})`;
}

function num(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 10) / 10) : '0';
}

/** Escapes text for XML content and attribute values; drops characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
