import { z } from 'zod';
import { addCalendarDays } from '../time/zoned';
import type { EvidenceSummary } from './model';

/**
 * When evidence speaks for, and whether it is still fresh: ONE rule, used by the Evidence area,
 * control coverage, the period matrix and the signed record alike.
 *
 * A file is dated by its tool (the time the file itself says it was produced: a scan's start, a
 * chart's period), or by a person who states the period it demonstrates; otherwise it is
 * **undated**. Nothing else dates a file: not its modified time, not when it was attached (a scan
 * from 2018 copied today would look fresh). An undated file is never fresh and never stale: it
 * is reported as undated until someone states its period.
 */

export const DATINGS = ['tool', 'stated', 'undated'] as const;
export const Dating = z.enum(DATINGS);
export type Dating = z.infer<typeof Dating>;

/** The days a file demonstrates (`YYYY-MM-DD`, UTC days) and who says so. */
export interface EvidencePeriod {
  from: string;
  to: string;
  by: 'tool' | 'stated';
}

/** A stored attachment's dating fields (core/model/evidence.ts). */
export interface DatedEvidence {
  /** Absent on rows stored before dating was recorded: dated by the tool if they have a period. */
  dating?: Dating | undefined;
  effectiveFrom: string | null;
  effectiveTo: string | null;
}

/**
 * The days a file's own content says it demonstrates: a chart's period, else the UTC day its
 * tool ran; null when the file says nothing, which makes it undated.
 */
export function toolPeriodOf(
  summary: Pick<EvidenceSummary, 'producedAt' | 'chart'> | null,
): { from: string; to: string } | null {
  const day = (time: number): string => new Date(time).toISOString().slice(0, 10);
  if (summary?.chart) return { from: day(summary.chart.from), to: day(summary.chart.to) };
  const instant = toolInstantOf(summary);
  return instant === null ? null : { from: instant.slice(0, 10), to: instant.slice(0, 10) };
}

/** The instant a file's own content speaks for (a chart's end, its tool's time); null if none. */
export function toolInstantOf(
  summary: Pick<EvidenceSummary, 'producedAt' | 'chart'> | null,
): string | null {
  const time = summary?.chart
    ? summary.chart.to
    : summary?.producedAt
      ? Date.parse(summary.producedAt)
      : Number.NaN;
  return Number.isFinite(time) ? new Date(time).toISOString() : null;
}

/** The period a stored file demonstrates, or null when it is undated. */
export function periodOfEvidence(row: DatedEvidence): EvidencePeriod | null {
  if (row.dating === 'undated' || row.effectiveFrom === null || row.effectiveTo === null)
    return null;
  return { from: row.effectiveFrom, to: row.effectiveTo, by: row.dating ?? 'tool' };
}

export type FileFreshness = 'fresh' | 'stale' | 'undated';

/**
 * A file is stale `freshnessDays` after the last day it demonstrates (null: it never goes stale,
 * as for a policy document), and undated when nothing dates it.
 */
export function fileFreshness(
  period: EvidencePeriod | null,
  freshnessDays: number | null,
  today: string,
): FileFreshness {
  if (period === null) return 'undated';
  if (freshnessDays === null) return 'fresh';
  return today > addCalendarDays(period.to, freshnessDays) ? 'stale' : 'fresh';
}

/**
 * A control's evidence: `fresh` when the newest dated file linked to it is within the window,
 * `evidence-too-old` when it is older, `undated` when every file linked to it is undated, and
 * `no-evidence` when none is linked.
 */
export type Staleness = 'fresh' | 'no-evidence' | 'evidence-too-old' | 'undated';

export interface ControlFreshness {
  staleness: Staleness;
  /** The last day the newest dated evidence demonstrates; null without dated evidence. */
  lastEvidence: string | null;
  /** Files linked to the control, and how many of them are undated. */
  count: number;
  undated: number;
}

export function controlFreshness(
  periods: readonly (EvidencePeriod | null)[],
  today: string,
  windowDays: number,
): ControlFreshness {
  let lastEvidence: string | null = null;
  let undated = 0;
  for (const period of periods) {
    if (period === null) undated += 1;
    else if (lastEvidence === null || period.to > lastEvidence) lastEvidence = period.to;
  }
  const staleness: Staleness =
    periods.length === 0
      ? 'no-evidence'
      : lastEvidence === null
        ? 'undated'
        : today > addCalendarDays(lastEvidence, windowDays)
          ? 'evidence-too-old'
          : 'fresh';
  return { staleness, lastEvidence, count: periods.length, undated };
}

/** How each staleness reads, on screen and in reports. */
export const STALENESS_LABELS: Readonly<Record<Staleness, string>> = {
  fresh: 'Fresh',
  'no-evidence': 'Stale: no evidence',
  'evidence-too-old': 'Stale: evidence too old',
  undated: 'Undated evidence only',
};
