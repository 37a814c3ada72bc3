import { useState } from 'react';
import type { AgendaItem, ControlRef } from '../../../../core/model';
import { Dialog } from '../../components/Dialog';
import { TextAreaField, TextField } from '../../components/Field';
import { useSubmit } from '../../components/useSubmit';
import { addAgendaItem, updateAgendaItem } from './commands';
import { ControlField } from './ControlField';
import { useDemoSlots } from './slots';
import { FormFooter } from '../../components/FormFooter';
import { errorUnder } from '../../lib/validation';

interface Props {
  open: boolean;
  onClose: () => void;
  demoId: string;
  workspaceId: string;
  /** Edit this item; add one when absent. */
  item?: AgendaItem | undefined;
}

export function ItemDialog(props: Props) {
  return (
    <Dialog
      open={props.open}
      title={props.item ? 'Edit agenda item' : 'Add agenda item'}
      onClose={props.onClose}
      wide
    >
      <ItemForm {...props} />
    </Dialog>
  );
}

function ItemForm({ onClose, demoId, workspaceId, item }: Props) {
  const [key, setKey] = useState(item?.key ?? '');
  const [title, setTitle] = useState(item?.title ?? '');
  const [owner, setOwner] = useState(item?.owner ?? '');
  const [description, setDescription] = useState(item?.description ?? '');
  const [links, setLinks] = useState((item?.links ?? []).join('\n'));
  const [controls, setControls] = useState<ControlRef[]>(item?.controls ?? []);
  const { busy, fieldErrors, formError, submit } = useSubmit();
  const { evidence } = useDemoSlots();
  const linkError = errorUnder(fieldErrors, 'links');
  const controlError = errorUnder(fieldErrors, 'controls');
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const draft = {
          key,
          title,
          owner,
          description,
          links: links.split(/\s+/).filter(Boolean),
          controls,
        };
        void submit(async () => {
          if (item) await updateAgendaItem(item.id, draft, evidence);
          else await addAgendaItem(demoId, draft);
        }).then((done) => {
          if (done) onClose();
        });
      }}
    >
      <div className="form-grid">
        <TextField
          label="Key"
          value={key}
          onChange={(event) => setKey(event.target.value)}
          error={fieldErrors['key']}
          hint="The story or increment id, e.g. PAY-142 (optional)."
          maxLength={64}
        />
        <TextField
          label="Owner"
          value={owner}
          onChange={(event) => setOwner(event.target.value)}
          error={fieldErrors['owner']}
          maxLength={120}
        />
      </div>
      <TextField
        label="Title"
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        error={fieldErrors['title']}
        maxLength={300}
        required
      />
      <TextAreaField
        label="Description"
        value={description}
        onChange={(event) => setDescription(event.target.value)}
        error={fieldErrors['description']}
        rows={3}
      />
      <TextAreaField
        label="Links"
        value={links}
        onChange={(event) => setLinks(event.target.value)}
        error={linkError}
        rows={2}
        hint="http(s) addresses, one per line: the story, the pull request, the pipeline run."
      />
      <ControlField
        label="Controls"
        value={controls}
        onChange={setControls}
        workspaceId={workspaceId}
        error={controlError}
      />
      <FormFooter error={formError} onCancel={onClose} disabled={busy}>
        {item ? 'Save item' : 'Add item'}
      </FormFooter>
    </form>
  );
}
