import type { SecurityIssue } from '../../../../core/model';
import { fingerprintTool } from '../../../../core/model';
import { suggestVerification } from '../../../../core/issues/verification';
import { notifyError } from '../../app/notifications';
import { useQuery } from '../../lib/useQuery';
import { changeIssueStatus } from './commands';
import { evidenceObservations } from './evidence-observations';
import { formatDateTime } from '../../lib/format';

/**
 * For an issue raised from a finding: whether later evidence from the same source no longer
 * contains the finding, with a one-click "mark verified" that records the evidence.
 */
export function VerificationPanel({ issue }: { issue: SecurityIssue }) {
  const source = issue.source;
  const suggestion = useQuery(async () => {
    if (source.kind !== 'evidence-finding') return null;
    const observations = await evidenceObservations({
      workspaceId: issue.workspaceId,
      tool: fingerprintTool(source.fingerprint),
      sourceKey: source.sourceKey,
    });
    return suggestVerification(issue, observations);
  }, [issue, source]);
  if (source.kind !== 'evidence-finding') return null;
  return (
    <section className="panel" aria-labelledby="verification-heading">
      <h2 id="verification-heading">Verification by evidence</h2>
      <p className="muted">
        Finding <code>{source.fingerprint}</code> from {source.sourceKey}, seen{' '}
        {formatDateTime(source.observedAt)}.
      </p>
      {suggestion.data ? (
        <div className="callout callout-good" role="status">
          <p>
            Later evidence from the same source ({formatDateTime(suggestion.data.observedAt)}) no
            longer contains this finding.
          </p>
          <button
            type="button"
            className="button primary"
            onClick={() => {
              const evidenceId = suggestion.data?.evidenceId ?? null;
              changeIssueStatus(issue.id, {
                to: 'verified',
                evidenceId,
                note: 'The finding is gone from later evidence.',
              }).catch((error: unknown) => notifyError(error));
            }}
          >
            Mark verified
          </button>
        </div>
      ) : (
        <p>No later evidence from this source without the finding yet.</p>
      )}
    </section>
  );
}
