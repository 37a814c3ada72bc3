import { useState } from 'react';
import type { AttendeeRole, Demo, SignOff } from '../../../../core/model';
import { ROLE_LABELS } from '../../../../core/model';
import { describeError, notify } from '../../app/notifications';
import { SelectField, TextField } from '../../components/Field';
import { useSubmit } from '../../components/useSubmit';
import { currentActor } from '../../db';
import { formatDateTime } from '../../lib/format';
import { editState } from './lock';
import { signOffDemo, verifyDemoDigest } from './signoff';
import { FormFooter } from '../../components/FormFooter';

/** Signing off: who and when, pinned to the record's digest; or the sign-offs so far. */
export function SignOffPanel({ demo, warnings }: { demo: Demo; warnings: string[] }) {
  const state = editState(demo);
  return (
    <section className="panel signoff" aria-labelledby="signoff-heading">
      <h2 id="signoff-heading">Sign-off</h2>
      <SignOffHistory demo={demo} />
      {state.editable ? (
        <SignOffForm demo={demo} amendment={state.amendment} warnings={warnings} />
      ) : (
        <VerifyRecord demoId={demo.id} />
      )}
    </section>
  );
}

function SignOffLine({ label, signOff }: { label: string; signOff: SignOff }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        {signOff.by} ({ROLE_LABELS[signOff.role]}), {formatDateTime(signOff.at)}
        <code className="hash" title="SHA-256 of the record as signed">
          {signOff.digest}
        </code>
      </dd>
    </div>
  );
}

function SignOffHistory({ demo }: { demo: Demo }) {
  if (demo.signOff === null) return null;
  return (
    <dl className="facts" aria-label="Sign-offs">
      <SignOffLine label="Signed off" signOff={demo.signOff} />
      {demo.amendments.map((amendment) => (
        <div key={amendment.number}>
          <dt>Amendment {amendment.number}</dt>
          <dd>
            “{amendment.reason}” — opened by {amendment.openedBy},{' '}
            {formatDateTime(amendment.openedAt)}
            {amendment.signOff
              ? `; signed off by ${amendment.signOff.by}, ${formatDateTime(amendment.signOff.at)}`
              : '; open'}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function SignOffForm({
  demo,
  amendment,
  warnings,
}: {
  demo: Demo;
  amendment: number | null;
  warnings: string[];
}) {
  const auditor = demo.attendees.find((attendee) => attendee.role === 'auditor');
  const actor = currentActor();
  const [by, setBy] = useState(auditor?.name ?? (actor === 'unknown' ? '' : actor));
  const [role, setRole] = useState<AttendeeRole>('auditor');
  const [confirmed, setConfirmed] = useState(false);
  const { busy, fieldErrors, formError, submit } = useSubmit();
  const what = amendment === null ? 'the demo record' : `amendment ${amendment}`;
  return (
    <form
      noValidate
      aria-label="Sign off"
      onSubmit={(event) => {
        event.preventDefault();
        if (!confirmed) return;
        void submit(async () => {
          await signOffDemo(demo.id, { by, role });
          notify('success', `Signed off ${what}. The record is locked.`);
        });
      }}
    >
      {warnings.length > 0 ? (
        <ul className="signoff-warnings" aria-label="Before you sign">
          {warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      ) : null}
      <div className="form-grid">
        <TextField
          label="Signed off by"
          value={by}
          onChange={(event) => setBy(event.target.value)}
          error={fieldErrors['by']}
          maxLength={120}
        />
        <SelectField
          label="Role"
          value={role}
          onChange={(event) => setRole(event.target.value as AttendeeRole)}
          error={fieldErrors['role']}
        >
          <option value="auditor">{ROLE_LABELS.auditor}</option>
          <option value="infosec">{ROLE_LABELS.infosec}</option>
        </SelectField>
      </div>
      <label className="checkbox confirm">
        <input
          type="checkbox"
          checked={confirmed}
          onChange={(event) => setConfirmed(event.target.checked)}
        />
        <span>
          I attended this demo and {what} is complete and accurate. After sign-off it is locked;
          changes need a recorded amendment.
        </span>
      </label>
      <FormFooter error={formError} disabled={busy || !confirmed}>
        {amendment === null ? 'Sign off the demo' : `Sign off amendment ${amendment}`}
      </FormFooter>
    </form>
  );
}

function VerifyRecord({ demoId }: { demoId: string }) {
  const [result, setResult] = useState<string | null>(null);
  return (
    <div className="verify-record">
      <button
        type="button"
        className="button"
        onClick={() =>
          void verifyDemoDigest(demoId).then(
            (matches) =>
              setResult(
                matches === null
                  ? 'Nothing signed to verify.'
                  : matches
                    ? 'The stored record matches the digest it was signed with.'
                    : 'The stored record no longer matches the digest it was signed with.',
              ),
            (error: unknown) => setResult(describeError(error)),
          )
        }
      >
        Verify the record against its sign-off
      </button>
      {result ? (
        <p
          role="status"
          className={result.includes('no longer') ? 'verdict verdict-bad' : 'verdict verdict-good'}
        >
          {result}
        </p>
      ) : null}
    </div>
  );
}
