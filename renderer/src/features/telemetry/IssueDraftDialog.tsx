import { useState } from 'react';
import { formatNumber, formatTime } from '../../../../core/charts/layout';
import type { SecurityIssueDraft } from '../../../../core/telemetry/issue-draft';
import { metricLabel } from '../../../../core/telemetry/model';
import { notify } from '../../app/notifications';
import { Dialog } from '../../components/Dialog';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { FormFooter } from '../../components/FormFooter';
import { useSubmit } from '../../components/useSubmit';
import { recordIssueDraft } from './commands';
import type { TelemetryIntegrations } from './slots';

interface Props {
  alertId: string;
  draft: SecurityIssueDraft | null;
  onRaiseIssue: TelemetryIntegrations['onRaiseIssue'];
  onClose: () => void;
}

/**
 * The security issue an alert suggests, prefilled for the user to review. Confirming hands it to
 * the issues feature when the app provides one; otherwise it is kept with the alert as a draft.
 */
export function IssueDraftDialog({ alertId, draft, onRaiseIssue, onClose }: Props) {
  return (
    <Dialog open={draft !== null} title="New security issue from alert" onClose={onClose} wide>
      {draft ? (
        <DraftForm alertId={alertId} draft={draft} onRaiseIssue={onRaiseIssue} onClose={onClose} />
      ) : null}
    </Dialog>
  );
}

function DraftForm({
  alertId,
  draft,
  onRaiseIssue,
  onClose,
}: Props & { draft: SecurityIssueDraft }) {
  const [title, setTitle] = useState(draft.title);
  const [priority, setPriority] = useState(draft.priority);
  const [description, setDescription] = useState(draft.description);
  const { busy, fieldErrors, formError, submit } = useSubmit();
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const confirmed = { ...draft, title, priority, description };
        void submit(async () => {
          const raised = onRaiseIssue ? await onRaiseIssue(confirmed) : null;
          await recordIssueDraft(alertId, confirmed, raised !== null);
          notify(
            'success',
            raised ? `Raised ${raised.issueKey}: ${title}` : 'Issue draft saved with the alert.',
          );
        }).then((done) => {
          if (done) onClose();
        });
      }}
    >
      <TextField
        label="Title"
        value={title}
        maxLength={200}
        onChange={(event) => setTitle(event.target.value)}
        error={fieldErrors['title']}
        required
      />
      <div className="form-grid">
        <SelectField
          label="Priority"
          value={priority}
          onChange={(event) => setPriority(event.target.value === 'P1' ? 'P1' : 'P2')}
          hint="P1: fix immediately. P2: fix by the end of the week."
        >
          <option value="P1">P1 — fix immediately</option>
          <option value="P2">P2 — fix by the end of the week</option>
        </SelectField>
        <dl className="facts draft-facts" aria-label="Alert details">
          <div>
            <dt>Time range</dt>
            <dd>
              {formatTime(draft.from)} – {formatTime(draft.to)}
            </dd>
          </div>
          <div>
            <dt>Metric</dt>
            <dd>{draft.metric}</dd>
          </div>
          <div>
            <dt>Values</dt>
            <dd>
              {Object.entries(draft.values)
                .map(([name, value]) => `${metricLabel(name)} ${formatNumber(value)}`)
                .join(', ')}
            </dd>
          </div>
          <div>
            <dt>Controls</dt>
            <dd>{draft.controls.join(', ') || '—'}</dd>
          </div>
        </dl>
      </div>
      <TextAreaField
        label="Description"
        value={description}
        rows={8}
        onChange={(event) => setDescription(event.target.value)}
        error={fieldErrors['description']}
      />
      {onRaiseIssue ? null : (
        <p className="field-hint">
          Security issues are not connected in this build: the confirmed draft is kept with the
          alert.
        </p>
      )}
      <FormFooter error={formError} disabled={busy} onCancel={onClose}>
        {onRaiseIssue ? 'Raise issue' : 'Save issue draft'}
      </FormFooter>
    </form>
  );
}
