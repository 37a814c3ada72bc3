import type { Judgement } from '../../../../core/demo/verdicts';
import type { VerdictKind } from '../../../../core/model';
import { VERDICT_LABELS } from '../../../../core/model';
import { formatDate } from '../../lib/format';

/** A verdict as a coloured, labelled badge (never colour alone). */
export function VerdictBadge({ verdict }: { verdict: VerdictKind | null }) {
  if (verdict === null) return <span className="verdict-badge verdict-none">No verdict</span>;
  return <span className={`verdict-badge verdict-${verdict}`}>{VERDICT_LABELS[verdict]}</span>;
}

/** A judgement on a given day: an expired exception reads as not satisfied, and says why. */
export function JudgementBadge({ judgement }: { judgement: Judgement | null }) {
  if (judgement === null)
    return <span className="verdict-badge verdict-none">Not demonstrated</span>;
  return (
    <span className="judgement">
      <VerdictBadge verdict={judgement.outcome} />
      {judgement.expired ? (
        <span className="muted small">
          exception expired{judgement.expires ? ` ${formatDate(judgement.expires)}` : ''}
        </span>
      ) : judgement.outcome === 'exception' && judgement.expires ? (
        <span className="muted small">until {formatDate(judgement.expires)}</span>
      ) : null}
    </span>
  );
}
