import { useState } from 'react';
import { Link } from 'wouter';
import type { DemoRecord } from '../../../../core/demo/digest';
import type { DemoSignature } from '../../../../core/model';
import { PERSON_ROLE_LABELS } from '../../../../core/model';
import { describeError, notify } from '../../app/notifications';
import { SelectField } from '../../components/Field';
import { FormFooter } from '../../components/FormFooter';
import { useSubmit } from '../../components/useSubmit';
import { useSetting } from '../settings/queries';
import { useSigningState } from '../signing/identity';
import { useSigning } from '../signing/useSigning';
import { editState, signOffRound } from '../../../../core/demo/rounds';
import { useDemoSignatures } from './queries';
import { SignOffHistory } from './SignOffHistory';
import { SignOffGuard } from './SignOffGuard';
import type { DemoHappenings } from '../../../../core/demo/happened';
import type { SignOffConcern } from '../../../../core/demo/sign-off-guard';
import { coversConcerns, signOffConcerns } from '../../../../core/demo/sign-off-guard';
import { todayIso } from '../../lib/format';
import { signOffDemo, verifyDemoDigest } from './signoff';

/**
 * Signing off: each person signs with their own identity (the key stays in main), every
 * signature listed with what its check says; or, once locked, the record checked against it.
 */
export function SignOffPanel({
  record,
  happened,
  warnings,
}: {
  record: DemoRecord;
  happened: DemoHappenings;
  warnings: string[];
}) {
  const { demo } = record;
  const signatures = useDemoSignatures(demo.id).data ?? [];
  return (
    <section className="panel signoff" aria-labelledby="signoff-heading">
      <h2 id="signoff-heading">Sign-off</h2>
      <SignOffHistory record={record} signatures={signatures} />
      <SignOffForm
        record={record}
        happened={happened}
        signatures={signatures}
        warnings={warnings}
      />
      {editState(demo).editable ? null : <VerifyRecord demoId={demo.id} />}
    </section>
  );
}

/**
 * The one place a sign-off is made: who signs (the person at the keyboard, with one of their
 * identities), the confirmation, and the signature.
 */
function SignOffForm({
  record,
  happened,
  signatures,
  warnings,
}: {
  record: DemoRecord;
  happened: DemoHappenings;
  signatures: readonly DemoSignature[];
  warnings: string[];
}) {
  const { mine, person, loaded } = useSigningState();
  const tsa = useSetting('tsaUrl');
  const [chosen, setChosen] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  // The list as it was when the signer ticked the box: a concern added since un-ticks it.
  const [acknowledged, setAcknowledged] = useState<readonly SignOffConcern[]>([]);
  const today = todayIso();
  const concerns = signOffConcerns(record, happened, today);
  const concernsAcknowledged = coversConcerns(acknowledged, concerns);
  const ready = confirmed && concernsAcknowledged;
  const { busy, formError, submit } = useSubmit();
  const { sign, dialog } = useSigning();
  const round = signOffRound(record.demo);
  if (!person || !loaded) return null;
  const already = signatures.some(
    (row) =>
      row.amendment === round.amendment &&
      (row.person.id === person.id ||
        mine.some((item) => item.certificate.fingerprint === row.signer.fingerprint)),
  );
  if (already) return <p className="muted">You have signed this off.</p>;
  if (mine.length === 0) {
    return (
      <p className="empty">
        Signing off is a signature: {person.name} needs a signing identity first.{' '}
        <Link href="~/settings">Create or import one in Settings → Signing identities</Link>.
      </p>
    );
  }
  const identity = mine.find((item) => item.certificate.fingerprint === chosen) ?? mine[0];
  const what = round.amendment === null ? 'the demo record' : `amendment ${round.amendment}`;
  const label =
    round.sealed !== null
      ? 'Add your signature'
      : round.amendment === null
        ? 'Sign off the demo'
        : `Sign off amendment ${round.amendment}`;
  return (
    <>
      <form
        noValidate
        aria-label="Sign off"
        onSubmit={(event) => {
          event.preventDefault();
          if (!ready || identity === undefined) return;
          void submit(async () => {
            const signature = await sign((passphrase) =>
              signOffDemo(record.demo.id, person, {
                identity: identity.certificate.fingerprint,
                passphrase,
                tsaUrl: tsa.data ?? '',
                acknowledged,
              }),
            );
            if (signature === null) return;
            setConfirmed(false);
            setAcknowledged([]);
            notify(
              'success',
              round.sealed === null
                ? `Signed off ${what} as ${signature.signer.commonName}. The record is locked.`
                : `Your signature on ${what} is recorded.`,
            );
          });
        }}
      >
        {warnings.length > 0 && round.sealed === null ? (
          <ul className="signoff-warnings" aria-label="Before you sign">
            {warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        ) : null}
        {round.sealed !== null ? (
          <p className="muted">
            {what.charAt(0).toUpperCase() + what.slice(1)} is signed off and unchanged since: you
            can add your signature.
          </p>
        ) : null}
        <SignOffGuard
          concerns={concerns}
          today={today}
          acknowledged={concerns.length > 0 && concernsAcknowledged}
          onAcknowledge={(checked) => setAcknowledged(checked ? concerns : [])}
        />
        <div className="form-grid">
          {mine.length > 1 ? (
            <SelectField
              label="Sign with"
              value={identity?.certificate.fingerprint ?? ''}
              onChange={(event) => setChosen(event.target.value)}
            >
              {mine.map((item) => (
                <option key={item.certificate.fingerprint} value={item.certificate.fingerprint}>
                  {item.certificate.subject} ({item.certificate.fingerprint.slice(0, 12)}…)
                </option>
              ))}
            </SelectField>
          ) : (
            <p>
              Signed by <strong>{identity?.certificate.subject}</strong>, as {person.name} (
              {PERSON_ROLE_LABELS[person.role]})
            </p>
          )}
        </div>
        <label className="checkbox confirm">
          <input
            type="checkbox"
            checked={confirmed}
            onChange={(event) => setConfirmed(event.target.checked)}
          />
          <span>
            I attended this demo and {what} is complete and accurate.
            {round.sealed === null
              ? ' After sign-off it is locked; changes need a recorded amendment.'
              : ''}
          </span>
        </label>
        <FormFooter error={formError} disabled={busy || !ready}>
          {busy ? 'Signing…' : label}
        </FormFooter>
      </form>
      {/* Outside the form: a form inside a form would submit the outer one. */}
      {dialog}
    </>
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
