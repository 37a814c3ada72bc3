import { useState } from 'react';
import type { SecurityIssue, Severity } from '../../../../core/model';
import { SEVERITIES } from '../../../../core/model';
import { Dialog } from '../../components/Dialog';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { FormFooter } from '../../components/FormFooter';
import { useSubmit } from '../../components/useSubmit';
import { updateIssueDetails } from './commands';
import { CONTROL_FIELD_HINT, controlsOfField } from '../controls/resolve';
import { SEVERITY_LABELS } from './labels';
import { errorUnder } from '../../lib/validation';

export function IssueDetailsDialog({
  open,
  issue,
  onClose,
}: {
  open: boolean;
  issue: SecurityIssue;
  onClose: () => void;
}) {
  return (
    <Dialog open={open} title="Edit issue" onClose={onClose} wide>
      <DetailsForm issue={issue} onClose={onClose} />
    </Dialog>
  );
}

function DetailsForm({ issue, onClose }: { issue: SecurityIssue; onClose: () => void }) {
  const [title, setTitle] = useState(issue.title);
  const [severity, setSeverity] = useState<Severity>(issue.severity);
  const [owner, setOwner] = useState(issue.owner);
  const [description, setDescription] = useState(issue.description);
  const [controls, setControls] = useState(issue.controlRefs.join(' '));
  const [trackerKey, setTrackerKey] = useState(issue.trackerKey ?? '');
  const [trackerUrl, setTrackerUrl] = useState(issue.trackerUrl);
  const { busy, fieldErrors, formError, submit } = useSubmit();
  const controlError = errorUnder(fieldErrors, 'controlRefs');
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit(async () =>
          updateIssueDetails(issue.id, {
            title,
            severity,
            owner,
            description,
            controlRefs: await controlsOfField(controls, 'controlRefs'),
            trackerKey: trackerKey.trim() === '' ? null : trackerKey,
            trackerUrl,
          }),
        ).then((done) => {
          if (done) onClose();
        });
      }}
    >
      <TextField
        label="Title"
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        error={fieldErrors['title']}
        maxLength={200}
      />
      <div className="form-grid">
        <SelectField
          label="Severity"
          value={severity}
          onChange={(event) => setSeverity(event.target.value as Severity)}
        >
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
        />
        <TextField
          label="Tracker key"
          value={trackerKey}
          onChange={(event) => setTrackerKey(event.target.value)}
          error={fieldErrors['trackerKey']}
          hint="The issue's key in Jira, e.g. APP-123"
        />
        <TextField
          label="Tracker link"
          value={trackerUrl}
          onChange={(event) => setTrackerUrl(event.target.value)}
          error={fieldErrors['trackerUrl']}
          type="url"
        />
      </div>
      <TextAreaField
        label="Description"
        value={description}
        onChange={(event) => setDescription(event.target.value)}
        error={fieldErrors['description']}
        rows={5}
      />
      <TextField
        label="Controls"
        value={controls}
        onChange={(event) => setControls(event.target.value)}
        error={controlError}
        hint={CONTROL_FIELD_HINT}
      />
      <FormFooter error={formError} onCancel={onClose} disabled={busy}>
        Save issue
      </FormFooter>
    </form>
  );
}
