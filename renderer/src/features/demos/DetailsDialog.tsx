import { useState } from 'react';
import type { Demo } from '../../../../core/model';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { useSubmit } from '../../components/useSubmit';
import { updateDemoDetails } from './commands';
import { FormFooter } from '../../components/FormFooter';

interface Props {
  open: boolean;
  onClose: () => void;
  demo: Demo;
}

export function DetailsDialog(props: Props) {
  return (
    <Dialog open={props.open} title="Demo details" onClose={props.onClose}>
      <DetailsForm {...props} />
    </Dialog>
  );
}

function DetailsForm({ onClose, demo }: Props) {
  const [title, setTitle] = useState(demo.title);
  const [date, setDate] = useState(demo.date);
  const [facilitator, setFacilitator] = useState(demo.facilitator);
  const { busy, fieldErrors, formError, submit } = useSubmit();
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit(() => updateDemoDetails(demo.id, { title, date, facilitator })).then((done) => {
          if (done) onClose();
        });
      }}
    >
      <TextField
        label="Demo title"
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        error={fieldErrors['title']}
        maxLength={120}
      />
      <TextField
        label="Date"
        type="date"
        value={date}
        onChange={(event) => setDate(event.target.value)}
        error={fieldErrors['date']}
      />
      <TextField
        label="Facilitator"
        value={facilitator}
        onChange={(event) => setFacilitator(event.target.value)}
        error={fieldErrors['facilitator']}
        maxLength={120}
      />
      <FormFooter error={formError} onCancel={onClose} disabled={busy}>
        Save details
      </FormFooter>
    </form>
  );
}
