import '../reports/reports.css';
import { useEffect, useMemo, useState } from 'react';
import { getApi } from '../../app/api';
import { useRegisterCommands } from '../../app/commands/registry';
import { notify, notifyError } from '../../app/notifications';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatDate } from '../../lib/format';
import { exportCertificate, forgetPassphrase, removeIdentity } from './commands';
import { useSigningState } from './identity';
import { CreateIdentityDialog, ImportIdentityDialog } from './IdentityDialogs';
import { TrustPanel } from './TrustPanel';
import { FormError } from '../../components/FormFooter';

type Open = 'none' | 'create' | 'import' | 'remove';

/** Settings → Signing identity: create or import, export the certificate, trust colleagues. */
export function IdentityPanel() {
  const { identity, loaded, error } = useSigningState();
  const [open, setOpen] = useState<Open>('none');
  const [rememberProblem, setRememberProblem] = useState<string | null>(null);
  useEffect(() => {
    getApi()
      .appGetInfo()
      .then(
        (info) => setRememberProblem(info.secretStorageProblem),
        () => setRememberProblem('The app could not tell whether a keychain is available.'),
      );
  }, []);
  const commands = useMemo(
    () => [
      {
        id: 'identity.create',
        title: 'Create a signing identity',
        section: 'Signing',
        run: () => setOpen('create'),
      },
      {
        id: 'identity.import',
        title: 'Import a PKCS#12 signing identity',
        section: 'Signing',
        run: () => setOpen('import'),
      },
    ],
    [],
  );
  useRegisterCommands(commands);
  const close = (): void => setOpen('none');
  return (
    <>
      <section className="panel" aria-labelledby="identity-heading">
        <div className="panel-header">
          <h2 id="identity-heading">Signing identity</h2>
          <div className="row-actions">
            <button type="button" className="button" onClick={() => setOpen('import')}>
              Import PKCS#12…
            </button>
            <button type="button" className="button primary" onClick={() => setOpen('create')}>
              {identity ? 'Replace identity…' : 'Create identity…'}
            </button>
          </div>
        </div>
        <FormError message={error} />
        {loaded && identity === null ? (
          <p className="empty">
            No signing identity yet. Create one, or import the PKCS#12 file your organisation
            issued, to sign reports.
          </p>
        ) : null}
        {identity ? (
          <>
            <dl className="facts" aria-label="Signing certificate">
              <div>
                <dt>Subject</dt>
                <dd>{identity.certificate.subject}</dd>
              </div>
              <div>
                <dt>Issued by</dt>
                <dd>
                  {identity.certificate.selfSigned ? 'Self-signed' : identity.certificate.issuer}
                </dd>
              </div>
              <div>
                <dt>Key</dt>
                <dd>
                  {identity.keyType === 'ecdsa' ? 'ECDSA' : 'RSA'},{' '}
                  {identity.source === 'pkcs12' ? 'imported' : 'generated here'}
                </dd>
              </div>
              <div>
                <dt>Valid</dt>
                <dd>
                  {formatDate(identity.certificate.notBefore.slice(0, 10))} –{' '}
                  {formatDate(identity.certificate.notAfter.slice(0, 10))}
                </dd>
              </div>
              <div>
                <dt>Fingerprint (SHA-256)</dt>
                <dd>
                  <code className="hash">{identity.certificate.fingerprint}</code>
                </dd>
              </div>
              <div>
                <dt>Passphrase</dt>
                <dd>
                  {identity.remembered
                    ? 'Remembered in the keychain'
                    : 'Asked for at each signature'}
                </dd>
              </div>
            </dl>
            <div className="row-actions">
              <button
                type="button"
                className="button"
                onClick={() =>
                  void exportCertificate(
                    identity.certificatePem,
                    identity.certificate.commonName,
                  ).then(
                    (path) => path && notify('success', `Certificate saved to ${path}.`),
                    (failure: unknown) => notifyError(failure),
                  )
                }
              >
                Export certificate (PEM)
              </button>
              {identity.remembered ? (
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    void forgetPassphrase().catch((failure: unknown) => notifyError(failure))
                  }
                >
                  Forget passphrase
                </button>
              ) : null}
              <button
                type="button"
                className="button danger-quiet"
                onClick={() => setOpen('remove')}
              >
                Delete identity
              </button>
            </div>
          </>
        ) : null}
      </section>
      <TrustPanel />
      <CreateIdentityDialog
        open={open === 'create'}
        onClose={close}
        rememberProblem={rememberProblem}
      />
      <ImportIdentityDialog
        open={open === 'import'}
        onClose={close}
        rememberProblem={rememberProblem}
      />
      <ConfirmDialog
        open={open === 'remove'}
        title="Delete signing identity"
        message="This deletes your private key from this computer. Reports you signed stay valid, but you cannot sign with this identity again."
        confirmLabel="Delete identity"
        onConfirm={removeIdentity}
        onClose={close}
      />
    </>
  );
}
