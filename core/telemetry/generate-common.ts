/** Shared by the telemetry generators: a seeded random source, the default period, helpers. */

/** mulberry32: small, fast, good enough for test data; the same seed gives the same files. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface ScenarioOptions {
  seed?: number;
  /** Start of the generated period (epoch ms, UTC). */
  start?: number;
  /** Length of the period in minutes. */
  minutes?: number;
}

export const DEFAULT_START = Date.UTC(2026, 10, 24, 6, 0, 0);

export const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

export function pad(value: number): string {
  return String(value).padStart(2, '0');
}

export function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}
