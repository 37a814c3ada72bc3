import { useState } from 'react';
import type { Person } from '../../../../core/model';
import { notify } from '../../app/notifications';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog } from '../../components/Dialog';
import { addPerson, removePerson, updatePerson } from './commands';
import { PersonForm } from './PersonForm';
import { PeopleList } from './PeopleList';
import { useCurrentPerson, usePeople } from './queries';

/**
 * Settings → You: the person at the keyboard (name, role, organisation: changes are audited),
 * and the other people who use this computer, to switch to, add or remove.
 */
export function YouPanel() {
  const current = useCurrentPerson();
  const people = usePeople();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Person | null>(null);
  const you = current.data ?? null;
  const others = (people.data ?? []).filter((person) => person.id !== you?.id);
  return (
    <section className="panel" aria-labelledby="profile-heading">
      <div className="panel-header">
        <h2 id="profile-heading">You</h2>
        <button type="button" className="button" onClick={() => setAdding(true)}>
          Add a person…
        </button>
      </div>
      {you ? (
        <PersonForm
          // A new form when the person at the keyboard changes.
          key={you.id}
          label="About you"
          person={you}
          submitLabel="Save"
          onSubmit={async (draft) => {
            await updatePerson(you.id, draft);
            notify('success', 'Saved. From now on the audit log records this name.');
          }}
        />
      ) : null}
      <PeopleList
        title="Others on this computer"
        level={3}
        people={others}
        switchLabel={(person) => ({ text: 'Switch to', label: `Switch to ${person.name}` })}
        welcome={(person) => `${person.name} is now using Demo Ledger.`}
        actions={(person) => (
          <button
            type="button"
            className="button small danger-quiet"
            aria-label={`Remove ${person.name}`}
            onClick={() => setRemoving(person)}
          >
            Remove
          </button>
        )}
      />
      <Dialog open={adding} title="Add a person" onClose={() => setAdding(false)}>
        {adding ? (
          <PersonForm
            label="New person"
            submitLabel="Add and switch to them"
            onCancel={() => setAdding(false)}
            onSubmit={async (draft) => {
              const person = await addPerson(draft);
              setAdding(false);
              notify('success', `${person.name} is now using Demo Ledger.`);
            }}
          />
        ) : null}
      </Dialog>
      <ConfirmDialog
        open={removing !== null}
        title="Remove a person"
        message={`${removing?.name ?? ''} will no longer be offered on this computer. What they recorded and signed stays, under their name.`}
        confirmLabel="Remove"
        onConfirm={async () => {
          if (removing) await removePerson(removing.id);
        }}
        onClose={() => setRemoving(null)}
      />
    </section>
  );
}
