import type { VerifyReport } from '../../../../core/ipc/contract';
import { trustReasonText } from '../../../../core/trust/explain';
import { counted, formatDateTime } from '../../lib/format';
import { useTrustAnchors } from '../signing/identity';

const HEADLINES: Readonly<Record<VerifyReport['verdict'], string>> = {
  valid: 'Valid: every signature verifies and every signer is trusted.',
  'valid-untrusted':
    'Not trusted: the signatures verify, but a signer is not in your trusted certificates.',
  invalid: 'Invalid: a signature or the embedded evidence does not verify.',
  tampered: 'Tampered: the file was changed after it was signed.',
  unsigned: 'This PDF carries no signature.',
  refused: 'Refused: the file exceeds what the verifier will read.',
};

function formatTime(value: string | null): string {
  if (value === null) return 'not stated';
  return formatDateTime(value);
}

/** What the verifier found, in words an auditor can repeat; never the file's content. */
export function VerificationView({ report, fileName }: { report: VerifyReport; fileName: string }) {
  const anchors = useTrustAnchors();
  const good = report.verdict === 'valid';
  return (
    <section className="verification" aria-label={`Verification of ${fileName}`}>
      <p className={good ? 'verdict verdict-good' : 'verdict verdict-bad'} role="status">
        {HEADLINES[report.verdict]}
      </p>
      {report.refused === null ? null : <p className="muted">Refused: {report.refused}.</p>}
      <ol className="signature-list" aria-label="Signatures">
        {report.signatures.map((signature, index) => (
          <li key={`${signature.fieldName}-${index}`} className="card signature-card">
            <h3>
              Signature {index + 1}:{' '}
              {signature.signer?.commonName || signature.signer?.subject || 'unknown signer'}{' '}
              <span className={signature.valid ? 'badge badge-good' : 'badge badge-bad'}>
                {signature.valid ? 'valid' : 'invalid'}
              </span>
            </h3>
            <dl className="facts">
              <div>
                <dt>Signed</dt>
                <dd>{formatTime(signature.claimedSigningTime)} (claimed by the signer)</dd>
              </div>
              {signature.timestamp ? (
                <div>
                  <dt>Timestamp</dt>
                  <dd>
                    {formatTime(signature.timestamp.time)} from{' '}
                    {signature.timestamp.authority || 'an unknown authority'}
                    {signature.timestamp.signatureValid && signature.timestamp.imprintMatches
                      ? ''
                      : ' — does not verify'}
                  </dd>
                </div>
              ) : null}
              <div>
                <dt>Covers</dt>
                <dd>
                  {signature.coversWholeDocument
                    ? 'The whole document'
                    : 'An earlier revision; a later signature follows'}
                </dd>
              </div>
              <div>
                <dt>Certificate</dt>
                <dd>
                  {signature.trust.trusted
                    ? `Trusted: ${trustReasonText(signature.trust.reason, anchors)}`
                    : `Not trusted (${signature.trust.problem})`}
                </dd>
              </div>
              <div>
                <dt>Type</dt>
                <dd>{signature.subFilter}</dd>
              </div>
            </dl>
            {signature.problems.length > 0 ? (
              <ul className="problem-list">
                {signature.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
      {report.tampering.detected ? (
        <div className="verdict verdict-bad">
          <p>Changes after signing:</p>
          <ul>
            {report.tampering.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {report.manifest.present && report.manifest.files.length === 0 ? (
        <p className="muted">Evidence manifest: no evidence files.</p>
      ) : null}
      {report.manifest.present && report.manifest.files.length > 0 ? (
        <p className="muted">
          Evidence manifest: {counted(report.manifest.files.length, 'file')},{' '}
          {report.manifest.files.filter((file) => file.status === 'match').length} embedded and
          matching their SHA-256
          {report.manifest.problems.length > 0 ? `; ${report.manifest.problems.join('; ')}` : '.'}
        </p>
      ) : null}
      <p className="muted">
        File SHA-256 <code className="hash">{report.fileSha256}</code>
      </p>
    </section>
  );
}
