import { useState } from 'react';
import type { Sprint, Team } from '../../../../core/model';
import { Dialog } from '../../components/Dialog';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { useSubmit } from '../../components/useSubmit';
import { addDays, todayIso } from '../../lib/format';
import { createSprint, updateSprint } from './commands';
import { FormFooter } from '../../components/FormFooter';

interface Props {
  open: boolean;
  onClose: () => void;
  workspaceId: string;
  teams: readonly Team[];
  /** Edit this sprint; create one when absent. */
  sprint?: Sprint | undefined;
  /** Used to suggest the next sprint's name and dates. */
  latest?: Sprint | undefined;
}

export function SprintDialog(props: Props) {
  return (
    <Dialog
      open={props.open}
      title={props.sprint ? 'Edit sprint' : 'New sprint'}
      onClose={props.onClose}
      wide
    >
      <SprintForm {...props} />
    </Dialog>
  );
}

/** Suggests the sprint after `latest`: same length, starting the day after it ended. */
export function suggestNextSprint(
  latest: Sprint | undefined,
  today: string,
): { name: string; startDate: string; endDate: string } {
  if (!latest) return { name: 'Sprint 1', startDate: today, endDate: addDays(today, 13) };
  const number = /(?<!\d)(\d+)\s*$/.exec(latest.name);
  const name = number?.[1]
    ? latest.name.replace(/(?<!\d)(\d+)\s*$/, String(Number(number[1]) + 1))
    : `${latest.name} (next)`;
  const length = Math.max(
    0,
    Math.round((Date.parse(latest.endDate) - Date.parse(latest.startDate)) / 86_400_000),
  );
  const startDate = addDays(latest.endDate, 1);
  return { name, startDate, endDate: addDays(startDate, length) };
}

function SprintForm({ onClose, workspaceId, teams, sprint, latest }: Props) {
  const suggestion = suggestNextSprint(latest, todayIso());
  const [name, setName] = useState(sprint?.name ?? suggestion.name);
  const [teamId, setTeamId] = useState(sprint?.teamId ?? latest?.teamId ?? teams[0]?.id ?? '');
  const [startDate, setStartDate] = useState(sprint?.startDate ?? suggestion.startDate);
  const [endDate, setEndDate] = useState(sprint?.endDate ?? suggestion.endDate);
  const [goal, setGoal] = useState(sprint?.goal ?? '');
  const { busy, fieldErrors, formError, submit } = useSubmit();
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const draft = { name, goal, startDate, endDate, teamId: teamId === '' ? null : teamId };
        void submit(async () => {
          if (sprint) await updateSprint(sprint.id, draft);
          else await createSprint(workspaceId, draft);
        }).then((done) => {
          if (done) onClose();
        });
      }}
    >
      <div className="form-grid">
        <TextField
          label="Sprint name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={fieldErrors['name']}
          required
          maxLength={120}
        />
        <SelectField
          label="Team"
          value={teamId}
          onChange={(event) => setTeamId(event.target.value)}
          error={fieldErrors['teamId']}
        >
          <option value="">No team</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Start date"
          type="date"
          value={startDate}
          onChange={(event) => setStartDate(event.target.value)}
          error={fieldErrors['startDate']}
          required
        />
        <TextField
          label="End date"
          type="date"
          value={endDate}
          onChange={(event) => setEndDate(event.target.value)}
          error={fieldErrors['endDate']}
          required
        />
      </div>
      <TextAreaField
        label="Sprint goal"
        value={goal}
        onChange={(event) => setGoal(event.target.value)}
        error={fieldErrors['goal']}
        rows={3}
        hint="What the increment should demonstrate."
      />
      <FormFooter error={formError} onCancel={onClose} disabled={busy}>
        {sprint ? 'Save sprint' : 'Create sprint'}
      </FormFooter>
    </form>
  );
}
