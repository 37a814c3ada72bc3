import { controlsForFinding } from '../evidence/controls';
import type { Finding, Severity as FindingSeverity } from '../evidence/model';
import type { IssueDraftInput, Priority, Severity } from '../model/issue';
import { SEVERITIES } from '../model/issue';
import type { SecurityIssueDraft } from '../telemetry/issue-draft';

/**
 * Issue drafts built from what other features hold: a finding in an evidence file, a telemetry
 * alert the user confirmed. The drafts go to `raiseIssue` (or prefill the Raise issue dialog),
 * which validates them against `IssueDraft`.
 */

/**
 * The priority a finding's severity suggests: critical findings are fixed immediately (P1),
 * high ones by the end of the week (P2); the rest follow the P3/P4 windows. A severity the
 * tool did not state suggests P3, for a person to decide.
 */
export const PRIORITY_FOR_SEVERITY: Readonly<Record<FindingSeverity, Priority>> = {
  critical: 'P1',
  high: 'P2',
  medium: 'P3',
  low: 'P4',
  info: 'P4',
  unknown: 'P3',
};

/** Where a finding was seen: the stored evidence file and its place among versions. */
export interface FindingContext {
  workspaceId: string;
  evidenceId: string;
  fileName: string;
  /** The evidence's source key: later files with the same key can verify the fix. */
  sourceKey: string;
  /** When the evidence was observed (`observedAtOf`, core/evidence/observation.ts). */
  observedAt: string;
}

function issueSeverity(severity: FindingSeverity): Severity | undefined {
  return (SEVERITIES as readonly string[]).includes(severity) ? (severity as Severity) : undefined;
}

/** A draft for a security issue raised from one finding of one evidence file. */
export function draftFromFinding(finding: Finding, context: FindingContext): IssueDraftInput {
  const severity = issueSeverity(finding.severity);
  const facts = [
    `Rule: ${finding.rule}`,
    `Severity reported: ${finding.severity}`,
    `Location: ${finding.location}`,
    ...(finding.component ? [`Component: ${finding.component}`] : []),
    `Fingerprint: ${finding.fingerprint}`,
  ];
  const description = [
    `Found in ${context.fileName}.`,
    '',
    ...facts,
    ...(finding.message ? ['', finding.message] : []),
  ]
    .join('\n')
    .slice(0, 20_000);
  return {
    workspaceId: context.workspaceId,
    title: (finding.title.trim() || finding.rule).slice(0, 200),
    description,
    ...(severity === undefined ? {} : { severity }),
    priority: PRIORITY_FOR_SEVERITY[finding.severity],
    controlRefs: controlsForFinding(finding),
    source: {
      kind: 'evidence-finding',
      evidenceId: context.evidenceId,
      fingerprint: finding.fingerprint,
      sourceKey: context.sourceKey,
      observedAt: context.observedAt,
      ruleId: finding.rule.slice(0, 200),
      location: finding.location.slice(0, 2000),
    },
  };
}

/** The security issue a confirmed telemetry alert draft becomes. */
export function draftFromTelemetryAlert(
  draft: SecurityIssueDraft,
  workspaceId: string,
): IssueDraftInput {
  return {
    workspaceId,
    title: draft.title,
    description: draft.description,
    priority: draft.priority,
    controlRefs: [...draft.controls],
    source: {
      kind: 'telemetry-alert',
      alertId: draft.source.alertId,
      ruleId: draft.source.ruleId.slice(0, 200),
    },
  };
}
