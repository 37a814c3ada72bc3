import { notify } from '../../app/notifications';
import { useSetting } from '../settings/queries';
import { addPerson } from './commands';
import { PersonForm } from './PersonForm';
import { PeopleList } from './PeopleList';
import { usePeople } from './queries';

/**
 * The first run's first question: who is using the app. Nothing is recorded before it is
 * answered, and the computer's account name is never used in its place. People the profile
 * already knows (after a restore, say) are offered first.
 */
export function WhoYouAreStep() {
  // The name typed in Settings before people were kept, if any: offered, never assumed.
  const earlierName = useSetting('userName');
  const people = usePeople();
  if (earlierName.data === undefined || people.data === undefined) return null;
  const known = people.data;
  return (
    <>
      <h1 id="first-run-heading">Who are you?</h1>
      <p className="lead">
        Demo Ledger records who judged, observed, attached and signed off everything. Tell it who
        you are; colleagues who share this computer add themselves later in Settings → You.
      </p>
      <PeopleList
        title="People this profile knows"
        people={known}
        switchLabel={(person) => ({ text: `I am ${person.name}`, label: `I am ${person.name}` })}
        welcome={(person) => `Welcome back, ${person.name}.`}
      />
      {known.length > 0 ? <h2>Someone else</h2> : null}
      <PersonForm
        label="Who you are"
        suggestedName={earlierName.data}
        submitLabel="Continue"
        onSubmit={async (draft) => {
          const person = await addPerson(draft);
          notify('success', `Welcome, ${person.name}.`);
        }}
      />
    </>
  );
}
