import { useMemo } from 'react';
import type { SecurityIssue, SlaPolicy } from '../../../../../core/model';
import {
  meanTimeToRemediate,
  openIssuesByPriorityAndStatus,
  slaByPriority,
} from '../../../../../core/issues/dashboard';
import { OpenIssuesChart } from './OpenIssuesChart';
import { RemediationChart } from './RemediationChart';
import { SlaChart } from './SlaChart';
import { useNow } from '../useNow';

/**
 * The issue dashboard panels. Data comes from core/issues/dashboard.ts (tested there); the
 * charts only draw it. Exported for any dashboard that wants to show them.
 */
export function IssueDashboard({
  issues,
  policy,
}: {
  issues: readonly SecurityIssue[];
  policy: SlaPolicy;
}) {
  const now = useNow(60_000);
  const data = useMemo(() => {
    return {
      open: openIssuesByPriorityAndStatus(issues, now),
      sla: slaByPriority(issues, now, policy),
      remediation: meanTimeToRemediate(issues, { now, timeZone: policy.timeZone, months: 12 }),
    };
  }, [issues, policy, now]);
  return (
    <section className="dashboard-grid" aria-label="Issue dashboard">
      <OpenIssuesChart rows={data.open} />
      <SlaChart rows={data.sla} />
      <RemediationChart rows={data.remediation} />
    </section>
  );
}
