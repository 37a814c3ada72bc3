import type { Custody } from '../../../../core/evidence-bundle/custody';
import { formatDateTime } from '../../lib/format';

/** Where a file came from when a pipeline's signed evidence bundle provided it. */
export function CustodyPanel({ custody }: { custody: readonly Custody[] }) {
  if (custody.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="custody-heading">
      <h2 id="custody-heading">Custody</h2>
      <ul className="custody-list">
        {[...custody].reverse().map((entry) => (
          <li key={entry.bundleId}>
            <CustodyFacts custody={entry} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function CustodyFacts({ custody }: { custody: Custody }) {
  const pipeline = [custody.pipeline, custody.job].filter(Boolean).join(' / ') || custody.system;
  return (
    <dl className="facts">
      <dt>Pipeline</dt>
      <dd>
        <code>{pipeline}</code>
        {custody.runId ? `, run #${custody.runId}` : ''}
        {custody.runUrl ? (
          <>
            {' '}
            (<code className="wrap">{custody.runUrl}</code>)
          </>
        ) : null}
      </dd>
      <dt>Commit</dt>
      <dd>
        <code>{custody.commit || 'not stated'}</code>
        {custody.repository ? ` in ${custody.repository}` : ''}
        {custody.ref ? ` (${custody.ref})` : ''}
      </dd>
      <dt>Signed by</dt>
      <dd>
        {custody.signer.commonName || 'an unnamed certificate'}{' '}
        {custody.signerTrusted ? (
          <span className="badge check-pass">trusted at import</span>
        ) : (
          <span className="badge check-fail">not trusted at import</span>
        )}{' '}
        <code className="hash">{custody.signer.fingerprint}</code>
      </dd>
      <dt>Collected</dt>
      <dd>
        {formatDateTime(custody.collectedAt)} as{' '}
        <code className="wrap">{custody.collectedName}</code>
      </dd>
      <dt>Verified at import</dt>
      <dd>
        by {custody.verifiedBy || 'unknown'} on {formatDateTime(custody.verifiedAt)}
      </dd>
    </dl>
  );
}
