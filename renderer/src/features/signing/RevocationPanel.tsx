import { counted, formatDateTime } from '../../lib/format';
import { addRevocationLists, removeRevocationList } from './commands';
import { FilesPanel } from './FilesPanel';
import { useSigningState } from './identity';

/**
 * Certificate revocation lists from the CAs you trust: sign-off checks consult them to say
 * whether a signer's certificate was revoked; without one of its issuer, they say revocation
 * was not checked.
 */
export function RevocationPanel() {
  const { revocations } = useSigningState();
  return (
    <FilesPanel
      title="Revocation lists"
      description="Revocation lists (CRLs) your certificate authorities publish. Sign-offs are checked against the list of their signer’s issuer; without one, a sign-off says its revocation was not checked. A newer list of the same issuer replaces the older one."
      empty="No revocation lists: revocation of signers’ certificates is not checked."
      accept=".crl,.pem,.der"
      inputLabel="Add a revocation list (PEM or DER)"
      addLabel="Add revocation list…"
      added={(count) =>
        count === 0
          ? 'Nothing newer than the lists you have.'
          : `${counted(count, 'revocation list')} added.`
      }
      items={revocations.map((entry) => ({
        key: entry.fingerprint,
        title: entry.label,
        detail: `${entry.issuer}; issued ${formatDateTime(entry.thisUpdate)}${entry.nextUpdate ? `, next due ${formatDateTime(entry.nextUpdate)}` : ''}; ${counted(entry.revoked, 'certificate')} revoked`,
        hash: entry.fingerprint,
      }))}
      add={addRevocationLists}
      remove={removeRevocationList}
      removeLabel={(item) => `Stop consulting ${item.title}`}
    />
  );
}
