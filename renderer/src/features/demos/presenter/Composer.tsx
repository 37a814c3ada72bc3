import type { RefObject } from 'react';
import { useId } from 'react';
import type { NoteKind } from '../../../../../core/model';
import { notifyError } from '../../../app/notifications';
import { Shortcut } from '../Shortcut';
import { draftKeys, isString, useDraft } from '../drafts';
import { addNote } from '../record-commands';

interface Props {
  demoId: string;
  itemId: string;
  kind: NoteKind;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}

/**
 * Where observations and questions are typed during the demo. Every keystroke is saved as a
 * draft of this item; Enter adds it to the record (Shift+Enter for a new line), Escape leaves
 * the box with the draft kept.
 */
export function Composer({ demoId, itemId, kind, inputRef }: Props) {
  const key = draftKeys.note(demoId, itemId, kind);
  const draft = useDraft(key, '', isString);
  const hintId = useId();
  const label = kind === 'observation' ? 'Observation' : 'Follow-up question';
  const commit = (): void => {
    const text = draft.value.trim();
    if (text === '') return;
    addNote(itemId, kind, text, key).then(
      () => draft.reset(),
      (error: unknown) => notifyError(error),
    );
  };
  return (
    <div className={`composer composer-${kind}`}>
      <label htmlFor={`${hintId}-input`} className="composer-label">
        {label}
        <span className="composer-switch">
          <Shortcut keys="O" /> observation · <Shortcut keys="Q" /> question
        </span>
      </label>
      <textarea
        id={`${hintId}-input`}
        ref={inputRef}
        className="composer-input"
        rows={2}
        value={draft.value}
        aria-describedby={hintId}
        placeholder={
          kind === 'observation' ? 'What did you see? Enter adds it.' : 'What needs an answer?'
        }
        onChange={(event) => draft.set(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.ctrlKey) {
            event.preventDefault();
            commit();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            event.currentTarget.blur();
          }
        }}
      />
      <p id={hintId} className="composer-hint">
        {draft.value.trim() === '' ? '' : draft.saved ? 'Draft saved · ' : 'Saving… · '}
        <Shortcut keys="Enter" /> add · <Shortcut keys="Shift+Enter" /> new line ·{' '}
        <Shortcut keys="Escape" /> leave the box
      </p>
    </div>
  );
}
