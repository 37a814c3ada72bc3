import { useEffect, useRef } from 'react';
import { judge } from '../../../../../core/demo/verdicts';
import type { ControlRef, ControlVerdict, VerdictKind } from '../../../../../core/model';
import { VERDICT_LABELS } from '../../../../../core/model';
import { formatDate, todayIso } from '../../../lib/format';
import { ControlLabel } from '../ControlLabel';
import { Shortcut } from '../Shortcut';
import { VerdictBadge } from '../VerdictBadge';

export const VERDICT_KEYS: Readonly<Record<VerdictKind, string>> = {
  satisfied: 'S',
  'not-satisfied': 'N',
  'not-applicable': 'A',
  exception: 'E',
};

interface Props {
  controls: readonly ControlRef[];
  verdicts: readonly ControlVerdict[];
  titles: ReadonlyMap<ControlRef, string>;
  selected: number;
  editable: boolean;
  onSelect: (index: number) => void;
  onVerdict: (control: ControlRef, verdict: VerdictKind) => void;
  /** Offered on a failed verdict with no issue raised for its control yet. */
  onRaiseIssue: (control: ControlRef) => void;
  /** Controls an issue was already raised for on this item. */
  raisedFor: readonly ControlRef[];
}

/** The item's linked controls, the one selected for the verdict keys, and their verdicts. */
export function ControlsPanel(props: Props) {
  const { controls, verdicts, titles, selected, editable, onSelect, onVerdict } = props;
  const { onRaiseIssue, raisedFor } = props;
  const today = todayIso();
  const listRef = useRef<HTMLUListElement>(null);
  // The verdict keys judge the selected control: it is always on screen, never below the panel.
  useEffect(() => {
    const row = listRef.current?.querySelector('[aria-current="true"]');
    row?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    // Focus on a control follows the selection, so it never rests on one scrolled away.
    const active = document.activeElement;
    if (active?.classList.contains('control-select') && listRef.current?.contains(active))
      row?.querySelector<HTMLElement>('.control-select')?.focus({ preventScroll: true });
  }, [selected, controls.length]);
  return (
    <section className="presenter-controls" aria-labelledby="presenter-controls-heading">
      <h2 id="presenter-controls-heading">
        Controls{' '}
        {editable ? (
          <span className="muted small">
            <Shortcut keys="ArrowUp" /> <Shortcut keys="ArrowDown" /> choose ·{' '}
            {Object.entries(VERDICT_KEYS).map(([verdict, key]) => (
              <span key={verdict} className="nowrap">
                <Shortcut keys={key} /> {VERDICT_LABELS[verdict as VerdictKind].toLowerCase()}{' '}
              </span>
            ))}
          </span>
        ) : null}
      </h2>
      {controls.length === 0 ? (
        <p className="empty">
          No controls linked to this item. Press <Shortcut keys="L" /> to link one.
        </p>
      ) : (
        <ul className="control-rows" aria-label="Linked controls" ref={listRef}>
          {controls.map((control, index) => {
            const verdict = verdicts.find((candidate) => candidate.control === control);
            const judged = verdict ? judge(verdict, today) : null;
            const isSelected = index === selected;
            return (
              <li
                key={control}
                className={isSelected ? 'control-row selected' : 'control-row'}
                aria-current={isSelected ? 'true' : undefined}
              >
                <button
                  type="button"
                  className="control-select"
                  onClick={() => onSelect(index)}
                  aria-label={`Select ${control}`}
                >
                  <span className="control-marker" aria-hidden="true">
                    {isSelected ? '▶' : ''}
                  </span>
                  <ControlLabel control={control} title={titles.get(control)} />
                </button>
                <div className="control-verdict" role="status" aria-label={`Verdict on ${control}`}>
                  <VerdictBadge verdict={verdict?.verdict ?? null} />
                  {verdict?.verdict === 'exception' && verdict.expires ? (
                    <span className={judged?.expired ? 'exception-note expired' : 'exception-note'}>
                      {judged?.expired ? 'expired' : 'until'} {formatDate(verdict.expires)} ·{' '}
                      {verdict.reason}
                    </span>
                  ) : null}
                  {editable &&
                  judged?.outcome === 'not-satisfied' &&
                  !raisedFor.includes(control) ? (
                    <button
                      type="button"
                      className="button small danger-quiet raise-from-verdict"
                      aria-keyshortcuts="I"
                      onClick={() => onRaiseIssue(control)}
                    >
                      Raise issue from this verdict
                      {isSelected ? (
                        <>
                          {' '}
                          <Shortcut keys="I" />
                        </>
                      ) : null}
                    </button>
                  ) : null}
                </div>
                {editable ? (
                  <div
                    className="verdict-buttons"
                    role="group"
                    aria-label={`Set the verdict on ${control}`}
                  >
                    {(Object.keys(VERDICT_KEYS) as VerdictKind[]).map((kind) => (
                      <button
                        key={kind}
                        type="button"
                        tabIndex={-1}
                        className={
                          verdict?.verdict === kind
                            ? `verdict-button verdict-${kind} chosen`
                            : `verdict-button verdict-${kind}`
                        }
                        aria-pressed={verdict?.verdict === kind}
                        onClick={() => {
                          onSelect(index);
                          onVerdict(control, kind);
                        }}
                      >
                        {VERDICT_LABELS[kind]}
                      </button>
                    ))}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
