import { useState } from 'react';
import type { IssueDraftInput, Severity } from '../../../../core/model';
import {
  IssueSource,
  PRIORITIES,
  SEVERITIES,
  SEVERITY_FOR_PRIORITY,
  issueKey,
} from '../../../../core/model';
import { notify } from '../../app/notifications';
import { Dialog } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import type { IssueFields } from '../../components/IssueForm';
import { IssueForm, useIssueForm } from '../../components/IssueForm';
import { IssueSourceView } from './IssueSourceView';
import type { RaiseResult } from './commands';
import { raiseIssue } from './commands';
import { CONTROL_FIELD_HINT, controlsOfField } from '../controls/resolve';
import { SEVERITY_LABELS } from './labels';
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

interface RaiseForm extends IssueFields {
  severity: Severity | '';
  controls: string;
}

function RaiseIssueForm({ draft, onClose, onRaised }: Omit<RaiseIssueDialogProps, 'open'>) {
  const [value, set] = useState<RaiseForm>(() => ({
    title: draft.title ?? '',
    priority: draft.priority ?? 'P2',
    severity: draft.severity ?? '',
    owner: draft.owner ?? '',
    description: draft.description ?? '',
    controls: (draft.controlRefs ?? []).join(' '),
  }));
  const source = IssueSource.safeParse(draft.source ?? { kind: 'manual' });
  const state = useIssueForm(
    { value, set },
    PRIORITIES,
    async (form) => {
      const { severity, controls, ...fields } = form;
      const input: IssueDraftInput = {
        ...draft,
        ...fields,
        workspaceId: draft.workspaceId ?? '',
        controlRefs: await controlsOfField(controls, 'controlRefs'),
        ...(severity === '' ? {} : { severity }),
      };
      const result = await raiseIssue(input);
      announce(result);
      onRaised?.(result);
    },
    onClose,
  );
  const { form, update, fieldErrors } = state;
  return (
    <IssueForm
      state={{
        ...state,
        formError:
          state.formError ??
          (fieldErrors['workspaceId'] ? 'Choose or create a workspace first.' : null),
      }}
      priorities={PRIORITIES}
      source={
        source.success && source.data.kind !== 'manual' ? (
          <>
            From: <IssueSourceView source={source.data} />
          </>
        ) : undefined
      }
      onCancel={onClose}
      beside={
        <SelectField
          label="Severity"
          value={form.severity}
          onChange={(event) => update({ severity: event.target.value as Severity | '' })}
          error={fieldErrors['severity']}
        >
          <option value="">
            From the priority ({SEVERITY_LABELS[SEVERITY_FOR_PRIORITY[form.priority]]})
          </option>
          {SEVERITIES.map((level) => (
            <option key={level} value={level}>
              {SEVERITY_LABELS[level]}
            </option>
          ))}
        </SelectField>
      }
      after={
        <TextField
          label="Controls"
          value={form.controls}
          onChange={(event) => update({ controls: event.target.value })}
          error={errorUnder(fieldErrors, 'controlRefs')}
          hint={CONTROL_FIELD_HINT}
          autoComplete="off"
        />
      }
    />
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
