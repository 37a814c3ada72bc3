import { z } from 'zod';

/**
 * The chart model shared by the screen (recharts) and the signed PDF (vector drawing): plain data
 * only, so the same `ChartSpec` draws identically everywhere and can be stored as evidence.
 *
 * - `x` is always a time in epoch milliseconds (UTC); `y` a finite number or null for a gap.
 * - Colours are palette tokens, resolved per theme with `chartColour`; the PDF uses `light`.
 * - `annotations` are time ranges (e.g. an alert window, drawn as a shaded band) and markers
 *   (e.g. a change event, drawn as a vertical line with a short label).
 * - `figures` is the table of numbers behind the chart, computed from the full-resolution data
 *   (never from the downsampled points drawn on screen), printed under the chart in reports.
 * - `format` names this shape and its version, so an exported chart describes itself.
 */
export const CHART_FORMAT = 'demo-ledger.chart/v1';

export const CHART_COLOURS = [
  'accent',
  'danger',
  'warning',
  'good',
  'info',
  'violet',
  'neutral',
] as const;
export const ChartColour = z.enum(CHART_COLOURS);
export type ChartColour = z.infer<typeof ChartColour>;

/** Hex values per theme; chosen for contrast on the app's light and dark surfaces. */
export const CHART_PALETTE: Readonly<Record<ChartColour, { light: string; dark: string }>> = {
  accent: { light: '#2456c8', dark: '#7aa2ff' },
  danger: { light: '#c62828', dark: '#ff8a80' },
  warning: { light: '#b26a00', dark: '#ffc266' },
  good: { light: '#1c7c45', dark: '#6fd49a' },
  info: { light: '#00838f', dark: '#5fd3de' },
  violet: { light: '#6a3fb5', dark: '#c3a5ff' },
  neutral: { light: '#5b6472', dark: '#9aa3b2' },
};

export function chartColour(colour: ChartColour, theme: 'light' | 'dark'): string {
  return CHART_PALETTE[colour][theme];
}

const finite = z.number().refine(Number.isFinite, 'expected a finite number');

export const ChartPoint = z.object({ x: finite, y: finite.nullable() });
export type ChartPoint = z.infer<typeof ChartPoint>;

export const ChartSeries = z.object({
  id: z.string().min(1).max(200),
  label: z.string().max(200),
  colour: ChartColour,
  /** `line` and `area` join points; `bar` draws one bar per point (counts per interval). */
  kind: z.enum(['line', 'area', 'bar']),
  axis: z.enum(['left', 'right']),
  unit: z.string().max(40),
  points: z.array(ChartPoint),
  /**
   * How many points the full series has. When larger than `points.length`, the points were
   * reduced for drawing (M4: first, lowest, highest and last per slot, so peaks survive); the
   * figures table is always computed from the full series.
   */
  sourcePoints: z.number().int().nonnegative(),
});
export type ChartSeries = z.infer<typeof ChartSeries>;

export const ChartAnnotation = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('range'),
    id: z.string().max(200),
    from: finite,
    to: finite,
    label: z.string().max(300),
    colour: ChartColour,
    /** `silence`: a stretch in which a source sent nothing; absent: an alert window. */
    category: z.string().max(60).optional(),
  }),
  z.object({
    kind: z.literal('marker'),
    id: z.string().max(200),
    at: finite,
    label: z.string().max(300),
    colour: ChartColour,
    /** What kind of event the marker is (e.g. `security-group`, `package`), shown in legends. */
    category: z.string().max(60),
  }),
]);
export type ChartAnnotation = z.infer<typeof ChartAnnotation>;

export const ChartAxis = z.object({
  label: z.string().max(120),
  unit: z.string().max(40),
  /** Lower bound; counts and rates start at 0. */
  min: finite.optional(),
});
export type ChartAxis = z.infer<typeof ChartAxis>;

export const FiguresTable = z.object({
  caption: z.string().max(300),
  columns: z.array(
    z.object({
      key: z.string().max(60),
      label: z.string().max(120),
      align: z.enum(['left', 'right']),
    }),
  ),
  rows: z.array(z.record(z.string(), z.union([z.string().max(500), finite]))),
});
export type FiguresTable = z.infer<typeof FiguresTable>;

export const ChartSpec = z.object({
  format: z.literal(CHART_FORMAT),
  id: z.string().min(1).max(200),
  title: z.string().max(200),
  description: z.string().max(2000),
  x: z.object({ label: z.string().max(120), from: finite, to: finite }),
  y: z.object({ left: ChartAxis, right: ChartAxis.optional() }),
  series: z.array(ChartSeries),
  annotations: z.array(ChartAnnotation),
  figures: FiguresTable,
});
export type ChartSpec = z.infer<typeof ChartSpec>;

export const SILENCE_CATEGORY = 'silence';

type RangeAnnotation = Extract<ChartAnnotation, { kind: 'range' }>;
type MarkerAnnotation = Extract<ChartAnnotation, { kind: 'marker' }>;

/** A chart's annotations by what they mean: alert windows, silences, change markers. */
export function annotationsOf(spec: ChartSpec): {
  alerts: RangeAnnotation[];
  silences: RangeAnnotation[];
  markers: MarkerAnnotation[];
} {
  const alerts: RangeAnnotation[] = [];
  const silences: RangeAnnotation[] = [];
  const markers: MarkerAnnotation[] = [];
  for (const annotation of spec.annotations) {
    if (annotation.kind === 'marker') markers.push(annotation);
    else if (annotation.category === SILENCE_CATEGORY) silences.push(annotation);
    else alerts.push(annotation);
  }
  return { alerts, silences, markers };
}

/**
 * A chart's data object as a file (the Data export, chart evidence): indented JSON, `format`
 * first, so the same chart always gives the same bytes and the same SHA-256.
 */
export function chartJson(spec: ChartSpec): string {
  return `${JSON.stringify(spec, null, 2)}\n`;
}

/** Reads a chart's data object back, or says why it is not one. */
export function parseChartJson(text: string): ChartSpec {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`The chart is not JSON: ${error instanceof Error ? error.message : ''}`, {
      cause: error,
    });
  }
  const parsed = ChartSpec.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`Not a valid chart: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
}

/** One row per distinct x, one key per series id: the shape recharts draws from. */
export type ChartRow = { x: number } & Record<string, number | null>;

/** Merges the series of a chart by x into rows; a series without a point at x gets null. */
export function chartRows(series: readonly ChartSeries[]): ChartRow[] {
  const rows = new Map<number, ChartRow>();
  for (const one of series) {
    for (const point of one.points) {
      let row = rows.get(point.x);
      if (row === undefined) {
        row = { x: point.x };
        for (const other of series) row[other.id] = null;
        rows.set(point.x, row);
      }
      row[one.id] = point.y;
    }
  }
  return [...rows.values()].sort((a, b) => a.x - b.x);
}
