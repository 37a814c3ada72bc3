/**
 * Benchmarks: every `bench/*.bench.ts` exports `run(context)` returning results. Each result is
 * compared with a baseline measured in the same run on the same machine (sha256sum, wc -l,
 * Chromium's print-to-PDF ...), because absolute figures on shared machines mean little.
 */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The reference measured in the same run, in the same unit; null when there is none. */
  baseline: number | null;
  /** value / baseline (for "higher is better" units) or baseline / value (for times). */
  ratio: number | null;
  /** The target, as a human-readable condition (e.g. "ratio >= 0.8", "<= 16 ms"). */
  target: string;
  meets: boolean;
}

export interface BenchContext {
  /** A scratch folder for this benchmark, removed afterwards. */
  tmpDir: string;
  log: (message: string) => void;
}

export interface BenchModule {
  run(context: BenchContext): Promise<BenchResult[]>;
}

/** Builds a result whose target is a minimum ratio against the baseline. */
export function ratioResult(options: {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  higherIsBetter: boolean;
  minRatio: number;
}): BenchResult {
  const ratio = options.higherIsBetter
    ? options.value / options.baseline
    : options.baseline / options.value;
  return {
    name: options.name,
    value: round(options.value),
    unit: options.unit,
    baseline: round(options.baseline),
    ratio: round(ratio),
    target: `ratio >= ${options.minRatio}`,
    meets: ratio >= options.minRatio,
  };
}

/** Builds a result whose target is an absolute bound (e.g. a frame budget or a memory cap). */
export function boundResult(options: {
  name: string;
  value: number;
  unit: string;
  baseline?: number | null;
  max?: number;
  min?: number;
}): BenchResult {
  const baseline = options.baseline ?? null;
  const meets =
    (options.max === undefined || options.value <= options.max) &&
    (options.min === undefined || options.value >= options.min);
  const target = [
    options.max === undefined ? null : `<= ${options.max} ${options.unit}`,
    options.min === undefined ? null : `>= ${options.min} ${options.unit}`,
  ]
    .filter(Boolean)
    .join(' and ');
  return {
    name: options.name,
    value: round(options.value),
    unit: options.unit,
    baseline: baseline === null ? null : round(baseline),
    ratio: baseline === null || options.value === 0 ? null : round(options.value / baseline),
    target,
    meets,
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 0
    ? ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
    : (sorted[middle] ?? 0);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
