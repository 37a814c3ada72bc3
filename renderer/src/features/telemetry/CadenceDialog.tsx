import { useState } from 'react';
import { z } from 'zod';
import type { SourceAssessment } from '../../../../core/telemetry/silence';
import { describeSource, formatDuration } from '../../../../core/telemetry/silence';
import { CadenceMinutes } from '../../../../core/telemetry/model';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { FormFooter } from '../../components/FormFooter';
import { useSubmit } from '../../components/useSubmit';
import { parseOrThrow } from '../../lib/validation';
import { formatNumber } from '../../lib/format';

interface Props {
  /** The source whose cadence is set; the dialog is closed while null. */
  source: SourceAssessment | null;
  onSave: (key: string, minutes: number | null) => Promise<void>;
  onClose: () => void;
}

const CadenceForm = z.object({ minutes: CadenceMinutes });

/** How often a source is expected to send a line: a number of minutes, or learned from history. */
export function CadenceDialog({ source, onSave, onClose }: Props) {
  return (
    <Dialog
      open={source !== null}
      title={source ? `Cadence of ${describeSource(source.source)}` : 'Cadence'}
      onClose={onClose}
    >
      {source ? <Form key={source.key} source={source} onSave={onSave} onClose={onClose} /> : null}
    </Dialog>
  );
}

function Form({ source, onSave, onClose }: Props & { source: SourceAssessment }) {
  const [minutes, setMinutes] = useState(
    source.cadence ? String(Math.max(1, Math.round(source.cadence.ms / 60_000))) : '',
  );
  const { busy, fieldErrors, formError, submit } = useSubmit();
  const learned =
    source.cadence?.origin === 'learned'
      ? `Learned from its history: a line at least every ${formatDuration(source.cadence.ms)}.`
      : source.cadence?.origin === 'set'
        ? 'Set by hand; learn it from history again to drop this.'
        : `Not enough history to learn it (${formatNumber(source.source.lines)} lines).`;
  /** `value` runs inside the submit, so its validation errors land on the field. */
  const save = (value: () => number | null) =>
    void submit(async () => {
      await onSave(source.key, value());
    }).then((done) => {
      if (done) onClose();
    });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const text = minutes.trim();
        save(
          () =>
            parseOrThrow(CadenceForm, { minutes: text === '' ? Number.NaN : Number(text) }).minutes,
        );
      }}
    >
      <TextField
        label="Expect a line at least every (minutes)"
        type="number"
        min={1}
        value={minutes}
        onChange={(event) => setMinutes(event.target.value)}
        hint={learned}
        error={fieldErrors['minutes']}
      />
      {source.cadence?.origin === 'set' ? (
        <p>
          <button type="button" className="button" onClick={() => save(() => null)} disabled={busy}>
            Learn from history
          </button>
        </p>
      ) : null}
      <FormFooter error={formError} disabled={busy} onCancel={onClose}>
        Save cadence
      </FormFooter>
    </form>
  );
}
