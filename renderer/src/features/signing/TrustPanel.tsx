import { db } from '../../db';
import { counted } from '../../lib/format';
import { useQuery } from '../../lib/useQuery';
import { trustCertificates, untrust } from './commands';
import { FilesPanel } from './FilesPanel';
import { useSigningState } from './identity';

/** Certificates whose signatures the verifier treats as trusted: colleagues and CAs. */
export function TrustPanel() {
  const { trusted } = useSigningState();
  const pipelines = useQuery(pipelineSigners, []);
  return (
    <FilesPanel
      title="Trusted certificates"
      description="Colleagues’ exported certificates, pipelines’ CI identities (marked “pipeline” once they signed evidence you imported) and your organisation’s certificate authorities. Signatures by anyone else verify, but are shown as not trusted."
      empty="No trusted certificates yet."
      accept=".pem,.crt,.cer,.der"
      inputLabel="Add a trusted certificate (PEM or DER)"
      addLabel="Add certificate…"
      added={(count) =>
        count === 0 ? 'Already trusted.' : `${counted(count, 'certificate')} trusted.`
      }
      items={trusted.map((entry) => ({
        key: entry.fingerprint,
        title: entry.label,
        detail: entry.subject,
        hash: entry.fingerprint,
        ...(pipelines.data?.has(entry.fingerprint) ? { badge: 'pipeline' } : {}),
      }))}
      add={(bytes) => trustCertificates(bytes, '')}
      remove={untrust}
      removeLabel={(item) => `Stop trusting ${item.title}`}
    />
  );
}

/** Fingerprints of the CI identities that signed evidence bundles imported here. */
async function pipelineSigners(): Promise<Set<string>> {
  const signers = new Set<string>();
  await db.evidence.each((row) => {
    for (const entry of row.custody ?? []) signers.add(entry.signer.fingerprint);
  });
  return signers;
}
