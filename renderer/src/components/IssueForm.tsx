import type { FormEvent, KeyboardEvent, ReactNode } from 'react';
import { useEffect, useRef } from 'react';
import type { Priority } from '../../../core/model';
import { PRIORITY_MEANINGS } from '../../../core/model';
import { formatShortcut, isMacPlatform } from '../app/commands/shortcuts';
import { TextAreaField, TextField } from './Field';
import { FormFooter } from './FormFooter';
import { useSubmit } from './useSubmit';

/** What every Raise issue form asks; each caller adds its own fields (control, severity …). */
export interface IssueFields<P extends Priority = Priority> {
  title: string;
  priority: P;
  owner: string;
  description: string;
}

/** Where the form's value lives: component state, or a draft saved at every keystroke. */
export interface IssueFormStore<T> {
  value: T;
  set: (next: T) => void;
}

export interface IssueFormState<P extends Priority, T extends IssueFields<P>> {
  form: T;
  /** Merges a change into the latest value, so a quick second edit never loses the first. */
  update: (change: Partial<T> | Partial<IssueFields<P>>) => void;
  onKeyDown: (event: KeyboardEvent<HTMLFormElement>) => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  busy: boolean;
  fieldErrors: Readonly<Record<string, string>>;
  formError: string | null;
}

/**
 * The one Raise issue form's state and keys: Alt+1 … Alt+4 choose the first … fourth of the
 * offered priorities, Ctrl+Enter (⌘↩) raises from any field; `raise` is the caller's single
 * command (it throws to refuse, with field errors), and the form closes once it is done.
 */
export function useIssueForm<P extends Priority, T extends IssueFields<P>>(
  store: IssueFormStore<T>,
  priorities: readonly P[],
  raise: (value: T) => Promise<void>,
  onDone: () => void,
): IssueFormState<P, T> {
  const latest = useRef(store.value);
  useEffect(() => {
    latest.current = store.value;
  }, [store.value]);
  const { busy, fieldErrors, formError, submit } = useSubmit();
  const write = (next: T): void => {
    latest.current = next;
    store.set(next);
  };
  const update = (change: Partial<T> | Partial<IssueFields<P>>): void =>
    write({ ...latest.current, ...change });
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>): void => {
    const digit = /^Digit([1-4])$/.exec(event.code)?.[1];
    if (event.altKey && !event.ctrlKey && !event.metaKey && digit !== undefined) {
      event.preventDefault();
      const choice = priorities[Number(digit) - 1];
      if (choice !== undefined) write({ ...latest.current, priority: choice });
      return;
    }
    if (event.key === 'Enter' && (isMacPlatform() ? event.metaKey : event.ctrlKey)) {
      event.preventDefault();
      event.currentTarget.requestSubmit();
    }
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const value = latest.current;
    void submit(() => raise(value)).then((done) => {
      if (done) onDone();
    });
  };
  return { form: store.value, update, onKeyDown, onSubmit, busy, fieldErrors, formError };
}

const meaning = (priority: Priority): string =>
  priority === 'P1' || priority === 'P2' ? PRIORITY_MEANINGS[priority] : '';

interface IssueFormProps<P extends Priority, T extends IssueFields<P>> {
  state: IssueFormState<P, T>;
  priorities: readonly P[];
  /** Where the issue comes from (a failed verdict, a finding), shown above the title. */
  source?: ReactNode;
  /** Fields beside the owner (the control, the severity). */
  beside: ReactNode;
  /** Fields after the description. */
  after?: ReactNode;
  /** What raising does, in one line. */
  hint?: string;
  onCancel: () => void;
}

/** The one Raise issue form: title, priority by Alt+digit, owner, description, and the caller's fields. */
export function IssueForm<P extends Priority, T extends IssueFields<P>>({
  state,
  priorities,
  source,
  beside,
  after,
  hint,
  onCancel,
}: IssueFormProps<P, T>) {
  const isMac = isMacPlatform();
  const { form, update, fieldErrors } = state;
  const last = priorities.length;
  return (
    <form noValidate onKeyDown={state.onKeyDown} onSubmit={state.onSubmit}>
      {source ? <p className="raise-source">{source}</p> : null}
      <TextField
        label="Title"
        value={form.title}
        onChange={(event) => update({ title: event.target.value })}
        error={fieldErrors['title']}
        required
        maxLength={200}
        autoComplete="off"
      />
      <fieldset className="priority-picker" aria-describedby="priority-keys">
        <legend>Priority</legend>
        {priorities.map((value, index) => (
          <label
            key={value}
            className={value === form.priority ? 'priority-option selected' : 'priority-option'}
          >
            <input
              type="radio"
              name="priority"
              value={value}
              checked={value === form.priority}
              onChange={() => update({ priority: value })}
            />
            <span className={`priority-badge priority-${value}`}>{value}</span>
            <span className="priority-text">{meaning(value) || ' '}</span>
            <kbd aria-hidden="true">{formatShortcut(`Alt+${index + 1}`, isMac)}</kbd>
          </label>
        ))}
        <p id="priority-keys" className="field-hint">
          {formatShortcut('Alt+1', isMac)} … {formatShortcut(`Alt+${last}`, isMac)} choose the
          priority; {formatShortcut('Mod+Enter', isMac)} raises the issue.
        </p>
      </fieldset>
      <div className="form-grid">
        {beside}
        <TextField
          label="Owner"
          value={form.owner}
          onChange={(event) => update({ owner: event.target.value })}
          error={fieldErrors['owner']}
          maxLength={120}
          autoComplete="off"
        />
      </div>
      <TextAreaField
        label="Description"
        value={form.description}
        onChange={(event) => update({ description: event.target.value })}
        error={fieldErrors['description']}
        rows={3}
      />
      {after}
      {hint ? <p className="field-hint">{hint}</p> : null}
      <FormFooter
        error={state.formError}
        onCancel={onCancel}
        disabled={state.busy}
        tone="danger"
        shortcut="Control+Enter"
      >{`Raise ${form.priority} issue`}</FormFooter>
    </form>
  );
}
