import type { KeyboardEvent } from 'react';
import { useRef, useState } from 'react';
import type { IssueDraftInput, Priority, Severity } from '../../../../core/model';
import {
  IssueSource,
  PRIORITIES,
  SEVERITIES,
  SEVERITY_FOR_PRIORITY,
  issueKey,
} from '../../../../core/model';
import { notify } from '../../app/notifications';
import { formatShortcut, isMacPlatform } from '../../app/commands/shortcuts';
import { Dialog } from '../../components/Dialog';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { FormFooter } from '../../components/FormFooter';
import { IssueSourceView } from './IssueSourceView';
import { useSubmit } from '../../components/useSubmit';
import type { RaiseResult } from './commands';
import { raiseIssue } from './commands';
import { CONTROL_FIELD_HINT, controlsOfField } from '../controls/resolve';
import { PRIORITY_LABELS, SEVERITY_LABELS } from './labels';
import type { RaisePrefill } from './raise-requests';
import { errorUnder } from '../../lib/validation';

interface RaiseIssueDialogProps {
  open: boolean;
  /** What the issue is prefilled with; `workspaceId` is required to raise it. */
  draft: RaisePrefill;
  onClose: () => void;
  onRaised?: (result: RaiseResult) => void;
}

/**
 * Raises a security issue, keyboard first: the title has focus, Alt+1 … Alt+4 choose the
 * priority, Ctrl+Enter (⌘↩) raises it from any field. Reusable from every feature with a draft
 * built for its context (demo item, finding, verdict, alert).
 */
export function RaiseIssueDialog({ open, draft, onClose, onRaised }: RaiseIssueDialogProps) {
  return (
    <Dialog open={open} title="Raise a security issue" onClose={onClose} wide>
      <RaiseIssueForm draft={draft} onClose={onClose} onRaised={onRaised} />
    </Dialog>
  );
}

function RaiseIssueForm({ draft, onClose, onRaised }: Omit<RaiseIssueDialogProps, 'open'>) {
  const isMac = isMacPlatform();
  const formRef = useRef<HTMLFormElement>(null);
  const [title, setTitle] = useState(draft.title ?? '');
  const [priority, setPriority] = useState<Priority>(draft.priority ?? 'P2');
  const [severity, setSeverity] = useState<Severity | ''>(draft.severity ?? '');
  const [owner, setOwner] = useState(draft.owner ?? '');
  const [description, setDescription] = useState(draft.description ?? '');
  const [controls, setControls] = useState((draft.controlRefs ?? []).join(' '));
  const { busy, fieldErrors, formError, submit } = useSubmit();
  const source = IssueSource.safeParse(draft.source ?? { kind: 'manual' });

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>): void => {
    const digit = /^Digit([1-4])$/.exec(event.code)?.[1];
    if (event.altKey && !event.ctrlKey && !event.metaKey && digit !== undefined) {
      event.preventDefault();
      setPriority(`P${digit}` as Priority);
      return;
    }
    if (event.key === 'Enter' && (isMac ? event.metaKey : event.ctrlKey)) {
      event.preventDefault();
      formRef.current?.requestSubmit();
    }
  };

  return (
    <form
      ref={formRef}
      noValidate
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        void submit(async () => {
          const input: IssueDraftInput = {
            ...draft,
            workspaceId: draft.workspaceId ?? '',
            title,
            priority,
            owner,
            description,
            controlRefs: await controlsOfField(controls, 'controlRefs'),
            ...(severity === '' ? {} : { severity }),
          };
          const result = await raiseIssue(input);
          announce(result);
          onRaised?.(result);
        }).then((done) => {
          if (done) onClose();
        });
      }}
    >
      {source.success && source.data.kind !== 'manual' ? (
        <p className="raise-source">
          From: <IssueSourceView source={source.data} />
        </p>
      ) : null}
      <TextField
        label="Title"
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        error={fieldErrors['title']}
        required
        maxLength={200}
        autoComplete="off"
      />
      <fieldset className="priority-picker" aria-describedby="priority-keys">
        <legend>Priority</legend>
        {PRIORITIES.map((value, index) => (
          <label
            key={value}
            className={value === priority ? 'priority-option selected' : 'priority-option'}
          >
            <input
              type="radio"
              name="priority"
              value={value}
              checked={value === priority}
              onChange={() => setPriority(value)}
            />
            <span className={`priority-badge priority-${value}`}>{value}</span>
            <span className="priority-text">
              {PRIORITY_LABELS[value].replace(/^P\d( — )?/, '') || ' '}
            </span>
            <kbd aria-hidden="true">{formatShortcut(`Alt+${index + 1}`, isMac)}</kbd>
          </label>
        ))}
        <p id="priority-keys" className="field-hint">
          {formatShortcut('Alt+1', isMac)} … {formatShortcut('Alt+4', isMac)} choose the priority;{' '}
          {formatShortcut('Mod+Enter', isMac)} raises the issue.
        </p>
      </fieldset>
      <div className="form-grid">
        <SelectField
          label="Severity"
          value={severity}
          onChange={(event) => setSeverity(event.target.value as Severity | '')}
          error={fieldErrors['severity']}
        >
          <option value="">
            From the priority ({SEVERITY_LABELS[SEVERITY_FOR_PRIORITY[priority]]})
          </option>
          {SEVERITIES.map((value) => (
            <option key={value} value={value}>
              {SEVERITY_LABELS[value]}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Owner"
          value={owner}
          onChange={(event) => setOwner(event.target.value)}
          error={fieldErrors['owner']}
          maxLength={120}
          autoComplete="off"
        />
      </div>
      <TextAreaField
        label="Description"
        value={description}
        onChange={(event) => setDescription(event.target.value)}
        error={fieldErrors['description']}
        rows={4}
      />
      <TextField
        label="Controls"
        value={controls}
        onChange={(event) => setControls(event.target.value)}
        error={errorUnder(fieldErrors, 'controlRefs')}
        hint={CONTROL_FIELD_HINT}
        autoComplete="off"
      />
      <FormFooter
        error={
          formError ?? (fieldErrors['workspaceId'] ? 'Choose or create a workspace first.' : null)
        }
        onCancel={onClose}
        disabled={busy}
        shortcut="Control+Enter"
      >{`Raise ${priority} issue`}</FormFooter>
    </form>
  );
}

function announce({ issue, created }: RaiseResult): void {
  if (!created) {
    notify(
      'info',
      `This finding is already ${issueKey(issue)}: the new evidence was linked to it.`,
    );
    return;
  }
  notify(
    'success',
    issue.priority === 'P1'
      ? `Raised ${issueKey(issue)} (P1). A blameless post-mortem is expected: start it from the issue.`
      : `Raised ${issueKey(issue)} (${issue.priority}).`,
  );
}
