import { useState } from 'react';
import { parseAttendeeLines } from '../../../../core/demo/attendees';
import type { Demo, Sprint } from '../../../../core/model';
import { Dialog } from '../../components/Dialog';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { useSubmit } from '../../components/useSubmit';
import { counted, todayIso } from '../../lib/format';
import { ValidationError } from '../../lib/validation';
import { createDemo } from './commands';
import { AGENDA_TEMPLATES } from './templates';
import { FormFooter } from '../../components/FormFooter';

interface Props {
  open: boolean;
  onClose: () => void;
  workspaceId: string;
  /** Most recent first; the first is preselected. */
  sprints: readonly Sprint[];
  facilitator: string;
  onCreated: (demo: Demo) => void;
}

export function NewDemoDialog(props: Props) {
  return (
    <Dialog open={props.open} title="New demo" onClose={props.onClose} wide>
      <NewDemoForm {...props} />
    </Dialog>
  );
}

function NewDemoForm({ onClose, workspaceId, sprints, facilitator, onCreated }: Props) {
  // Empty until chosen: the most recent sprint, also when the list arrives after opening.
  const [chosenSprintId, setSprintId] = useState('');
  const sprintId = chosenSprintId === '' ? (sprints[0]?.id ?? '') : chosenSprintId;
  const sprint = sprints.find((candidate) => candidate.id === sprintId);
  const [title, setTitle] = useState<string | null>(null);
  const [date, setDate] = useState(todayIso());
  const [facilitatorName, setFacilitator] = useState(facilitator);
  const [attendees, setAttendees] = useState('');
  const [templateId, setTemplateId] = useState('');
  const { busy, fieldErrors, formError, submit } = useSubmit();
  const shownTitle = title ?? (sprint ? `${sprint.name} demo` : 'Sprint demo');
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit(async () => {
          const parsed = parseAttendeeLines(attendees);
          const firstProblem = parsed.problems[0];
          if (firstProblem)
            throw new ValidationError({ attendees: `${firstProblem.at}: ${firstProblem.message}` });
          const template = AGENDA_TEMPLATES.templates.find((t) => t.id === templateId);
          const demo = await createDemo(
            workspaceId,
            {
              sprintId,
              title: shownTitle,
              date,
              facilitator: facilitatorName,
              attendees: parsed.attendees,
            },
            template?.items ?? [],
          );
          onCreated(demo);
        });
      }}
    >
      <div className="form-grid">
        <SelectField
          label="Sprint"
          value={sprintId}
          onChange={(event) => setSprintId(event.target.value)}
          error={fieldErrors['sprintId']}
        >
          {sprints.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Demo title"
          value={shownTitle}
          onChange={(event) => setTitle(event.target.value)}
          error={fieldErrors['title']}
          maxLength={120}
        />
        <TextField
          label="Date"
          type="date"
          value={date}
          onChange={(event) => setDate(event.target.value)}
          error={fieldErrors['date']}
        />
        <TextField
          label="Facilitator"
          value={facilitatorName}
          onChange={(event) => setFacilitator(event.target.value)}
          error={fieldErrors['facilitator']}
          maxLength={120}
        />
      </div>
      <TextAreaField
        label="Attendees"
        value={attendees}
        onChange={(event) => setAttendees(event.target.value)}
        error={fieldErrors['attendees']}
        rows={3}
        hint="One per line, name and role: “Dana Reyes, auditor”, “Sam Patel (infosec)”, “Lee Wong, product owner”, “Kim Ito, developer”."
      />
      <SelectField
        label="Agenda template"
        value={templateId}
        onChange={(event) => setTemplateId(event.target.value)}
        hint={
          AGENDA_TEMPLATES.error ??
          'Start from a prepared agenda whose items are already linked to controls.'
        }
      >
        <option value="">No template: an empty agenda</option>
        {AGENDA_TEMPLATES.templates.map((template) => (
          <option key={template.id} value={template.id}>
            {template.name} ({counted(template.items.length, 'item')})
          </option>
        ))}
      </SelectField>
      <FormFooter error={formError} onCancel={onClose} disabled={busy || sprintId === ''}>
        Create demo
      </FormFooter>
    </form>
  );
}
