import { Link } from 'wouter';
import { roleAndOrganisation } from '../../../../core/model';
import { useCurrentPerson } from './queries';

/** Who is using the app, at the top of the sidebar; opens Settings → You to switch. */
export function PersonBadge() {
  const person = useCurrentPerson().data;
  if (!person) return null;
  return (
    <Link
      href="/settings"
      className="person-badge"
      aria-label={`Using Demo Ledger: ${person.name}, ${roleAndOrganisation(person)}. Open Settings to switch.`}
    >
      <span className="person-name">{person.name}</span>
      <span className="person-role">{roleAndOrganisation(person)}</span>
    </Link>
  );
}
