import { useCallback, useEffect, useRef } from 'react';
import type { ControlRef, ControlVerdict, VerdictKind } from '../../../../../core/model';
import { VERDICT_LABELS } from '../../../../../core/model';
import { notify, notifyError } from '../../../app/notifications';
import { offerUndo } from '../../../app/undo';
import { restoreVerdict, setVerdict } from '../record-commands';
import type { ItemEvidenceLinks } from '../slots';

/**
 * Judging a control from presenter mode: the verdict is recorded at once and can be undone
 * (back to the verdict it replaced, or none); a failed verdict points to raising an issue.
 */
export function useJudge(
  itemId: string | undefined,
  itemVerdicts: readonly ControlVerdict[],
  evidence: ItemEvidenceLinks,
): (ref: ControlRef, verdict: VerdictKind) => void {
  // Read when judging, so the callback (and the commands built on it) stays the same.
  const verdicts = useRef(itemVerdicts);
  useEffect(() => {
    verdicts.current = itemVerdicts;
  });
  return useCallback(
    (ref: ControlRef, verdict: VerdictKind): void => {
      if (itemId === undefined) return;
      const previous = verdicts.current.find((candidate) => candidate.control === ref) ?? null;
      setVerdict(itemId, ref, { verdict }, evidence).then(
        () => {
          offerUndo({
            description: `${ref}: ${VERDICT_LABELS[verdict]}${previous ? ` (was ${VERDICT_LABELS[previous.verdict]})` : ''}`,
            undo: () => restoreVerdict(itemId, ref, previous),
          });
          if (verdict === 'not-satisfied')
            notify('info', `${ref} not satisfied: press I to raise an issue from this verdict.`);
        },
        (error: unknown) => notifyError(error),
      );
    },
    [itemId, evidence],
  );
}
