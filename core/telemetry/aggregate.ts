import type { SourceStat } from './model';

/**
 * Streaming aggregation with bounded memory: log lines become counts per time bucket (one map
 * entry per bucket and metric, however many lines), metric exports keep every point (they are
 * the figures), and per-source activity is kept for at most `MAX_SOURCES` addresses.
 */
export interface SeriesData {
  /** Metric name plus labels, e.g. `auth.failed` or `cpu{host="web-1"}`. */
  key: string;
  metric: string;
  labels: Record<string, string>;
  /** `count`: events per bucket (summable); `gauge`: measured values as exported. */
  kind: 'count' | 'gauge';
  t: Float64Array;
  v: Float64Array;
}

export const MAX_SOURCES = 10_000;
export const MAX_METRIC_POINTS = 5_000_000;
export const MAX_SERIES = 1_000;
export const OTHER_SOURCES = '(other sources)';
/** Dense count series are capped at this many buckets; longer spans get a wider interval. */
export const MAX_BUCKETS = 1_000_000;
const WIDER_INTERVALS = [60_000, 300_000, 900_000, 3_600_000, 21_600_000, 86_400_000, 604_800_000];

interface RawSeries {
  metric: string;
  labels: Record<string, string>;
  t: number[];
  v: number[];
  sorted: boolean;
}

export class SeriesStore {
  private readonly counts = new Map<string, BucketCounter>();
  private readonly raw = new Map<string, RawSeries>();
  private readonly sources = new Map<string, SourceStat>();
  private rawPoints = 0;
  from = Infinity;
  to = -Infinity;

  constructor(readonly bucketMs: number) {
    if (!(bucketMs >= 1000)) throw new RangeError('the interval must be at least one second');
  }

  /** The counter of one metric; importers keep it to skip the lookup on every line. */
  counter(metric: string): BucketCounter {
    let counter = this.counts.get(metric);
    if (counter === undefined) {
      counter = new BucketCounter(this.bucketMs, this);
      this.counts.set(metric, counter);
    }
    return counter;
  }

  /** Adds `n` events of `metric` at time `at` to its bucket. */
  count(metric: string, at: number, n = 1): void {
    this.counter(metric).add(at, n);
  }

  /** Makes sure a metric exists (with zero events) so charts and rules see it. */
  declare(metric: string): void {
    this.counter(metric);
  }

  point(
    key: string,
    metric: string,
    labels: Record<string, string>,
    at: number,
    value: number,
  ): void {
    let series = this.raw.get(key);
    if (series === undefined) {
      if (this.raw.size >= MAX_SERIES) {
        throw new RangeError(
          `more than ${MAX_SERIES} distinct series (metric and labels); map fewer label columns`,
        );
      }
      series = { metric, labels, t: [], v: [], sorted: true };
      this.raw.set(key, series);
    }
    if (this.rawPoints >= MAX_METRIC_POINTS) {
      throw new RangeError(
        `more than ${MAX_METRIC_POINTS.toLocaleString('en')} metric points in one file`,
      );
    }
    const last = series.t.length > 0 ? (series.t[series.t.length - 1] as number) : -Infinity;
    if (at < last) series.sorted = false;
    series.t.push(at);
    series.v.push(value);
    this.rawPoints += 1;
    this.extend(at);
  }

  private lastSource = '';
  private lastStat: SourceStat | undefined;

  /** The activity record of a client address, for the caller to add to. */
  source(address: string): SourceStat {
    // Scanners and brute-force tools send long runs from one address: skip the map lookup.
    if (address === this.lastSource && this.lastStat !== undefined) return this.lastStat;
    const name = address === '' ? '(unknown)' : address.slice(0, 100);
    let stat = this.sources.get(name);
    if (stat === undefined) {
      const key = this.sources.size >= MAX_SOURCES ? OTHER_SOURCES : name;
      stat = this.sources.get(key) ?? {
        source: key,
        requests: 0,
        xss: 0,
        sqli: 0,
        failed: 0,
        success: 0,
      };
      this.sources.set(key, stat);
    }
    this.lastSource = address;
    this.lastStat = stat;
    return stat;
  }

