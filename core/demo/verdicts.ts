import type { VerdictKind } from '../model/demo';

/**
 * The rules that turn recorded verdicts into standing outcomes. Pure and dated explicitly: the
 * same record read on another day may stand differently, because exceptions expire.
 */

export type Outcome = VerdictKind;

export interface RecordedVerdict {
  verdict: VerdictKind;
  /** Last day an exception holds (inclusive); null for other verdicts. */
  expires: string | null;
}

export interface Judgement {
  outcome: Outcome;
  /** What was recorded, before expiry was applied. */
  recorded: VerdictKind;
  /** The expiry of the exception that decided the outcome, if any. */
  expires: string | null;
  /** True when an exception had expired and so counts as not satisfied. */
  expired: boolean;
}

/**
 * One verdict as it stands on `today` (`YYYY-MM-DD`). An exception is valid through its expiry
 * date; from the day after, it counts as not satisfied. An exception without an expiry (which
 * the model refuses, but old or imported data might hold) never counts as satisfied either.
 */
export function judge(verdict: RecordedVerdict, today: string): Judgement {
  if (verdict.verdict !== 'exception') {
    return { outcome: verdict.verdict, recorded: verdict.verdict, expires: null, expired: false };
  }
  const expired = verdict.expires === null || verdict.expires < today;
  return {
    outcome: expired ? 'not-satisfied' : 'exception',
    recorded: 'exception',
    expires: verdict.expires,
    expired,
  };
}

/** A failed verdict on `today`: not satisfied, or an exception past its expiry. */
export function isFailed(verdict: RecordedVerdict, today: string): boolean {
  return judge(verdict, today).outcome === 'not-satisfied';
}

/** Worst first: one failing demonstration outweighs any number of passing ones. */
const SEVERITY: Readonly<Record<Outcome, number>> = {
  'not-satisfied': 3,
  exception: 2,
  satisfied: 1,
  'not-applicable': 0,
};

export function outcomeSeverity(outcome: Outcome): number {
  return SEVERITY[outcome];
}

/**
 * Several verdicts on one control (several items of one demo, or several demos of one sprint)
 * combine to the worst outcome on `today`. Among exceptions, the one expiring first decides, as
 * that is when the control stops being covered. Null when there is nothing to combine.
 */
export function combineVerdicts(
  verdicts: readonly RecordedVerdict[],
  today: string,
): Judgement | null {
  let worst: Judgement | null = null;
  for (const verdict of verdicts) {
    const judged = judge(verdict, today);
    if (worst === null) {
      worst = judged;
      continue;
    }
    const difference = SEVERITY[judged.outcome] - SEVERITY[worst.outcome];
    if (
      difference > 0 ||
      (difference === 0 &&
        judged.outcome === 'exception' &&
        (judged.expires ?? '') < (worst.expires ?? ''))
    ) {
      worst = judged;
    }
  }
  return worst;
}

/**
 * Exceptions expiring within this many days are flagged before they lapse: as gaps in the
 * period report, and in the list a signer acknowledges before signing off a demo.
 */
export const EXPIRY_WARNING_DAYS = 30;

/** Days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Days until an exception expires on `today` (0 on its last day, negative once expired). */
export function daysUntilExpiry(expires: string, today: string): number {
  return daysBetween(today, expires);
}
