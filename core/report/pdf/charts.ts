import type { Chart } from '../model';
import type { Rgb } from '../layout';
import { rgb } from '../layout';
import { chartAltText } from './alt-text';
import type { Flow } from './flow';

/** Charts drawn as vectors (rectangles, lines, text): sharp at any zoom and searchable. */

const DEFAULT_SERIES = [
  '#2453a6',
  '#2e7d32',
  '#ef6c00',
  '#c62828',
  '#6a1b9a',
  '#00838f',
  '#78909c',
];

/** A round step so an axis shows about `ticks` gridlines: 1, 2 or 5 times a power of ten. */
export function niceStep(max: number, ticks = 4): number {
  if (max <= 0) return 1;
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return Math.max(nice * power, Number.EPSILON);
}

function seriesColour(chart: Chart, index: number, palette: Readonly<Record<string, string>>): Rgb {
  const tone = chart.series[index]?.tone;
  const named = tone === undefined ? undefined : palette[tone];
  return rgb(named ?? DEFAULT_SERIES[index % DEFAULT_SERIES.length] ?? '#2453a6');
}

function formatTick(value: number): string {
  return Math.abs(value) >= 1000
    ? `${Math.round(value / 100) / 10}k`
    : String(Math.round(value * 100) / 100);
}

/** A chart as a figure whose alternate text gives every value it draws. */
export function drawChart(flow: Flow, chart: Chart): void {
  const size = flow.layout.type.table;
  const plotHeight = 150;
  const legendHeight = flow.lineHeight(size) + 6;
  const titleHeight = flow.lineHeight(flow.layout.type.body) + 4;
  const total = titleHeight + plotHeight + flow.lineHeight(size) * 2 + legendHeight + 8;
  flow.figure(chartAltText(chart), total, (top) =>
    drawChartAt(flow, chart, top, { size, plotHeight, titleHeight }),
  );
}

function drawChartAt(
  flow: Flow,
  chart: Chart,
  top: number,
  { size, plotHeight, titleHeight }: { size: number; plotHeight: number; titleHeight: number },
): void {
  const { canvas } = flow.current;
  canvas.text(
    chart.title + (chart.unit ? ` (${chart.unit})` : ''),
    flow.left,
    top,
    flow.fonts.bold,
    flow.layout.type.body,
    flow.text,
  );

  const axisWidth = 34;
  const plotLeft = flow.left + axisWidth;
  const plotWidth = flow.width - axisWidth;
  const plotTop = top + titleHeight;
  const plotBottom = plotTop + plotHeight;
  const stacked = chart.kind === 'stacked-bar';
  const maxValue = Math.max(
    0,
    ...chart.categories.map((_, index) =>
      stacked
        ? chart.series.reduce((sum, series) => sum + Math.max(0, series.values[index] ?? 0), 0)
        : Math.max(...chart.series.map((series) => series.values[index] ?? 0)),
    ),
  );
  // Counts (every value a whole number) get whole-number gridlines.
  const counts = chart.series.every((series) => series.values.every(Number.isInteger));
  const step = counts ? Math.max(1, Math.round(niceStep(maxValue))) : niceStep(maxValue);
  const axisMax = Math.max(step, Math.ceil(maxValue / step) * step);
  const y = (value: number): number => plotBottom - (Math.max(0, value) / axisMax) * plotHeight;

  for (let tick = 0; tick <= axisMax + step / 2; tick += step) {
    canvas.line(plotLeft, y(tick), plotLeft + plotWidth, y(tick), flow.rule, 0.4);
    const label = formatTick(tick);
    canvas.text(
      label,
      plotLeft - 4 - flow.fonts.regular.width(label, size),
      y(tick) - size * 0.6,
      flow.fonts.regular,
      size,
      flow.muted,
    );
  }

  const band = plotWidth / chart.categories.length;
  const labelEvery = Math.max(1, Math.ceil((chart.categories.length * 40) / plotWidth));
  chart.categories.forEach((category, index) => {
    const bandLeft = plotLeft + index * band;
    if (index % labelEvery === 0) {
      const label = fitLabel(flow, category, band * labelEvery - 4, size);
      const width = flow.fonts.regular.width(label, size);
      canvas.text(
        label,
        bandLeft + band / 2 - width / 2,
        plotBottom + 3,
        flow.fonts.regular,
        size,
        flow.muted,
      );
    }
    if (chart.kind === 'line') return;
    const inner = Math.min(band * 0.7, 90);
    if (stacked) {
      let base = 0;
      chart.series.forEach((series, seriesIndex) => {
        const value = Math.max(0, series.values[index] ?? 0);
        if (value === 0) return;
        canvas.rect(
          bandLeft + (band - inner) / 2,
          y(base + value),
          inner,
          y(base) - y(base + value),
          seriesColour(chart, seriesIndex, flow.layout.palette),
        );
        base += value;
      });
    } else {
      const barWidth = inner / chart.series.length;
      chart.series.forEach((series, seriesIndex) => {
        const value = series.values[index] ?? 0;
        canvas.rect(
          bandLeft + (band - inner) / 2 + seriesIndex * barWidth,
          y(value),
          Math.max(0.5, barWidth - 1),
          plotBottom - y(value),
          seriesColour(chart, seriesIndex, flow.layout.palette),
        );
      });
    }
  });
  if (chart.kind === 'line') {
    chart.series.forEach((series, seriesIndex) => {
      const points = series.values.map(
        (value, index) => [plotLeft + index * band + band / 2, y(value)] as const,
      );
      canvas.polyline(points, seriesColour(chart, seriesIndex, flow.layout.palette), 1.5);
    });
  }
  canvas.line(plotLeft, plotBottom, plotLeft + plotWidth, plotBottom, flow.muted, 0.75);

  let legendX = plotLeft;
  const legendTop = plotBottom + flow.lineHeight(size) + 6;
  chart.series.forEach((series, index) => {
    canvas.rect(
      legendX,
      legendTop + 1,
      size,
      size * 0.9,
      seriesColour(chart, index, flow.layout.palette),
    );
    canvas.text(series.name, legendX + size + 3, legendTop, flow.fonts.regular, size, flow.text);
    legendX += size + 12 + flow.fonts.regular.width(series.name, size);
  });
}

function fitLabel(flow: Flow, label: string, width: number, size: number): string {
  if (flow.fonts.regular.width(label, size) <= width) return label;
  let cut = label.length;
  while (cut > 1 && flow.fonts.regular.width(`${label.slice(0, cut)}…`, size) > width) cut -= 1;
  return `${label.slice(0, cut)}…`;
}
