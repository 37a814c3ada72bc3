import { useState } from 'react';
import type { LockerState } from '../../../../core/locker/app';
import { FormError } from '../../components/FormFooter';
import { TextField } from '../../components/Field';
import { useSubmit } from '../../components/useSubmit';
import { forgetCredentials, giveCredentials } from './commands';

interface Props {
  state: LockerState;
  onChanged: (state: LockerState) => void;
}

const KEPT = {
  none: 'No credentials given in this session.',
  session: 'Given for this session; asked for again after the app restarts.',
  keychain: 'Kept in the operating system’s keychain.',
} as const;

/**
 * The access key and secret, handed to main. They are remembered only where the operating
 * system's keychain can keep a secret; elsewhere (the browser host, a Linux desktop without a
 * keyring) they last for the session, and the checkbox says why.
 */
export function CredentialsPanel({ state, onChanged }: Props) {
  const { credentials } = state;
  const [accessKeyId, setAccessKeyId] = useState('');
  const [secretAccessKey, setSecretAccessKey] = useState('');
  const [remember, setRemember] = useState(false);
  const { busy, fieldErrors, formError, submit } = useSubmit();
  const canRemember = credentials.rememberProblem === null;
  return (
    <section className="panel" aria-labelledby="locker-credentials-heading">
      <h2 id="locker-credentials-heading">Credentials</h2>
      <p role="status">
        {KEPT[credentials.kept]}
        {credentials.accessKeyId ? (
          <>
            {' '}
            Access key <code>{credentials.accessKeyId}</code>.
          </>
        ) : null}
      </p>
      <form
        aria-label="Team locker credentials"
        onSubmit={(event) => {
          event.preventDefault();
          void submit(async () => {
            onChanged(await giveCredentials({ accessKeyId, secretAccessKey, remember }));
            setSecretAccessKey('');
          });
        }}
      >
        <div className="form-grid">
          <TextField
            label="Access key id"
            autoComplete="off"
            value={accessKeyId}
            error={fieldErrors['accessKeyId']}
            onChange={(event) => setAccessKeyId(event.target.value)}
          />
          <TextField
            label="Secret access key"
            type="password"
            autoComplete="off"
            value={secretAccessKey}
            error={fieldErrors['secretAccessKey']}
            onChange={(event) => setSecretAccessKey(event.target.value)}
          />
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={remember && canRemember}
            disabled={!canRemember}
            onChange={(event) => setRemember(event.target.checked)}
          />
          Remember them in the operating system’s keychain
        </label>
        {canRemember ? null : (
          <p className="muted">
            They cannot be remembered here: {credentials.rememberProblem} They last until the app
            closes.
          </p>
        )}
        <div className="row-actions">
          <button type="submit" className="button primary" disabled={busy}>
            Use these credentials
          </button>
          {credentials.kept === 'none' ? null : (
            <button
              type="button"
              className="button"
              onClick={() => void submit(async () => onChanged(await forgetCredentials()))}
            >
              Forget the credentials
            </button>
          )}
        </div>
        <FormError message={formError} />
      </form>
    </section>
  );
}
