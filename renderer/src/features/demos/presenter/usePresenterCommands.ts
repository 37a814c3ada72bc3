import { useMemo } from 'react';
import type { Command } from '../../../app/commands/registry';
import type { VerdictKind } from '../../../../../core/model';
import { VERDICT_LABELS } from '../../../../../core/model';
import { VERDICT_KEYS } from './ControlsPanel';

export interface PresenterActions {
  editable: boolean;
  next: () => void;
  previous: () => void;
  selectControl: (delta: 1 | -1) => void;
  verdict: (verdict: VerdictKind) => void;
  compose: (kind: 'observation' | 'question') => void;
  raiseIssue: () => void;
  attachEvidence: () => void;
  linkControl: () => void;
  evidenceControls: () => void;
  attendance: () => void;
  review: () => void;
  exit: () => void;
}

/**
 * Presenter mode's keyboard: every action is a registered command, so the shortcut bar, the
 * shortcut list (F1) and the command palette show and run the same thing. PageDown/PageUp work
 * even while typing, as presentation clickers send them.
 */
export function usePresenterCommands(actions: PresenterActions): Command[] {
  return useMemo(() => {
    const section = 'Presenter mode';
    const always: Command[] = [
      {
        id: 'presenter.next',
        title: 'Next item',
        section,
        shortcut: 'PageDown',
        allowInTextEntry: true,
        run: actions.next,
      },
      {
        id: 'presenter.previous',
        title: 'Previous item',
        section,
        shortcut: 'PageUp',
        allowInTextEntry: true,
        run: actions.previous,
      },
      {
        id: 'presenter.next.arrow',
        title: 'Next item',
        section,
        shortcut: 'ArrowRight',
        hidden: true,
        run: actions.next,
      },
      {
        id: 'presenter.previous.arrow',
        title: 'Previous item',
        section,
        shortcut: 'ArrowLeft',
        hidden: true,
        run: actions.previous,
      },
      {
        id: 'presenter.control.next',
        title: 'Select the next control',
        section,
        shortcut: 'ArrowDown',
        run: () => actions.selectControl(1),
      },
      {
        id: 'presenter.control.previous',
        title: 'Select the previous control',
        section,
        shortcut: 'ArrowUp',
        run: () => actions.selectControl(-1),
      },
      {
        id: 'presenter.review',
        title: 'Review and sign off',
        section,
        shortcut: 'Alt+R',
        allowInTextEntry: true,
        run: actions.review,
      },
      {
        id: 'presenter.exit',
        title: 'Leave presenter mode',
        section,
        shortcut: 'Escape',
        run: actions.exit,
      },
    ];
    if (!actions.editable) return always;
    const verdicts = (Object.keys(VERDICT_KEYS) as VerdictKind[]).map((verdict) => ({
      id: `presenter.verdict.${verdict}`,
      title: `Verdict: ${VERDICT_LABELS[verdict].toLowerCase()}`,
      section,
      shortcut: VERDICT_KEYS[verdict],
      run: () => actions.verdict(verdict),
    }));
    return [
      ...always,
      {
        id: 'presenter.observation',
        title: 'Add an observation',
        section,
        shortcut: 'O',
        run: () => actions.compose('observation'),
      },
      {
        id: 'presenter.question',
        title: 'Add a follow-up question',
        section,
        shortcut: 'Q',
        run: () => actions.compose('question'),
      },
      ...verdicts,
      {
        id: 'presenter.issue',
        title: 'Raise a P1/P2 issue',
        section,
        shortcut: 'I',
        run: actions.raiseIssue,
      },
      {
        id: 'presenter.evidence',
        title: 'Attach evidence (or drop a file)',
        section,
        shortcut: 'F',
        run: actions.attachEvidence,
      },
      {
        id: 'presenter.link',
        title: 'Link a control',
        section,
        shortcut: 'L',
        run: actions.linkControl,
      },
      {
        id: 'presenter.evidence.controls',
        title: 'Change the controls the evidence speaks for',
        section,
        shortcut: 'K',
        run: actions.evidenceControls,
      },
      {
        id: 'presenter.attendance',
        title: 'Mark attendees present',
        section,
        shortcut: 'M',
        run: actions.attendance,
      },
    ];
  }, [actions]);
}
