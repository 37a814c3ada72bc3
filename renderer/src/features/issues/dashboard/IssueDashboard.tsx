import type { SlaPolicy } from '../../../../../core/model';
import { FormError } from '../../../components/FormFooter';
import { counted } from '../../../lib/format';
import { useIssueDashboard } from '../queries';
import { useNow } from '../useNow';
import { OpenIssuesChart } from './OpenIssuesChart';
import { RemediationChart } from './RemediationChart';
import { SlaChart } from './SlaChart';

/**
 * The issue dashboard panels, over every issue of the workspace. The figures come from
 * core/issues/dashboard.ts (tested there), counted a page of issues at a time off the render
 * path; the charts only draw them.
 */
export function IssueDashboard({
  workspaceId,
  policy,
}: {
  workspaceId: string;
  policy: SlaPolicy;
}) {
  const now = useNow(60_000);
  const dashboard = useIssueDashboard(workspaceId, now, policy);
  const data = dashboard.data;
  return (
    <section className="dashboard-grid" aria-label="Issue dashboard">
      <FormError message={dashboard.error?.message} />
      {data === undefined ? (
        <p className="muted">Counting the issues…</p>
      ) : (
        <>
          <p className="visually-hidden">Counted over {counted(data.issues, 'issue')}.</p>
          <OpenIssuesChart rows={data.open} />
          <SlaChart rows={data.sla} />
          <RemediationChart rows={data.remediation} />
        </>
      )}
    </section>
  );
}
