import { FormError } from '../../components/FormFooter';
import { ConnectionPanel } from './ConnectionPanel';
import { CredentialsPanel } from './CredentialsPanel';
import { OutboxPanel } from './OutboxPanel';
import { useLockerState } from './queries';
import { TestPanel } from './TestPanel';
import { VerifyLockerPanel } from './VerifyLockerPanel';

/**
 * Settings → Team locker (`/settings/locker`): the connection, the credentials, a test that
 * names what is missing, the outbox of bundles published from this computer, and a check of
 * the whole locker.
 */
export function LockerPage() {
  const { state, error, set } = useLockerState();
  return (
    <div className="page">
      <header className="page-header">
        <h1>Team locker</h1>
        <p className="lead">
          A bucket with Object Lock where the team’s signed audit bundles and pipeline evidence are
          kept for years: nobody can change or delete them before their retention ends.
        </p>
      </header>
      <FormError message={error} />
      {state ? (
        <>
          <ConnectionPanel state={state} onSaved={set} />
          <CredentialsPanel state={state} onChanged={set} />
          <TestPanel />
          <OutboxPanel />
          <VerifyLockerPanel />
        </>
      ) : null}
    </div>
  );
}
