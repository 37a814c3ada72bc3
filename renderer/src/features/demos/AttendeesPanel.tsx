import { useState } from 'react';
import type { AttendeeRole, Demo } from '../../../../core/model';
import { ATTENDEE_ROLES, ROLE_LABELS } from '../../../../core/model';
import { notifyError } from '../../app/notifications';
import { SelectField, TextField } from '../../components/Field';
import { useSubmit } from '../../components/useSubmit';
import { addAttendee, removeAttendee, setAttendeePresent } from './commands';
import { FormError } from '../../components/FormFooter';

/** Who attends, in which role, and who is present; editable until sign-off. */
export function AttendeesPanel({ demo, editable }: { demo: Demo; editable: boolean }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<AttendeeRole>('developer');
  const { busy, fieldErrors, formError, submit } = useSubmit();
  return (
    <section className="panel" aria-labelledby="attendees-heading">
      <div className="panel-header">
        <h2 id="attendees-heading">Attendees</h2>
        <span className="muted">
          {demo.attendees.filter((attendee) => attendee.present).length} of {demo.attendees.length}{' '}
          present
        </span>
      </div>
      {demo.attendees.length === 0 ? <p className="empty">No attendees yet.</p> : null}
      <ul className="attendee-list" aria-label="Attendees">
        {demo.attendees.map((attendee) => (
          <li key={attendee.id} className="attendee">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={attendee.present}
                disabled={!editable}
                onChange={(event) =>
                  void setAttendeePresent(demo.id, attendee.id, event.target.checked).catch(
                    (error: unknown) => notifyError(error),
                  )
                }
              />
              <span>{attendee.name}</span>
            </label>
            <span className={`role-tag role-${attendee.role}`}>{ROLE_LABELS[attendee.role]}</span>
            {editable ? (
              <button
                type="button"
                className="button small danger-quiet"
                aria-label={`Remove ${attendee.name}`}
                onClick={() =>
                  void removeAttendee(demo.id, attendee.id).catch((error: unknown) =>
                    notifyError(error),
                  )
                }
              >
                Remove
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {editable ? (
        <form
          className="inline-form"
          noValidate
          aria-label="Add attendee"
          onSubmit={(event) => {
            event.preventDefault();
            void submit(() => addAttendee(demo.id, { name, role })).then((done) => {
              if (done) setName('');
            });
          }}
        >
          <TextField
            label="Attendee name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            error={fieldErrors['name']}
            maxLength={120}
          />
          <SelectField
            label="Role"
            value={role}
            onChange={(event) => setRole(event.target.value as AttendeeRole)}
          >
            {ATTENDEE_ROLES.map((value) => (
              <option key={value} value={value}>
                {ROLE_LABELS[value]}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button" disabled={busy}>
            Add attendee
          </button>
          <FormError message={formError} />
        </form>
      ) : null}
    </section>
  );
}
