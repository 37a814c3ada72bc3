import { useMemo } from 'react';
import { draftFromTelemetryAlert } from '../../../../core/issues/drafts';
import { alertOrigin } from '../../../../core/issues/raise';
import type { SecurityIssue, SlaPolicy } from '../../../../core/model';
import { issueKey } from '../../../../core/model';
import { raiseIssue } from '../../features/issues/commands';
import { IssueRef } from '../../features/issues/IssueRef';
import { useOpenIssuesByOrigin, useSlaPolicy } from '../../features/issues/queries';
import type { TelemetryIntegrations } from '../../features/telemetry/slots';
import { TelemetryPage } from '../../features/telemetry/TelemetryPage';
import { useCurrentWorkspace } from '../../features/workspaces/queries';
import { attachChartEvidence } from './chart-evidence';

/**
 * Telemetry → security issues and evidence. Confirming an alert's issue draft raises a real
 * issue (source `telemetry-alert`, its SLA clock starting now; an alert raised twice is one
 * issue), and the alert then shows that issue. "Attach as evidence" stores the chart in the
 * evidence store, linked to the chosen control.
 */
export function telemetryIntegrations(
  workspaceId: string,
  openIssuesByOrigin: ReadonlyMap<string, SecurityIssue> | undefined,
  policy: SlaPolicy | undefined,
): TelemetryIntegrations {
  return {
    onRaiseIssue: async (draft) => {
      const { issue } = await raiseIssue(draftFromTelemetryAlert(draft, workspaceId));
      return { issueKey: issueKey(issue) };
    },
    onAttachEvidence: async (evidence, control) => {
      await attachChartEvidence(workspaceId, evidence, control);
    },
    raisedIssueOf: (alertId) => {
      const issue = openIssuesByOrigin?.get(alertOrigin(alertId));
      return issue ? <IssueRef issue={issue} policy={policy} /> : null;
    },
  };
}

export function TelemetryArea() {
  const workspaceId = useCurrentWorkspace().data?.id ?? '';
  const issues = useOpenIssuesByOrigin(workspaceId).data;
  const policy = useSlaPolicy(workspaceId).data;
  const integrations = useMemo(
    () => telemetryIntegrations(workspaceId, issues, policy),
    [workspaceId, issues, policy],
  );
  return <TelemetryPage {...integrations} />;
}
