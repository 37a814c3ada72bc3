import { useState } from 'react';
import type { Demo } from '../../../../core/model';
import { signOffBy } from '../../../../core/model';
import { Dialog } from '../../components/Dialog';
import { TextAreaField } from '../../components/Field';
import { useSubmit } from '../../components/useSubmit';
import { formatDateTime } from '../../lib/format';
import { editState } from '../../../../core/demo/rounds';
import { openAmendment } from './signoff';
import { FormFooter } from '../../components/FormFooter';

/** Says whether the record is signed off (and locked) or being amended, and offers an amendment. */
export function LockBanner({ demo }: { demo: Demo }) {
  const [amending, setAmending] = useState(false);
  const state = editState(demo);
  const amendment = demo.amendments.at(-1);
  if (demo.signOff === null) return null;
  return (
    <section
      className={state.editable ? 'lock-banner amending' : 'lock-banner'}
      aria-label="Sign-off status"
    >
      {state.editable && amendment ? (
        <p>
          <strong>Amendment {amendment.number} open</strong> since{' '}
          {formatDateTime(amendment.openedAt)} by {amendment.openedBy}: “{amendment.reason}”.
          Changes are recorded as part of it until it is signed off.
        </p>
      ) : (
        <>
          <p>
            <strong>Signed off</strong> by {signOffBy(demo.signOff)} on{' '}
            {formatDateTime(demo.signOff.at)}
            {demo.amendments.length > 0
              ? `, amended ${demo.amendments.length} ${demo.amendments.length === 1 ? 'time' : 'times'}`
              : ''}
            . The record is locked; changes need an amendment.
          </p>
          <button type="button" className="button small" onClick={() => setAmending(true)}>
            Open an amendment
          </button>
        </>
      )}
      <Dialog open={amending} title="Open an amendment" onClose={() => setAmending(false)}>
        <AmendmentForm demoId={demo.id} onDone={() => setAmending(false)} />
      </Dialog>
    </section>
  );
}

function AmendmentForm({ demoId, onDone }: { demoId: string; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const { busy, fieldErrors, formError, submit } = useSubmit();
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit(async () => {
          await openAmendment(demoId, reason);
        }).then((done) => {
          if (done) onDone();
        });
      }}
    >
      <TextAreaField
        label="Reason for the amendment"
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={fieldErrors['']}
        rows={3}
        hint="Recorded with the amendment and in the audit log. The amendment is signed off like the demo."
      />
      <FormFooter error={formError} onCancel={onDone} disabled={busy}>
        Open amendment
      </FormFooter>
    </form>
  );
}