  extend(at: number): void {
    if (at < this.from) this.from = at;
    if (at > this.to) this.to = at;
  }

  get metricPoints(): number {
    return this.rawPoints;
  }

  /** Sources ranked by attack activity (failed logins, XSS and SQLi attempts), then requests. */
  topSources(limit: number): SourceStat[] {
    return [...this.sources.values()]
      .sort(
        (a, b) =>
          b.failed + b.xss + b.sqli - (a.failed + a.xss + a.sqli) ||
          b.requests + b.success - (a.requests + a.success) ||
          a.source.localeCompare(b.source),
      )
      .slice(0, limit);
  }

  /**
   * Every series sorted by time. Count series are dense: buckets without events between the
   * first and last event are zeros, so a quiet minute reads as 0 rather than a gap.
   */
  /** The interval of the count series: the one asked for, or wider when the span needs it. */
  get effectiveBucketMs(): number {
    const span = Number.isFinite(this.from) ? this.to - this.from : 0;
    if (span / this.bucketMs < MAX_BUCKETS) return this.bucketMs;
    const wider = WIDER_INTERVALS.find((size) => size > this.bucketMs && span / size < MAX_BUCKETS);
    return wider ?? Math.ceil(span / MAX_BUCKETS / 86_400_000 + 1) * 86_400_000;
  }

  series(): SeriesData[] {
    const out: SeriesData[] = [];
    const size = this.effectiveBucketMs;
    const first = Number.isFinite(this.from) ? Math.floor(this.from / size) * size : 0;
    const last = Number.isFinite(this.to) ? Math.floor(this.to / size) * size : -1;
    const buckets = last >= first ? Math.round((last - first) / size) + 1 : 0;
    for (const [metric, counter] of this.counts) {
      const counts = counter.buckets();
      const t = new Float64Array(buckets);
      const v = new Float64Array(buckets);
      for (let index = 0; index < buckets; index += 1) t[index] = first + index * size;
      for (const [at, count] of counts) {
        const index = Math.round((Math.floor(at / size) * size - first) / size);
        v[index] = (v[index] ?? 0) + count;
      }
      out.push({ key: metric, metric, labels: {}, kind: 'count', t, v });
    }
    for (const [key, series] of this.raw) {
      const order = series.t.map((_, index) => index);
      if (!series.sorted) order.sort((a, b) => (series.t[a] as number) - (series.t[b] as number));
      out.push({
        key,
        metric: series.metric,
        labels: series.labels,
        kind: 'gauge',
        t: Float64Array.from(order, (index) => series.t[index] as number),
        v: Float64Array.from(order, (index) => series.v[index] as number),
      });
    }
    return out.sort((a, b) => a.key.localeCompare(b.key));
  }
}

/**
 * Counts per time bucket for one metric. Logs are mostly in time order, so the current bucket is
 * added up in a field and written to the map only when the bucket changes.
 */
export class BucketCounter {
  private readonly map = new Map<number, number>();
  private bucket = Number.NaN;
  private pending = 0;

  constructor(
    private readonly bucketMs: number,
    private readonly range: { extend(at: number): void },
  ) {}

  add(at: number, n = 1): void {
    const bucket = Math.floor(at / this.bucketMs) * this.bucketMs;
    if (bucket !== this.bucket) {
      this.flush();
      this.bucket = bucket;
    }
    this.pending += n;
    this.range.extend(at);
  }

  buckets(): ReadonlyMap<number, number> {
    this.flush();
    return this.map;
  }

  private flush(): void {
    if (this.pending !== 0)
      this.map.set(this.bucket, (this.map.get(this.bucket) ?? 0) + this.pending);
    this.pending = 0;
  }
}
