import type { ArchiveVerdict } from '../../../../core/archive/verify';
import type { BundleVerdict, SignatureVerdict } from '../../../../core/bundle/verify';
import { ProblemsVerdict } from '../../components/ProblemsVerdict';
import { trustReasonText } from '../../../../core/trust/explain';
import { counted, formatBytes, formatDateTime, formatNumber } from '../../lib/format';
import { useTrustAnchors } from '../signing/identity';
import { countOf } from './labels';

const COVERS: Readonly<Record<string, string>> = {
  sprint: 'A sprint, its demos and everything recorded in them',
  demo: 'One demo and everything recorded in it',
  period: 'The demos, evidence, issues and reports of a period',
};

/** Who signed a bundle, whether it is intact and trusted, and what it holds. */
export function VerdictView({ verdict }: { verdict: BundleVerdict }) {
  const { archive, info } = verdict;
  return (
    <div className="bundle-verdict">
      {verdict.ok ? (
        <p className="verdict verdict-good" role="status">
          Verified before anything was stored: every file matches its SHA-256, the audit history
          links up ({historyText(archive)}), every record matches its history, and every signature
          is intact.
        </p>
      ) : (
        <ProblemsVerdict
          lead="This bundle did not verify"
          problems={verdict.problems}
          fallback="unknown problem"
          outcome="Nothing was stored."
        />
      )}
      {info ? (
        <dl className="facts">
          <div>
            <dt>Bundle</dt>
            <dd>
              {info.title} · {info.workspace.name}
            </dd>
          </div>
          <div>
            <dt>Covers</dt>
            <dd>{COVERS[info.scope.kind]}</dd>
          </div>
          <div>
            <dt>Made</dt>
            <dd>
              {formatDateTime(archive.manifest?.createdAt)} by{' '}
              {archive.manifest?.createdBy || 'unknown'}
            </dd>
          </div>
          <div>
            <dt>Contents</dt>
            <dd>{contents(archive)}</dd>
          </div>
        </dl>
      ) : null}
      <table className="table" aria-label="Signatures">
        <thead>
          <tr>
            <th scope="col">Signature</th>
            <th scope="col">Signer</th>
            <th scope="col">Signed</th>
            <th scope="col">Intact</th>
            <th scope="col">Trusted</th>
          </tr>
        </thead>
        <tbody>
          <SignatureRow label="Exported" signature={verdict.signature} />
          {verdict.reviews.map((review) => (
            <SignatureRow
              key={review.number}
              label={`Review ${review.number}: ${contents(review.archive)}`}
              signature={review.signature}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function historyText(archive: ArchiveVerdict): string {
  const { checked, redacted } = archive.chain;
  return redacted > 0
    ? `${counted(checked, 'entry', 'entries')}, ${formatNumber(redacted)} of them about records outside the bundle and not shown`
    : counted(checked, 'entry', 'entries');
}

function contents(archive: ArchiveVerdict): string {
  const tables = (archive.manifest?.database.tables ?? []).filter(
    (table) => table.name !== 'auditLog' && table.rows > 0,
  );
  const records = tables.map((table) => countOf(table.name, table.rows));
  const blobs = archive.manifest?.blobs;
  if (blobs && blobs.count > 0)
    records.push(`${counted(blobs.count, 'file')} (${formatBytes(blobs.bytes)})`);
  return records.length > 0 ? records.join(', ') : 'no records';
}

function SignatureRow({ label, signature }: { label: string; signature: SignatureVerdict | null }) {
  const anchors = useTrustAnchors();
  if (signature === null) {
    return (
      <tr>
        <th scope="row">{label}</th>
        <td colSpan={4}>Not signed</td>
      </tr>
    );
  }
  const signer = signature.signer;
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>
        <strong>{signer?.commonName || signer?.subject || 'unknown'}</strong>
        {signer?.organisation ? `, ${signer.organisation}` : ''}
        <div className="muted">
          <code className="hash" title="SHA-256 of the certificate">
            {signer?.fingerprint ?? ''}
          </code>
        </div>
      </td>
      <td className="nowrap">{formatDateTime(signature.signedAt)}</td>
      <td>{signature.valid && signature.signerMatches ? 'Yes' : 'No'}</td>
      <td>
        {signature.trust.trusted
          ? `Yes: ${trustReasonText(signature.trust.reason, anchors)}`
          : `No: ${signature.trust.problem}`}
      </td>
    </tr>
  );
}
