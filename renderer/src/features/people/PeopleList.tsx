import type { ReactNode } from 'react';
import type { Person } from '../../../../core/model';
import { roleAndOrganisation } from '../../../../core/model';
import { notify, notifyError } from '../../app/notifications';
import { switchPerson } from './commands';

/**
 * People to switch to: each with their role and organisation, a button that puts them at the
 * keyboard (`switchLabel`, greeting them with `welcome`), and any `actions` of the caller's.
 */
export function PeopleList({
  title,
  people,
  switchLabel,
  welcome,
  actions,
  level = 2,
}: {
  title: string;
  /** The title's heading level where the list stands. */
  level?: 2 | 3;
  people: readonly Person[];
  switchLabel: (person: Person) => { text: string; label: string };
  welcome: (person: Person) => string;
  actions?: (person: Person) => ReactNode;
}) {
  if (people.length === 0) return null;
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <>
      <Heading>{title}</Heading>
      <ul className="card-list" aria-label={title}>
        {people.map((person) => {
          const button = switchLabel(person);
          return (
            <li key={person.id} className="card">
              <span>
                <strong>{person.name}</strong>{' '}
                <span className="muted">{roleAndOrganisation(person)}</span>
              </span>
              <div className="row-actions">
                <button
                  type="button"
                  className="button small"
                  aria-label={button.label}
                  onClick={() =>
                    void switchPerson(person.id).then(
                      (switched) => notify('success', welcome(switched)),
                      (error: unknown) => notifyError(error),
                    )
                  }
                >
                  {button.text}
                </button>
                {actions?.(person)}
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
