import { z } from 'zod';
import { isRecord, pick } from './fields';
import { parseTimestamp } from './time';

/**
 * Metric exports: one point per row (long format: timestamp, metric, value, labels ...) or one
 * column per metric (wide format: timestamp, cpu, memory ...). The mapping says which column is
 * which; `guessMapping` proposes one from the header, and the user confirms or changes it.
 */
export const MetricMapping = z
  .object({
    timestamp: z.string().min(1, 'choose the timestamp column'),
    /** Long format: the column naming the metric, and the column holding its value. */
    metric: z.string().optional(),
    value: z.string().optional(),
    /** Wide format: every listed column is a metric of that name. */
    valueColumns: z.array(z.string()).default([]),
    /** Metric name for a long-format file without a metric column. */
    fixedMetric: z.string().max(200).optional(),
    labels: z.array(z.string()).max(20, 'at most 20 label columns').default([]),
  })
  .refine(
    (mapping) =>
      mapping.valueColumns.length > 0 ||
      (mapping.value !== undefined && (mapping.metric !== undefined || !!mapping.fixedMetric)),
    { message: 'choose a value column and a metric column (or a metric name), or metric columns' },
  );
export type MetricMapping = z.infer<typeof MetricMapping>;
export type MetricMappingInput = z.input<typeof MetricMapping>;

const TIME_NAMES = /^(@?timestamp|time|ts|date|datetime|_time|time_?stamp|when)$/i;
const VALUE_NAMES = /^(value|val|count|y|reading|amount)$/i;
const METRIC_NAMES = /^(metric|metric_?name|name|__name__|series|measurement|key)$/i;

/** Proposes a mapping from the header and a few sample rows (objects keyed by column). */
export function guessMapping(
  columns: readonly string[],
  samples: readonly Record<string, unknown>[],
): MetricMappingInput {
  const timestamp = columns.find((column) => TIME_NAMES.test(column)) ?? columns[0] ?? '';
  const metric = columns.find((column) => METRIC_NAMES.test(column));
  const value = columns.find((column) => VALUE_NAMES.test(column));
  const numeric = columns.filter(
    (column) =>
      column !== timestamp &&
      samples.length > 0 &&
      samples.every((row) => toNumber(row[column]) !== null),
  );
  if (metric !== undefined && value !== undefined) {
    const labels = columns.filter(
      (column) => ![timestamp, metric, value].includes(column) && column !== 'labels',
    );
    return { timestamp, metric, value, valueColumns: [], labels: labels.slice(0, 20) };
  }
  if (value !== undefined) {
    return { timestamp, value, fixedMetric: value, valueColumns: [], labels: [] };
  }
  return {
    timestamp,
    valueColumns: numeric,
    labels: columns
      .filter((column) => column !== timestamp && !numeric.includes(column))
      .slice(0, 20),
  };
}

export interface MetricPoint {
  at: number;
  metric: string;
  value: number;
  labels: Record<string, string>;
}

/** Points in one row (a record keyed by column name); a string explains a rejected row. */
export function pointsFromRow(
  row: Record<string, unknown>,
  mapping: MetricMapping,
): MetricPoint[] | string {
  const at = parseTimestamp(pick(row, [mapping.timestamp]));
  if (at === null) return `unreadable timestamp in "${mapping.timestamp}"`;
  const labels: Record<string, string> = {};
  for (const column of mapping.labels) {
    const label = row[column];
    if (typeof label === 'string' || typeof label === 'number' || typeof label === 'boolean') {
      if (label !== '') labels[column] = String(label).slice(0, 200);
    }
  }
  const nested = row['labels'];
  if (isRecord(nested)) {
    for (const [key, label] of Object.entries(nested).slice(0, 20)) {
      if (typeof label === 'string' || typeof label === 'number')
        labels[key.slice(0, 100)] = String(label).slice(0, 200);
    }
  }
  if (mapping.valueColumns.length > 0) {
    const points: MetricPoint[] = [];
    for (const column of mapping.valueColumns) {
      const value = toNumber(row[column]);
      if (value !== null) points.push({ at, metric: column, value, labels });
    }
    return points.length > 0 ? points : 'no numeric value in the metric columns';
  }
  const value = toNumber(pick(row, [mapping.value ?? '']));
  if (value === null) return `no number in "${mapping.value ?? ''}"`;
  const metric =
    mapping.metric === undefined
      ? (mapping.fixedMetric ?? '')
      : scalarText(pick(row, [mapping.metric]));
  if (metric === '') return `empty metric name in "${mapping.metric ?? ''}"`;
  return [{ at, metric: metric.slice(0, 200), value, labels }];
}

export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const parsed = Number(value.trim());
  return Number.isFinite(parsed) ? parsed : null;
}

/** `metric{a="1",b="2"}`: one series per metric and label set. */
export function seriesKey(metric: string, labels: Readonly<Record<string, string>>): string {
  const names = Object.keys(labels).sort();
  if (names.length === 0) return metric;
  return `${metric}{${names.map((name) => `${name}=${JSON.stringify(labels[name])}`).join(',')}}`;
}

function scalarText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}
