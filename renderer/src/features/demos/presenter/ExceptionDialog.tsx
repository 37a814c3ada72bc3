import type { ControlRef } from '../../../../../core/model';
import { Dialog } from '../../../components/Dialog';
import { SelectField, TextField } from '../../../components/Field';
import { useSubmit } from '../../../components/useSubmit';
import { addDays, todayIso } from '../../../lib/format';
import { draftKeys, useDraft } from '../drafts';
import { setVerdict } from '../record-commands';
import { useDemoSlots } from '../slots';
import { FormFooter } from '../../../components/FormFooter';

interface Props {
  open: boolean;
  onClose: () => void;
  demoId: string;
  itemId: string;
  control: ControlRef | null;
}

interface ExceptionDraft {
  reason: string;
  expires: string;
}

function isExceptionDraft(value: unknown): value is ExceptionDraft {
  const draft = value as Partial<ExceptionDraft> | null;
  return typeof draft?.reason === 'string' && typeof draft.expires === 'string';
}

/** Quick choices for a live meeting; any other date can be typed or picked. */
const EXPIRY_PRESETS = [30, 90, 180, 365] as const;

/** An exception needs a reason and an expiry; both are kept as a draft while typed. */
export function ExceptionDialog(props: Props) {
  return (
    <Dialog open={props.open} title="Exception" onClose={props.onClose}>
      {props.control ? <ExceptionForm {...props} control={props.control} /> : null}
    </Dialog>
  );
}

function ExceptionForm({ onClose, demoId, itemId, control }: Props & { control: ControlRef }) {
  const key = draftKeys.exception(demoId, itemId, control);
  const draft = useDraft<ExceptionDraft>(
    key,
    { reason: '', expires: addDays(todayIso(), 90) },
    isExceptionDraft,
  );
  const { busy, fieldErrors, formError, submit } = useSubmit();
  const { evidence } = useDemoSlots();
  const today = todayIso();
  const preset = EXPIRY_PRESETS.find((days) => addDays(today, days) === draft.value.expires);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit(async () => {
          await setVerdict(
            itemId,
            control,
            {
              verdict: 'exception',
              reason: draft.value.reason,
              expires: draft.value.expires || null,
            },
            evidence,
            key,
          );
          draft.reset();
        }).then((done) => {
          if (done) onClose();
        });
      }}
    >
      <p className="muted">
        For <code>{control}</code>. Until the expiry date the control counts as an accepted
        exception; from the day after, as not satisfied.
      </p>
      <TextField
        label="Reason"
        value={draft.value.reason}
        onChange={(event) => draft.set({ ...draft.value, reason: event.target.value })}
        error={fieldErrors['reason']}
        maxLength={2000}
        hint="Why the control is accepted as not met for now, and what compensates."
      />
      <SelectField
        label="Expires in"
        value={preset === undefined ? '' : String(preset)}
        onChange={(event) => {
          const days = Number(event.target.value);
          if (days > 0) draft.set({ ...draft.value, expires: addDays(today, days) });
        }}
      >
        {EXPIRY_PRESETS.map((days) => (
          <option key={days} value={days}>
            {days} days
          </option>
        ))}
        <option value="">Another date</option>
      </SelectField>
      <TextField
        label="Expires"
        type="date"
        value={draft.value.expires}
        min={today}
        onChange={(event) => draft.set({ ...draft.value, expires: event.target.value })}
        error={fieldErrors['expires']}
        hint="The last day the exception holds."
      />
      <FormFooter error={formError} onCancel={onClose} disabled={busy}>
        Record exception
      </FormFooter>
    </form>
  );
}
