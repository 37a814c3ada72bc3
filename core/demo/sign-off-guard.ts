import { z } from 'zod';
import { IsoDate } from '../model/common';
import { ControlRef } from '../model/refs';
import type { DemoRecord } from './digest';
import type { DemoHappenings } from './happened';
import { EXPIRY_WARNING_DAYS, daysUntilExpiry, isFailed, judge } from './verdicts';

/**
 * What a signer must see, and say they saw, before signing off a demo: every failed verdict
 * that nothing answers (no issue raised from it, no exception standing for its control in this
 * demo), and every exception that lapses within the warning window. Read from what happened in
 * the demo (core/demo/happened.ts), so the list names exactly what the review and the record
 * show. The acknowledged list becomes part of the signed statement (core/demo/sign-off.ts).
 */

export const SIGN_OFF_CONCERNS_MAX = 500;

export const SignOffConcern = z.strictObject({
  /** `failed-verdict`: failed with no issue nor exception; `expiring-exception`: lapses soon. */
  kind: z.enum(['failed-verdict', 'expiring-exception']),
  /** The verdict's id in the demo record. */
  verdict: z.string().min(1).max(100),
  control: ControlRef,
  /** The agenda item it was given on, as the record names it (key and title). */
  item: z.string().max(200),
  /** The exception's last day: an expiring exception's, or a lapsed exception's; else null. */
  expires: IsoDate.nullable(),
});
export type SignOffConcern = z.infer<typeof SignOffConcern>;

/** The concerns to acknowledge on `today` (`YYYY-MM-DD`), in agenda order; empty when none. */
export function signOffConcerns(
  record: DemoRecord,
  happened: DemoHappenings,
  today: string,
): SignOffConcern[] {
  const rank = new Map(record.items.map((item, index) => [item.id, index]));
  const label = new Map(
    record.items.map((item) => [item.id, [item.key, item.title].filter(Boolean).join(' ')]),
  );
  const answered = new Set(happened.issues.flatMap((issue) => issue.verdictId ?? []));
  const excepted = new Set(
    happened.verdicts
      .filter((verdict) => judge(verdict, today).outcome === 'exception')
      .map((verdict) => verdict.control),
  );
  const concerns = happened.verdicts.flatMap((verdict): SignOffConcern[] => {
    const base = {
      verdict: verdict.id,
      control: verdict.control,
      item: (label.get(verdict.itemId) ?? '').slice(0, 200),
      expires: verdict.verdict === 'exception' ? verdict.expires : null,
    };
    if (isFailed(verdict, today))
      return answered.has(verdict.id) || excepted.has(verdict.control)
        ? []
        : [{ kind: 'failed-verdict', ...base }];
    if (
      verdict.verdict === 'exception' &&
      verdict.expires !== null &&
      daysUntilExpiry(verdict.expires, today) <= EXPIRY_WARNING_DAYS
    )
      return [{ kind: 'expiring-exception', ...base }];
    return [];
  });
  const itemOf = new Map(happened.verdicts.map((verdict) => [verdict.id, verdict.itemId]));
  const order = (concern: SignOffConcern): number =>
    rank.get(itemOf.get(concern.verdict) ?? '') ?? Number.MAX_SAFE_INTEGER;
  return concerns.sort(
    (a, b) =>
      order(a) - order(b) ||
      a.control.localeCompare(b.control) ||
      a.verdict.localeCompare(b.verdict),
  );
}

/**
 * One concern in a sentence: what it is and why it is listed, with the days left when read on
 * `today` (null: the dates only, as a record read later states them).
 */
export function concernText(concern: SignOffConcern, today: string | null): string {
  const where = concern.item ? ` on ${concern.item}` : '';
  if (concern.kind === 'expiring-exception') {
    const days =
      concern.expires === null || today === null ? null : daysUntilExpiry(concern.expires, today);
    const when =
      days === null
        ? ''
        : days === 0
          ? ' (today is its last day)'
          : ` (${days} day${days === 1 ? '' : 's'} left)`;
    return `${concern.control}${where}: exception expires ${concern.expires ?? '?'}${when}`;
  }
  const what = concern.expires === null ? 'not satisfied' : `exception expired ${concern.expires}`;
  return `${concern.control}${where}: ${what}, with no issue raised and no exception`;
}

/** Whether `acknowledged` covers every concern in `concerns` (by kind and verdict). */
export function coversConcerns(
  acknowledged: readonly SignOffConcern[],
  concerns: readonly SignOffConcern[],
): boolean {
  const keys = new Set(acknowledged.map(concernKey));
  return concerns.every((concern) => keys.has(concernKey(concern)));
}

export function concernKey(concern: SignOffConcern): string {
  return `${concern.kind}|${concern.verdict}`;
}
