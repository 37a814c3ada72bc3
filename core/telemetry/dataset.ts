import { lowerBound, upperBound } from '../charts/downsample';
import type { SeriesLike } from './alerts';
import { prefixSums } from './alerts';
import type { AlertFinding, ChangeEvent } from './model';

/**
 * The telemetry of a workspace as the charts read it: series merged across imports, change
 * events and alerts, with small helpers over full-resolution series.
 */
export interface TelemetryDataset {
  bucketMs: number;
  series: SeriesLike[];
  events: ChangeEvent[];
  alerts: (AlertFinding & { id: string })[];
}

export interface ChartView {
  from: number;
  to: number;
  maxPoints: number;
}

/** The full time range of everything in the dataset, or null when it is empty. */
export function datasetRange(dataset: TelemetryDataset): { from: number; to: number } | null {
  let from = Infinity;
  let to = -Infinity;
  for (const series of dataset.series) {
    if (series.t.length === 0) continue;
    from = Math.min(from, series.t[0] as number);
    const last = series.t[series.t.length - 1] as number;
    to = Math.max(to, series.kind === 'count' ? last + dataset.bucketMs : last);
  }
  for (const event of dataset.events) {
    from = Math.min(from, event.at);
    to = Math.max(to, event.at);
  }
  return Number.isFinite(from) ? { from, to: to > from ? to : from + dataset.bucketMs } : null;
}

/**
 * Sums count series with the same key from several imports (bucket by bucket, on the widest
 * interval among them) and joins gauge series, so the dashboard shows one line per metric.
 */
export function mergeSeries(list: readonly SeriesLike[], bucketMs = 0): SeriesLike[] {
  const groups = new Map<string, SeriesLike[]>();
  for (const series of list) groups.set(series.key, [...(groups.get(series.key) ?? []), series]);
  const merged: SeriesLike[] = [];
  for (const [key, group] of groups) {
    const first = group[0] as SeriesLike;
    const rebucket = first.kind === 'count' && bucketMs > 0;
    if (group.length === 1 && !rebucket) {
      merged.push(first);
      continue;
    }
    const byTime = new Map<number, number>();
    for (const series of group) {
      for (let index = 0; index < series.t.length; index += 1) {
        const raw = series.t[index] as number;
        const at = rebucket ? Math.floor(raw / bucketMs) * bucketMs : raw;
        const value = series.v[index] as number;
        byTime.set(at, first.kind === 'count' ? (byTime.get(at) ?? 0) + value : value);
      }
    }
    const times = [...byTime.keys()].sort((a, b) => a - b);
    merged.push({
      key,
      metric: first.metric,
      kind: first.kind,
      t: Float64Array.from(times),
      v: Float64Array.from(times, (at) => byTime.get(at) ?? 0),
    });
  }
  return merged.sort((a, b) => a.key.localeCompare(b.key));
}

export function findSeries(dataset: TelemetryDataset, key: string): SeriesLike | undefined {
  return dataset.series.find((series) => series.key === key);
}

export function hasEvents(series: SeriesLike | undefined): boolean {
  if (series === undefined) return false;
  for (let index = 0; index < series.v.length; index += 1)
    if ((series.v[index] as number) > 0) return true;
  return false;
}

export function seriesTotal(series: SeriesLike | undefined): number {
  let sum = 0;
  if (series)
    for (let index = 0; index < series.v.length; index += 1) sum += series.v[index] as number;
  return sum;
}

export function seriesPeak(series: SeriesLike | undefined): { value: number; at: number | null } {
  let value = 0;
  let at: number | null = null;
  if (series) {
    for (let index = 0; index < series.v.length; index += 1) {
      if ((series.v[index] as number) > value) {
        value = series.v[index] as number;
        at = series.t[index] as number;
      }
    }
  }
  return { value, at };
}

/** Rolling ratio numerator / max(1, denominator) over `windowMs`, at each numerator point. */
export function rollingRatio(
  numerator: SeriesLike,
  denominator: SeriesLike | undefined,
  windowMs: number,
): { t: Float64Array; v: Float64Array } {
  const t = Float64Array.from(numerator.t);
  const v = new Float64Array(t.length);
  const nPrefix = prefixSums(numerator.v);
  const dT = denominator?.t ?? [];
  const dPrefix = prefixSums(denominator?.v ?? []);
  for (let index = 0; index < t.length; index += 1) {
    const end = t[index] as number;
    const failed =
      (nPrefix[upperBound(numerator.t, end)] as number) -
      (nPrefix[upperBound(numerator.t, end - windowMs)] as number);
    const ok =
      (dPrefix[upperBound(dT, end)] as number) -
      (dPrefix[upperBound(dT, end - windowMs)] as number);
    v[index] = failed / Math.max(1, ok);
  }
  return { t, v };
}

/** Share of requests per bucket, in percent; null where there were no requests. */
export function ratePercent(
  part: SeriesLike | undefined,
  whole: SeriesLike,
): { t: Float64Array; v: (number | null)[] } {
  const t = Float64Array.from(whole.t);
  const v: (number | null)[] = [];
  for (let index = 0; index < t.length; index += 1) {
    const requests = whole.v[index] as number;
    if (requests === 0) {
      v.push(null);
      continue;
    }
    const at = t[index] as number;
    const position = part ? lowerBound(part.t, at) : -1;
    const count = part && part.t[position] === at ? (part.v[position] as number) : 0;
    v.push((count / requests) * 100);
  }
  return { t, v };
}

export function intervalLabel(bucketMs: number): string {
  if (bucketMs % 86_400_000 === 0)
    return bucketMs === 86_400_000 ? 'day' : `${bucketMs / 86_400_000} days`;
  if (bucketMs % 3_600_000 === 0)
    return bucketMs === 3_600_000 ? 'hour' : `${bucketMs / 3_600_000} h`;
  if (bucketMs % 60_000 === 0) return bucketMs === 60_000 ? 'minute' : `${bucketMs / 60_000} min`;
  return `${bucketMs / 1000} s`;
}
