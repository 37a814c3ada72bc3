/**
 * When each source's lines arrived: per source (host × kind) the number of lines, the first and
 * last, and the runs of time in which lines kept coming (consecutive lines at most `resolutionMs`
 * apart are one run). The gaps between runs are what silence detection looks at (silence.ts);
 * within a run no gap is longer than the resolution. Memory is bounded: at most MAX_LOG_SOURCES
 * sources per import and MAX_RUNS runs per source; a source with more runs keeps its longest
 * gaps and joins its shortest, doubling the resolution, so no long silence is ever lost.
 */
export interface SourceActivity {
  host: string;
  /** The telemetry kind (`auth-log` …) or, for changes, the tool that reported them (`puppet` …). */
  kind: string;
  lines: number;
  first: number;
  last: number;
  /** Gaps shorter than this are inside a run. */
  resolutionMs: number;
  /** Start and end of each run, in time order, as pairs: [start0, end0, start1, end1 …]. */
  runs: number[];
}

export const MAX_LOG_SOURCES = 500;
export const MAX_RUNS = 20_000;
export const DEFAULT_RESOLUTION_MS = 60_000;

/** `kind|host`: kinds never contain `|`, so the first one separates them. */
export function sourceKey(source: { host: string; kind: string }): string {
  return `${source.kind}|${source.host}`;
}

class SourceRuns {
  lines = 0;
  first = Infinity;
  last = -Infinity;
  starts: number[] = [];
  ends: number[] = [];

  constructor(public resolutionMs: number) {}

  add(at: number): void {
    this.lines += 1;
    if (at < this.first) this.first = at;
    if (at > this.last) this.last = at;
    const count = this.starts.length;
    const lastStart = this.starts[count - 1];
    if (lastStart !== undefined && at >= lastStart) {
      const lastEnd = this.ends[count - 1] as number;
      if (at <= lastEnd + this.resolutionMs) {
        if (at > lastEnd) this.ends[count - 1] = at;
      } else {
        this.starts.push(at);
        this.ends.push(at);
      }
    } else this.insert(at);
    if (this.starts.length > MAX_RUNS) this.coarsen();
  }

  /** A line earlier than the last run's start: joins or creates the run it belongs to. */
  private insert(at: number): void {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.starts[middle] as number) <= at) low = middle + 1;
      else high = middle;
    }
    const before = low - 1;
    const res = this.resolutionMs;
    if (before >= 0 && at <= (this.ends[before] as number) + res) {
      if (at > (this.ends[before] as number)) this.ends[before] = at;
      this.joinWithNext(before);
    } else if (low < this.starts.length && at >= (this.starts[low] as number) - res) {
      this.starts[low] = at;
    } else {
      this.starts.splice(low, 0, at);
      this.ends.splice(low, 0, at);
    }
  }

  private joinWithNext(index: number): void {
    const next = this.starts[index + 1];
    if (next !== undefined && next <= (this.ends[index] as number) + this.resolutionMs) {
      this.ends[index] = Math.max(this.ends[index] as number, this.ends[index + 1] as number);
      this.starts.splice(index + 1, 1);
      this.ends.splice(index + 1, 1);
    }
  }

  private coarsen(): void {
    while (this.starts.length > MAX_RUNS / 2) {
      this.resolutionMs *= 2;
      const starts: number[] = [];
      const ends: number[] = [];
      for (let index = 0; index < this.starts.length; index += 1) {
        const start = this.starts[index] as number;
        const end = this.ends[index] as number;
        const previous = ends.length - 1;
        if (previous >= 0 && start <= (ends[previous] as number) + this.resolutionMs)
          ends[previous] = Math.max(ends[previous] as number, end);
        else {
          starts.push(start);
          ends.push(end);
        }
      }
      this.starts = starts;
      this.ends = ends;
    }
  }

  pairs(): number[] {
    const out: number[] = [];
    for (let index = 0; index < this.starts.length; index += 1)
      out.push(this.starts[index] as number, this.ends[index] as number);
    return out;
  }
}

export class ActivityTracker {
  private readonly sources = new Map<string, { host: string; kind: string; runs: SourceRuns }>();
  private lastHost = '';
  private lastKind = '';
  private lastRuns: SourceRuns | null = null;
  /** Sources not tracked because the import already had MAX_LOG_SOURCES. */
  dropped = 0;
  private readonly droppedKeys = new Set<string>();

  constructor(private readonly resolutionMs = DEFAULT_RESOLUTION_MS) {}

  add(host: string, kind: string, at: number): void {
    if (!Number.isFinite(at)) return;
    // Logs come in long runs from one source: skip building the key and the map lookup.
    if (this.lastRuns !== null && host === this.lastHost && kind === this.lastKind) {
      this.lastRuns.add(at);
      return;
    }
    const name = host.slice(0, 200);
    const key = `${kind}|${name}`;
    let entry = this.sources.get(key);
    if (entry === undefined) {
      if (this.sources.size >= MAX_LOG_SOURCES) {
        if (!this.droppedKeys.has(key) && this.droppedKeys.size < 100_000) {
          this.droppedKeys.add(key);
          this.dropped += 1;
        }
        return;
      }
      entry = { host: name, kind, runs: new SourceRuns(this.resolutionMs) };
      this.sources.set(key, entry);
    }
    this.lastHost = host;
    this.lastKind = kind;
    this.lastRuns = entry.runs;
    entry.runs.add(at);
  }

  activity(): SourceActivity[] {
    return [...this.sources.values()]
      .map(({ host, kind, runs }) => ({
        host,
        kind,
        lines: runs.lines,
        first: runs.first,
        last: runs.last,
        resolutionMs: runs.resolutionMs,
        runs: runs.pairs(),
      }))
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.host.localeCompare(b.host));
  }
}

/**
 * The activity of the same source from several imports as one: lines added up, runs joined at
 * the coarsest resolution among them (a gap one import does not see may be covered by another).
 */
export function mergeActivity(list: readonly SourceActivity[]): SourceActivity[] {
  const groups = new Map<string, SourceActivity[]>();
  for (const one of list) {
    const key = sourceKey(one);
    groups.set(key, [...(groups.get(key) ?? []), one]);
  }
  const merged: SourceActivity[] = [];
  for (const group of groups.values()) {
    const first = group[0] as SourceActivity;
    if (group.length === 1) {
      merged.push(first);
      continue;
    }
    const resolutionMs = Math.max(...group.map((one) => one.resolutionMs));
    const pairs: [number, number][] = [];
    for (const one of group)
      for (let index = 0; index + 1 < one.runs.length; index += 2)
        pairs.push([one.runs[index] as number, one.runs[index + 1] as number]);
    pairs.sort((a, b) => a[0] - b[0]);
    const runs: number[] = [];
    for (const [start, end] of pairs) {
      const last = runs.length - 1;
      if (last > 0 && start <= (runs[last] as number) + resolutionMs)
        runs[last] = Math.max(runs[last] as number, end);
      else runs.push(start, end);
    }
    merged.push({
      host: first.host,
      kind: first.kind,
      lines: group.reduce((sum, one) => sum + one.lines, 0),
      first: Math.min(...group.map((one) => one.first)),
      last: Math.max(...group.map((one) => one.last)),
      resolutionMs,
      runs,
    });
  }
  return merged.sort((a, b) => a.kind.localeCompare(b.kind) || a.host.localeCompare(b.host));
}
