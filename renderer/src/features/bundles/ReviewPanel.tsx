import { useState } from 'react';
import type { BundleRecord } from '../../../../core/bundle/records';
import type { SignedBundleFile } from '../../../../core/ipc/contract';
import { describeError, notifyError } from '../../app/notifications';
import { SelectField, TextAreaField } from '../../components/Field';
import { ValidationError } from '../../lib/validation';
import { addObservation, removeObservation } from './commands';
import { useObservations, useReviewTargets } from './queries';
import { startReviewExport } from './review';
import { useSigning } from '../signing/useSigning';
import { counted, formatDateTime } from '../../lib/format';

type Status =
  | { step: 'idle' }
  | { step: 'working'; text: string }
  | { step: 'done'; file: SignedBundleFile; records: number }
  | { step: 'failed'; message: string };

/**
 * Reviewing an imported bundle: observations on any of its records (or on the bundle as a
 * whole), then a co-signed review sent back. Changes made to the bundle's records anywhere in
 * the app since the import (a question answered, a verdict revised) go back with it.
 */
export function ReviewPanel({ row }: { row: BundleRecord }) {
  const reviewing = row.role === 'imported';
  return (
    <section className="review" aria-label={`Review of ${row.title}`}>
      <h3>{reviewing ? `Your review of ${row.title}` : `Observations on ${row.title}`}</h3>
      <ObservationList bundleId={row.bundleId} editable={reviewing} />
      {reviewing ? <ReviewActions row={row} /> : null}
    </section>
  );
}

function ObservationList({ bundleId, editable }: { bundleId: string; editable: boolean }) {
  const observations = useObservations(bundleId);
  if ((observations.data ?? []).length === 0) return <p className="empty">No observations yet.</p>;
  return (
    <ul className="card-list" aria-label="Observations">
      {(observations.data ?? []).map((observation) => (
        <li key={observation.id} className="card">
          <div>
            <div className="muted">
              {observation.target?.label ?? 'The bundle as a whole'} · {observation.author} ·{' '}
              {formatDateTime(observation.at)}
            </div>
            <div className="pre-wrap">{observation.text}</div>
          </div>
          {editable ? (
            <button
              type="button"
              className="button small danger-quiet"
              aria-label={`Remove the observation “${observation.text.slice(0, 40)}”`}
              onClick={() => void removeObservation(observation.id).catch(notifyError)}
            >
              Remove
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Adding observations, and sending the co-signed review back. */
function ReviewActions({ row }: { row: BundleRecord }) {
  const targets = useReviewTargets(row);
  const [target, setTarget] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState<Status>({ step: 'idle' });
  const { sign, dialog } = useSigning();
  const groups = [...new Set((targets.data ?? []).map((item) => item.group))];
  const add = async (): Promise<void> => {
    const chosen = (targets.data ?? []).find((item) => `${item.table}:${item.key}` === target);
    try {
      await addObservation({
        bundleRowId: row.id,
        target: chosen ? { table: chosen.table, key: chosen.key, label: chosen.label } : null,
        text,
      });
      setText('');
      setError(undefined);
    } catch (failure) {
      if (failure instanceof ValidationError) setError(Object.values(failure.fieldErrors)[0]);
      else notifyError(failure);
    }
  };
  const send = async (): Promise<void> => {
    setStatus({ step: 'working', text: 'Writing the review…' });
    try {
      const pending = await startReviewExport(row.id);
      setStatus({ step: 'working', text: 'Co-signing…' });
      const file = await sign((passphrase) => pending.sign(passphrase));
      if (file === null) {
        await pending.cancel();
        return setStatus({ step: 'idle' });
      }
      setStatus({ step: 'done', file, records: pending.records });
    } catch (failure) {
      setStatus({ step: 'failed', message: describeError(failure) });
    }
  };

  return (
    <>
      <form
        aria-label="Add an observation"
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <SelectField
          label="About"
          value={target}
          onChange={(event) => setTarget(event.target.value)}
        >
          <option value="">The bundle as a whole</option>
          {groups.map((group) => (
            <optgroup key={group} label={group}>
              {(targets.data ?? [])
                .filter((item) => item.group === group)
                .map((item) => (
                  <option key={`${item.table}:${item.key}`} value={`${item.table}:${item.key}`}>
                    {item.label}
                  </option>
                ))}
            </optgroup>
          ))}
        </SelectField>
        <TextAreaField
          label="Observation"
          value={text}
          rows={3}
          error={error}
          onChange={(event) => setText(event.target.value)}
        />
        <div className="row-actions">
          <button type="submit" className="button">
            Add observation
          </button>
          <button
            type="button"
            className="button primary"
            disabled={status.step === 'working'}
            onClick={() => void send()}
          >
            Co-sign and export reviewed bundle…
          </button>
        </div>
      </form>
      <ReviewStatus status={status} />
      {dialog}
    </>
  );
}

function ReviewStatus({ status }: { status: Status }) {
  if (status.step === 'working')
    return (
      <p className="muted" role="status" aria-live="polite">
        {status.text}
      </p>
    );
  if (status.step === 'failed')
    return (
      <p className="form-error" role="alert">
        {status.message}
      </p>
    );
  if (status.step !== 'done') return null;
  return (
    <p className="verdict verdict-good" role="status">
      Reviewed bundle saved with your co-signature (
      {counted(status.records, 'changed or added record')}): <code>{status.file.path}</code>. Send
      it back to the auditor who exported it.
    </p>
  );
}
