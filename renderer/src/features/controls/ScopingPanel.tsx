import { useId, useState } from 'react';
import type { ScopeDecision } from '../../../../core/catalog/soa';
import type { Applicability } from '../../../../core/catalog/soa';
import { notify } from '../../app/notifications';
import { useSubmit } from '../../components/useSubmit';
import { formatDateTime } from '../../lib/format';
import { useCurrentWorkspace } from '../workspaces/queries';
import { clearScopeDecision, decideScope } from './commands';
import { useScopeDecision } from './queries';
import { FormError } from '../../components/FormFooter';

/** Applicable or not, with the justification: one line of the workspace's Statement of Applicability. */
export function ScopingPanel({ reference }: { reference: string }) {
  const workspace = useCurrentWorkspace();
  const workspaceId = workspace.data?.id;
  const decision = useScopeDecision(workspaceId, reference);
  const headingId = useId();
  const current = decision.data;
  if (!workspace.data)
    return (
      <aside className="panel scoping" aria-labelledby={headingId}>
        <h3 id={headingId}>Scope</h3>
        <p className="muted">Create a workspace to record whether this control applies.</p>
      </aside>
    );
  return (
    <aside className="panel scoping" aria-labelledby={headingId}>
      <h3 id={headingId}>Scope in {workspace.data.name}</h3>
      <p className="muted" role="status">
        {current
          ? `${current.applicability === 'applicable' ? 'Applicable' : 'Not applicable'} — decided by ${current.decidedBy} on ${formatDateTime(current.updatedAt)}`
          : 'Not decided yet.'}
      </p>
      {/* Keyed by the stored decision so the form restarts from it whenever it changes. */}
      <ScopeForm
        key={`${reference} ${current?.updatedAt ?? 'undecided'}`}
        workspaceId={workspace.data.id}
        reference={reference}
        current={current ?? null}
        fieldId={headingId}
      />
    </aside>
  );
}

function ScopeForm({
  workspaceId,
  reference,
  current,
  fieldId: headingId,
}: {
  workspaceId: string;
  reference: string;
  current: ScopeDecision | null;
  fieldId: string;
}) {
  const [applicability, setApplicability] = useState<Applicability>(
    current?.applicability ?? 'applicable',
  );
  const [justification, setJustification] = useState(current?.justification ?? '');
  const { busy, fieldErrors, formError, submit } = useSubmit();
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void submit(async () => {
          await decideScope(workspaceId, reference, { applicability, justification });
          notify('success', `Scope of ${reference.split('#')[1] ?? reference} saved.`);
        });
      }}
    >
      <fieldset className="choice-group">
        <legend>Does this control apply?</legend>
        {(['applicable', 'not-applicable'] as const).map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name="applicability"
              value={value}
              checked={applicability === value}
              onChange={() => setApplicability(value)}
            />
            {value === 'applicable' ? 'Applicable' : 'Not applicable'}
          </label>
        ))}
      </fieldset>
      <div className={fieldErrors['justification'] ? 'field field-invalid' : 'field'}>
        <label htmlFor={`${headingId}-justification`}>Justification</label>
        <textarea
          id={`${headingId}-justification`}
          rows={4}
          value={justification}
          aria-invalid={fieldErrors['justification'] ? true : undefined}
          aria-describedby={fieldErrors['justification'] ? `${headingId}-error` : undefined}
          onChange={(event) => setJustification(event.target.value)}
        />
        {fieldErrors['justification'] ? (
          <p id={`${headingId}-error`} className="field-error">
            {fieldErrors['justification']}
          </p>
        ) : null}
      </div>
      <FormError message={formError} />
      <div className="row-actions">
        <button type="submit" className="button primary" disabled={busy}>
          Save scope
        </button>
        {current ? (
          <button
            type="button"
            className="button ghost"
            disabled={busy}
            onClick={() => void submit(() => clearScopeDecision(current.workspaceId, reference))}
          >
            Clear decision
          </button>
        ) : null}
      </div>
    </form>
  );
}
