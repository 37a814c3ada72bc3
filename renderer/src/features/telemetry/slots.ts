import type { ReactNode } from 'react';
import type { ControlRef } from '../../../../core/model';
import type { ChartEvidence, SecurityIssueDraft } from '../../../../core/telemetry/issue-draft';

/**
 * Where the telemetry area hands work to other features. The app passes these to TelemetryPage
 * once the issues and evidence features are present:
 * - `onRaiseIssue` creates a security issue from the draft the user confirmed (title, priority,
 *   description, time range, metric, values, controls, and the alert it came from) and says
 *   which (`SEC-4`). Without it the confirmed draft is kept with the alert, marked "issue
 *   drafted".
 * - `raisedIssueOf` draws the issue an alert was raised as (key, status, clock), or returns
 *   null; the alerts table shows it in place of the Raise issue button.
 * - `onAttachEvidence` stores a chart (its data object and SVG) as evidence for a control
 *   (`<catalogId>#<controlId>`). Without it the chart can still be exported as SVG and JSON.
 */
export interface TelemetryIntegrations {
  onRaiseIssue?: ((draft: SecurityIssueDraft) => Promise<{ issueKey: string }>) | undefined;
  raisedIssueOf?: ((alertId: string) => ReactNode | null) | undefined;
  onAttachEvidence?: ((evidence: ChartEvidence, control: ControlRef) => Promise<void>) | undefined;
}
