import type { ChartPoint } from './series';

/**
 * Display-only reduction of long series. The visible range is cut into equal time slots and each
 * slot keeps its first, lowest, highest and last point (the M4 method), so every peak and every
 * dip survives: an attack burst is never smoothed away however far the chart is zoomed out.
 * Figures, totals and alerts are always computed from the full data, never from these points.
 *
 * `t` must be sorted ascending. One point either side of [from, to] is kept so lines run to the
 * edges of the visible range.
 */
export function downsampleIndices(
  t: ArrayLike<number>,
  v: ArrayLike<number | null>,
  from: number,
  to: number,
  maxPoints: number,
): number[] {
  const first = Math.max(0, lowerBound(t, from) - 1);
  const last = Math.min(t.length, upperBound(t, to) + 1);
  const indices: number[] = [];
  if (last - first <= maxPoints || maxPoints < 4 || to <= from) {
    for (let index = first; index < last; index += 1) indices.push(index);
    return indices;
  }
  const slots = Math.max(1, Math.floor(maxPoints / 4));
  const width = (to - from) / slots;
  let index = first;
  while (index < last) {
    const slot = Math.min(
      slots - 1,
      Math.max(0, Math.floor(((t[index] as number) - from) / width)),
    );
    const slotEnd = slot === slots - 1 ? Infinity : from + (slot + 1) * width;
    let end = index;
    let minIndex = -1;
    let maxIndex = -1;
    while (end < last && (end === index || (t[end] as number) < slotEnd)) {
      const value = v[end];
      if (value !== null && value !== undefined) {
        if (minIndex < 0 || value < (v[minIndex] as number)) minIndex = end;
        if (maxIndex < 0 || value > (v[maxIndex] as number)) maxIndex = end;
      }
      end += 1;
    }
    const picks = [index, minIndex, maxIndex, end - 1].filter((pick) => pick >= 0);
    for (const pick of [...new Set(picks)].sort((a, b) => a - b)) indices.push(pick);
    index = end;
  }
  return indices;
}

export function downsamplePoints(
  points: readonly ChartPoint[],
  from: number,
  to: number,
  maxPoints: number,
): ChartPoint[] {
  const t = points.map((point) => point.x);
  const v = points.map((point) => point.y);
  return downsampleIndices(t, v, from, to, maxPoints).map((index) => points[index] as ChartPoint);
}

/** Points of parallel arrays, reduced for display; `map` turns a raw value into y. */
export function downsampleArrays(
  t: ArrayLike<number>,
  v: ArrayLike<number | null>,
  from: number,
  to: number,
  maxPoints: number,
): ChartPoint[] {
  return downsampleIndices(t, v, from, to, maxPoints).map((index) => ({
    x: t[index] as number,
    y: v[index] ?? null,
  }));
}

/** First index whose value is >= target (t sorted ascending). */
export function lowerBound(t: ArrayLike<number>, target: number): number {
  let low = 0;
  let high = t.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((t[middle] as number) < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** First index whose value is > target. */
export function upperBound(t: ArrayLike<number>, target: number): number {
  let low = 0;
  let high = t.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((t[middle] as number) <= target) low = middle + 1;
    else high = middle;
  }
  return low;
}
