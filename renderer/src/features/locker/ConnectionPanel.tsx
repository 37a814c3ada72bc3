import { useState } from 'react';
import type { LockerState } from '../../../../core/locker/app';
import { FormError } from '../../components/FormFooter';
import { TextField } from '../../components/Field';
import { useSubmit } from '../../components/useSubmit';
import { saveLockerSettings } from './commands';

interface Props {
  state: LockerState;
  onSaved: (state: LockerState) => void;
}

/** Endpoint, bucket, region and the CA file the service's TLS certificate is checked against. */
export function ConnectionPanel({ state, onSaved }: Props) {
  const saved = state.settings;
  const [endpoint, setEndpoint] = useState(saved?.endpoint ?? '');
  const [bucket, setBucket] = useState(saved?.bucket ?? '');
  const [region, setRegion] = useState(saved?.region ?? 'us-east-1');
  const [ca, setCa] = useState<File | null | 'keep'>(saved?.ca ? 'keep' : null);
  const { busy, fieldErrors, formError, submit } = useSubmit();
  // What is shown is what is kept: the form says so, and stops saying it at the next edit.
  const unchanged =
    saved !== null &&
    saved.endpoint === endpoint.trim() &&
    saved.bucket === bucket.trim() &&
    saved.region === region.trim() &&
    (ca === 'keep' || (ca === null && saved.ca === null));
  return (
    <section className="panel" aria-labelledby="locker-connection-heading">
      <h2 id="locker-connection-heading">Connection</h2>
      <p className="muted">
        Any S3 service with Object Lock (AWS S3, Ceph RGW, MinIO). Leave the endpoint empty for AWS
        itself. The bucket is made a locker once, with <code>demo-ledger locker init</code>.
      </p>
      <form
        aria-label="Team locker connection"
        onSubmit={(event) => {
          event.preventDefault();
          void submit(async () => {
            const next = await saveLockerSettings({ endpoint, bucket, region }, ca);
            onSaved(next);
            if (next.settings?.ca) setCa('keep');
          });
        }}
      >
        <div className="form-grid">
          <TextField
            label="Endpoint"
            placeholder="https://s3.example.com"
            value={endpoint}
            error={fieldErrors['endpoint']}
            onChange={(event) => setEndpoint(event.target.value)}
          />
          <TextField
            label="Bucket"
            value={bucket}
            required
            error={fieldErrors['bucket']}
            onChange={(event) => setBucket(event.target.value)}
          />
          <TextField
            label="Region"
            value={region}
            error={fieldErrors['region']}
            onChange={(event) => setRegion(event.target.value)}
          />
          <TextField
            label="CA file (PEM)"
            type="file"
            accept=".pem,.crt,.cer"
            hint={
              ca === 'keep' && saved?.ca
                ? `Kept: ${saved.ca.name} (${saved.ca.subjects.join('; ')}). Choose another to replace it.`
                : 'Only when the service’s certificate is issued by your own CA.'
            }
            error={fieldErrors['ca'] ?? fieldErrors['data']}
            onChange={(event) => setCa(event.target.files?.[0] ?? (saved?.ca ? 'keep' : null))}
          />
        </div>
        <div className="row-actions">
          <button type="submit" className="button primary" disabled={busy}>
            Save connection
          </button>
          {ca === 'keep' ? (
            <button type="button" className="button" onClick={() => setCa(null)}>
              Use the system’s CAs instead
            </button>
          ) : null}
          <span role="status" className="muted">
            {unchanged ? 'Saved.' : saved ? 'Changed; not saved yet.' : 'Not set up yet.'}
          </span>
        </div>
        <FormError message={formError} />
      </form>
    </section>
  );
}
