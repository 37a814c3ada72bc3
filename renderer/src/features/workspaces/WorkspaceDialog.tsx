import { useState } from 'react';
import type { Workspace } from '../../../../core/model';
import { Dialog } from '../../components/Dialog';
import { TextAreaField, TextField } from '../../components/Field';
import { useSubmit } from '../../components/useSubmit';
import { notify } from '../../app/notifications';
import { createWorkspace, updateWorkspace } from './commands';
import { FormFooter } from '../../components/FormFooter';

interface Props {
  open: boolean;
  onClose: () => void;
  /** Edit this workspace; create a new one when absent. */
  workspace?: Workspace;
}

export function WorkspaceDialog({ open, onClose, workspace }: Props) {
  return (
    <Dialog open={open} title={workspace ? 'Edit workspace' : 'New workspace'} onClose={onClose}>
      <WorkspaceForm workspace={workspace} onDone={onClose} onCancel={onClose} />
    </Dialog>
  );
}

export function WorkspaceForm({
  workspace,
  onDone,
  onCancel,
}: {
  workspace?: Workspace | undefined;
  onDone: () => void;
  onCancel?: () => void;
}) {
  const [name, setName] = useState(workspace?.name ?? '');
  const [description, setDescription] = useState(workspace?.description ?? '');
  const { busy, fieldErrors, formError, submit } = useSubmit();
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit(async () => {
          if (workspace) await updateWorkspace(workspace.id, { name, description });
          else await createWorkspace({ name, description });
          notify('success', workspace ? 'Workspace saved.' : `Workspace “${name.trim()}” created.`);
        }).then((done) => {
          if (done) onDone();
        });
      }}
    >
      <TextField
        label="Name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={fieldErrors['name']}
        autoFocus
        required
        maxLength={120}
        placeholder="e.g. Payments platform audit 2026"
      />
      <TextAreaField
        label="Description"
        value={description}
        onChange={(event) => setDescription(event.target.value)}
        error={fieldErrors['description']}
        rows={3}
        hint="Scope, client, or anything an auditor should know first."
      />
      <FormFooter error={formError} onCancel={onCancel} disabled={busy}>
        {workspace ? 'Save' : 'Create workspace'}
      </FormFooter>
    </form>
  );
}
