import { useId, useState } from 'react';
import { notify, notifyError } from '../../app/notifications';
import { readFileBytes, trustCertificates, untrust } from './commands';
import { useSigningState } from './identity';
import { counted } from '../../lib/format';

/** Certificates whose signatures the verifier treats as trusted: colleagues and CAs. */
export function TrustPanel() {
  const { trusted } = useSigningState();
  const inputId = useId();
  const [busy, setBusy] = useState(false);
  return (
    <section className="panel" aria-labelledby="trust-heading">
      <div className="panel-header">
        <h2 id="trust-heading">Trusted certificates</h2>
        <label htmlFor={inputId} className={busy ? 'button disabled' : 'button'}>
          Add certificate…
        </label>
        <input
          id={inputId}
          className="visually-hidden"
          type="file"
          accept=".pem,.crt,.cer,.der"
          aria-label="Add a trusted certificate (PEM or DER)"
          disabled={busy}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (!file) return;
            setBusy(true);
            readFileBytes(file)
              .then((bytes) => trustCertificates(bytes, ''))
              .then(
                (added) =>
                  notify(
                    'success',
                    added === 0 ? 'Already trusted.' : `${counted(added, 'certificate')} trusted.`,
                  ),
                (failure: unknown) => notifyError(failure, 'Could not add the certificate'),
              )
              .finally(() => setBusy(false));
          }}
        />
      </div>
      <p className="muted">
        Colleagues’ exported certificates and your organisation’s certificate authorities.
        Signatures by anyone else verify, but are shown as not trusted.
      </p>
      {trusted.length === 0 ? <p className="empty">No trusted certificates yet.</p> : null}
      {trusted.length > 0 ? (
        <ul className="card-list" aria-label="Trusted certificates">
          {trusted.map((entry) => (
            <li key={entry.fingerprint} className="card">
              <div>
                <strong>{entry.label}</strong>
                <div className="muted">{entry.subject}</div>
                <code className="hash">{entry.fingerprint}</code>
              </div>
              <button
                type="button"
                className="button small danger-quiet"
                aria-label={`Stop trusting ${entry.label}`}
                onClick={() =>
                  void untrust(entry.fingerprint).catch((failure: unknown) => notifyError(failure))
                }
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
