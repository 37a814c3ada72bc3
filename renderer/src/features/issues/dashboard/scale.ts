/**
 * Axis ticks for a chart whose values run from 0 to `max`: about `count` steps of 1, 2 or 5
 * times a power of ten, the last at or above `max` (whole numbers only when `integers`).
 */
export function niceTicks(
  max: number,
  options: { integers?: boolean; count?: number } = {},
): number[] {
  const count = options.count ?? 4;
  const top = Number.isFinite(max) && max > 0 ? max : 1;
  const rough = top / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(
    options.integers ? 1 : 0,
    [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough) ?? 10 * power,
  );
  const steps = Math.ceil(top / step - 1e-9);
  // Rounded to the step's own precision, so 0.1 + 0.2 reads 0.3.
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  return Array.from({ length: steps + 1 }, (_, index) => Number((index * step).toFixed(digits)));
}

/** Every how many labels one is shown, so labels about `labelWidth` wide do not overlap. */
export function labelEvery(labels: number, plotWidth: number, labelWidth: number): number {
  if (labels === 0 || plotWidth <= 0) return 1;
  return Math.max(1, Math.ceil((labels * labelWidth) / plotWidth));
}
