import { useState } from 'react';
import type { Team } from '../../../../core/model';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { useSubmit } from '../../components/useSubmit';
import { createTeam, updateTeam } from './commands';
import { FormFooter } from '../../components/FormFooter';

interface Props {
  open: boolean;
  onClose: () => void;
  workspaceId: string;
  team?: Team | undefined;
}

export function TeamDialog({ open, onClose, workspaceId, team }: Props) {
  return (
    <Dialog open={open} title={team ? 'Edit team' : 'New team'} onClose={onClose}>
      <TeamForm workspaceId={workspaceId} team={team} onDone={onClose} />
    </Dialog>
  );
}

function TeamForm({
  workspaceId,
  team,
  onDone,
}: {
  workspaceId: string;
  team?: Team | undefined;
  onDone: () => void;
}) {
  const [name, setName] = useState(team?.name ?? '');
  const [product, setProduct] = useState(team?.product ?? '');
  const { busy, fieldErrors, formError, submit } = useSubmit();
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit(async () => {
          if (team) await updateTeam(team.id, { name, product });
          else await createTeam(workspaceId, { name, product });
        }).then((done) => {
          if (done) onDone();
        });
      }}
    >
      <TextField
        label="Team name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={fieldErrors['name']}
        required
        maxLength={120}
      />
      <TextField
        label="Product"
        value={product}
        onChange={(event) => setProduct(event.target.value)}
        error={fieldErrors['product']}
        maxLength={120}
        hint="The product or service this team builds."
      />
      <FormFooter error={formError} onCancel={onDone} disabled={busy}>
        {team ? 'Save' : 'Add team'}
      </FormFooter>
    </form>
  );
}
