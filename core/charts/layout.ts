import type { ChartSeries, ChartSpec } from './series';

/**
 * Geometry of a chart, independent of what draws it: the SVG export and the PDF report use it,
 * so a chart looks the same in both. Coordinates have their origin top left, like SVG; a PDF
 * drawer flips y itself.
 */
export interface Tick {
  value: number;
  label: string;
  position: number;
}

export interface ChartLayout {
  width: number;
  height: number;
  plot: { left: number; top: number; width: number; height: number };
  xTicks: Tick[];
  leftTicks: Tick[];
  rightTicks: Tick[];
  x: (time: number) => number;
  yLeft: (value: number) => number;
  yRight: (value: number) => number;
}

const MARGIN = { top: 48, right: 56, bottom: 64, left: 60 };

export function layoutChart(spec: ChartSpec, width: number, height: number): ChartLayout {
  const plot = {
    left: MARGIN.left,
    top: MARGIN.top,
    width: Math.max(10, width - MARGIN.left - MARGIN.right),
    height: Math.max(10, height - MARGIN.top - MARGIN.bottom),
  };
  const from = spec.x.from;
  const to = spec.x.to > spec.x.from ? spec.x.to : spec.x.from + 60_000;
  const x = (time: number): number => plot.left + ((time - from) / (to - from)) * plot.width;
  const leftDomain = valueDomain(
    spec.series.filter((one) => one.axis === 'left'),
    spec.y.left.min,
  );
  const rightDomain = valueDomain(
    spec.series.filter((one) => one.axis === 'right'),
    spec.y.right?.min,
  );
  const leftValues = niceTicks(leftDomain.min, leftDomain.max, 5);
  const rightValues = niceTicks(rightDomain.min, rightDomain.max, 5);
  const scale =
    (values: number[]) =>
    (value: number): number => {
      const low = values[0] ?? 0;
      const high = values.at(-1) ?? 1;
      const span = high - low || 1;
      return plot.top + plot.height - ((value - low) / span) * plot.height;
    };
  const yLeft = scale(leftValues);
  const yRight = scale(rightValues);
  return {
    width,
    height,
    plot,
    xTicks: timeTicks(from, to, Math.max(2, Math.floor(plot.width / 110))).map((value) => ({
      value,
      label: formatTimeTick(value, to - from),
      position: x(value),
    })),
    leftTicks: leftValues.map((value) => ({
      value,
      label: formatNumber(value),
      position: yLeft(value),
    })),
    rightTicks: spec.y.right
      ? rightValues.map((value) => ({
          value,
          label: formatNumber(value),
          position: yRight(value),
        }))
      : [],
    x,
    yLeft,
    yRight,
  };
}

function valueDomain(
  series: readonly ChartSeries[],
  minimum: number | undefined,
): { min: number; max: number } {
  let min = minimum ?? Infinity;
  let max = -Infinity;
  for (const one of series) {
    for (const point of one.points) {
      if (point.y === null) continue;
      if (minimum === undefined && point.y < min) min = point.y;
      if (point.y > max) max = point.y;
    }
  }
  if (!Number.isFinite(min)) min = 0;
  if (!Number.isFinite(max) || max <= min) max = min + 1;
  return { min, max };
}

/** Round tick values (1, 2, 5 × 10^n) covering [min, max]. */
export function niceTicks(min: number, max: number, count: number): number[] {
  const span = max - min || 1;
  const rough = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((size) => size >= rough) ?? power;
  const first = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let value = first; value < max + step * 0.999; value += step) {
    ticks.push(Number(value.toPrecision(12)));
    if (ticks.length > 50) break;
  }
  return ticks.length >= 2 ? ticks : [first, first + step];
}

const TIME_STEPS = [
  1_000, 5_000, 15_000, 30_000, 60_000, 300_000, 900_000, 1_800_000, 3_600_000, 10_800_000,
  21_600_000, 43_200_000, 86_400_000, 604_800_000,
];

/** Tick times on round UTC boundaries (minutes, hours, days) inside [from, to]. */
export function timeTicks(from: number, to: number, count: number): number[] {
  const rough = (to - from) / Math.max(1, count);
  const step =
    TIME_STEPS.find((size) => size >= rough) ?? Math.ceil(rough / 86_400_000) * 86_400_000;
  const ticks: number[] = [];
  for (let value = Math.ceil(from / step) * step; value <= to; value += step) {
    ticks.push(value);
    if (ticks.length > 60) break;
  }
  return ticks;
}

/** A time label sized to the visible span, always in UTC so screen and report agree. */
export function formatTimeTick(time: number, span: number): string {
  const iso = new Date(time).toISOString();
  if (span <= 2 * 86_400_000) return iso.slice(11, 16);
  if (span <= 60 * 86_400_000) return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
  return iso.slice(0, 10);
}

/** Full UTC time for tooltips and tables: `2026-11-26 18:10 UTC`. */
export function formatTime(time: number): string {
  const iso = new Date(time).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** A UTC period, the date once when both ends share it: `2026-11-24 09:18–09:38 UTC`. */
export function formatPeriod(from: number, to: number): string {
  const start = formatTime(from);
  const end = formatTime(to);
  return start.slice(0, 10) === end.slice(0, 10)
    ? `${start.slice(0, 16)}–${end.slice(11)}`
    : `${start} – ${end}`;
}

export function formatNumber(value: number): string {
  if (Math.abs(value) >= 1_000_000) return `${Number((value / 1_000_000).toPrecision(3))}M`;
  if (Math.abs(value) >= 10_000) return `${Number((value / 1_000).toPrecision(3))}k`;
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(3)));
}
