import { useState } from 'react';
import type { Person, PersonDraft, PersonRole } from '../../../../core/model';
import { PERSON_ROLES, PERSON_ROLE_LABELS } from '../../../../core/model';
import { SelectField, TextField } from '../../components/Field';
import { FormFooter } from '../../components/FormFooter';
import { useSubmit } from '../../components/useSubmit';

/**
 * Name, role and organisation: the one form for the first run, Settings → You and adding a
 * person. `onSubmit` runs the command; failures become field and form messages.
 */
export function PersonForm({
  person,
  suggestedName = '',
  submitLabel,
  onSubmit,
  onCancel,
  label,
}: {
  person?: Pick<Person, 'name' | 'role' | 'organisation'> | null | undefined;
  /** Prefills an empty name (the name typed in an earlier version's settings). */
  suggestedName?: string;
  submitLabel: string;
  onSubmit: (draft: PersonDraft) => Promise<void>;
  onCancel?: () => void;
  /** The form's accessible name. */
  label: string;
}) {
  const [name, setName] = useState(person?.name ?? suggestedName);
  const [role, setRole] = useState<PersonRole | ''>(person?.role ?? '');
  const [organisation, setOrganisation] = useState(person?.organisation ?? '');
  const { busy, fieldErrors, formError, submit } = useSubmit();
  return (
    <form
      noValidate
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        void submit(() => onSubmit({ name, role: role as PersonRole, organisation }));
      }}
    >
      <div className="form-grid">
        <TextField
          label="Your name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={fieldErrors['name']}
          hint="As colleagues and auditors know you: it is recorded with everything you change."
          autoComplete="name"
          required
          maxLength={120}
        />
        <SelectField
          label="Role"
          value={role}
          onChange={(event) => setRole(event.target.value as PersonRole)}
          error={fieldErrors['role']}
          required
        >
          <option value="" disabled>
            Choose your role
          </option>
          {PERSON_ROLES.map((option) => (
            <option key={option} value={option}>
              {PERSON_ROLE_LABELS[option]}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Organisation"
          value={organisation}
          onChange={(event) => setOrganisation(event.target.value)}
          error={fieldErrors['organisation']}
          autoComplete="organization"
          maxLength={120}
        />
      </div>
      <FormFooter error={formError} onCancel={onCancel} disabled={busy}>
        {submitLabel}
      </FormFooter>
    </form>
  );
}
