import type { IdentityInfo } from '../../../../core/ipc/contract';
import { notify, notifyError } from '../../app/notifications';
import { formatDayOf } from '../../lib/format';
import { exportCertificate, forgetPassphrase, lockIdentities } from './commands';

export type IdentityAction = 'unlock' | 'claim' | 'remove';

/** One signing identity: its certificate, how its key is kept, and what can be done with it. */
export function IdentityCard({
  identity,
  label,
  own,
  onAction,
}: {
  identity: IdentityInfo;
  label: string;
  /** The person at the keyboard's own: they may unlock, lock and delete it. */
  own: boolean;
  onAction: (action: IdentityAction, identity: IdentityInfo) => void;
}) {
  const { certificate } = identity;
  const fail = (failure: unknown): void => notifyError(failure);
  return (
    <li className="card identity-card" aria-label={label}>
      <dl className="facts">
        <div>
          <dt>Subject</dt>
          <dd>{certificate.subject}</dd>
        </div>
        <div>
          <dt>Issued by</dt>
          <dd>{certificate.selfSigned ? 'Self-signed' : certificate.issuer}</dd>
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
            {formatDayOf(certificate.notBefore)} – {formatDayOf(certificate.notAfter)}
          </dd>
        </div>
        <div>
          <dt>Fingerprint (SHA-256)</dt>
          <dd>
            <code className="hash">{certificate.fingerprint}</code>
          </dd>
        </div>
        {own ? (
          <div>
            <dt>Passphrase</dt>
            <dd>
              {identity.remembered
                ? 'Remembered in the keychain'
                : identity.unlocked
                  ? 'Unlocked: automatic backups are signed with it'
                  : 'Asked for at each signature'}
            </dd>
          </div>
        ) : null}
      </dl>
      <div className="row-actions">
        <button
          type="button"
          className="button small"
          onClick={() =>
            void exportCertificate(
              identity.certificatePem,
              certificate.commonName || certificate.subject,
            ).then((path) => path && notify('success', `Certificate saved to ${path}.`), fail)
          }
        >
          Export certificate (PEM)
        </button>
        {identity.owner === null ? (
          <button
            type="button"
            className="button small"
            onClick={() => onAction('claim', identity)}
          >
            This is mine…
          </button>
        ) : null}
        {own && !identity.remembered ? (
          identity.unlocked ? (
            <button
              type="button"
              className="button small"
              onClick={() => void lockIdentities(certificate.fingerprint).catch(fail)}
            >
              Lock
            </button>
          ) : (
            <button
              type="button"
              className="button small"
              onClick={() => onAction('unlock', identity)}
            >
              Unlock for backups…
            </button>
          )
        ) : null}
        {own && identity.remembered ? (
          <button
            type="button"
            className="button small"
            onClick={() => void forgetPassphrase(certificate.fingerprint).catch(fail)}
          >
            Forget passphrase
          </button>
        ) : null}
        {own || identity.owner === null ? (
          <button
            type="button"
            className="button small danger-quiet"
            onClick={() => onAction('remove', identity)}
          >
            Delete identity
          </button>
        ) : null}
      </div>
    </li>
  );
}
