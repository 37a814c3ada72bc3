import { useState } from 'react';
import type { SlaPolicy } from '../../../../core/model';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { FormFooter } from '../../components/FormFooter';
import { useSubmit } from '../../components/useSubmit';
import { saveSlaPolicy } from './commands';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function timeZones(current: string): string[] {
  const zones =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes(current) ? zones : [current, ...zones];
}

/** The workspace's SLA policy. New due dates follow it; issues already raised keep theirs. */
export function SlaPolicyDialog({
  open,
  workspaceId,
  policy,
  onClose,
}: {
  open: boolean;
  workspaceId: string;
  policy: SlaPolicy;
  onClose: () => void;
}) {
  return (
    <Dialog open={open} title="SLA policy" onClose={onClose} wide>
      <PolicyForm workspaceId={workspaceId} policy={policy} onClose={onClose} />
    </Dialog>
  );
}

function PolicyForm({
  workspaceId,
  policy,
  onClose,
}: {
  workspaceId: string;
  policy: SlaPolicy;
  onClose: () => void;
}) {
  const [timeZone, setTimeZone] = useState(policy.timeZone);
  const [workingDays, setWorkingDays] = useState<number[]>(policy.workingDays);
  const [endOfWorkingDay, setEndOfWorkingDay] = useState(policy.endOfWorkingDay);
  const [p1Hours, setP1Hours] = useState(String(policy.p1Hours));
  const [p3Days, setP3Days] = useState(String(policy.p3Days));
  const [p4Days, setP4Days] = useState(String(policy.p4Days));
  const [atRiskPercent, setAtRiskPercent] = useState(String(policy.atRiskPercent));
  const [holidays, setHolidays] = useState(policy.holidays.join(' '));
  const { busy, fieldErrors, formError, submit } = useSubmit();
  const toggleDay = (day: number) =>
    setWorkingDays((days) =>
      days.includes(day) ? days.filter((each) => each !== day) : [...days, day],
    );
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit(() =>
          saveSlaPolicy(workspaceId, {
            timeZone,
            workingDays,
            endOfWorkingDay,
            p1Hours: Number(p1Hours),
            p3Days: Number(p3Days),
            p4Days: Number(p4Days),
            atRiskPercent: Number(atRiskPercent),
            holidays: holidays.split(/[\s,]+/).filter((value) => value !== ''),
          }),
        ).then((done) => {
          if (done) onClose();
        });
      }}
    >
      <p className="muted">
        P1 is due a number of elapsed hours after it is raised. P2 is due at the end of the working
        week: the end of the last working day before a day off, or of the next week when raised
        after that (at the weekend, say). Days and ends of day are read on the clock of the time
        zone below, daylight saving included. New issues follow this policy; issues already raised
        keep their due dates.
      </p>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="sla-zone">Time zone</label>
          <select
            id="sla-zone"
            value={timeZone}
            onChange={(event) => setTimeZone(event.target.value)}
            aria-invalid={fieldErrors['timeZone'] ? true : undefined}
          >
            {timeZones(timeZone).map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
          {fieldErrors['timeZone'] ? (
            <p className="field-error">{fieldErrors['timeZone']}</p>
          ) : null}
        </div>
        <TextField
          label="End of the working day"
          type="time"
          value={endOfWorkingDay}
          onChange={(event) => setEndOfWorkingDay(event.target.value)}
          error={fieldErrors['endOfWorkingDay']}
        />
        <TextField
          label="P1 due within (hours)"
          type="number"
          min={1}
          max={168}
          value={p1Hours}
          onChange={(event) => setP1Hours(event.target.value)}
          error={fieldErrors['p1Hours']}
        />
        <TextField
          label="P3 due within (days)"
          type="number"
          min={1}
          max={365}
          value={p3Days}
          onChange={(event) => setP3Days(event.target.value)}
          error={fieldErrors['p3Days']}
        />
        <TextField
          label="P4 due within (days)"
          type="number"
          min={1}
          max={730}
          value={p4Days}
          onChange={(event) => setP4Days(event.target.value)}
          error={fieldErrors['p4Days']}
        />
        <TextField
          label="At risk when less than (% of the window) is left"
          type="number"
          min={1}
          max={90}
          value={atRiskPercent}
          onChange={(event) => setAtRiskPercent(event.target.value)}
          error={fieldErrors['atRiskPercent']}
        />
      </div>
      <fieldset className="weekday-picker">
        <legend>Working days</legend>
        {WEEKDAYS.map((name, index) => (
          <label key={name}>
            <input
              type="checkbox"
              checked={workingDays.includes(index + 1)}
              onChange={() => toggleDay(index + 1)}
            />{' '}
            {name}
          </label>
        ))}
        {fieldErrors['workingDays'] ? (
          <p className="field-error">{fieldErrors['workingDays']}</p>
        ) : null}
      </fieldset>
      <TextField
        label="Holidays"
        value={holidays}
        onChange={(event) => setHolidays(event.target.value)}
        error={Object.entries(fieldErrors).find(([path]) => path.startsWith('holidays'))?.[1]}
        hint="Dates that are not working days, e.g. 2026-12-25 2026-12-28"
      />
      <FormFooter error={formError} onCancel={onClose} disabled={busy}>
        Save policy
      </FormFooter>
    </form>
  );
}
