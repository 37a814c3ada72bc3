import { useMemo } from 'react';
import { observedAtOf } from '../../../../core/evidence/observation';
import { draftFromFinding } from '../../../../core/issues/drafts';
import { findingOrigin } from '../../../../core/issues/raise';
import type { SecurityIssue, SlaPolicy } from '../../../../core/model';
import { EvidencePage } from '../../features/evidence/EvidencePage';
import type { FindingIssueSlot } from '../../features/evidence/slots';
import { IssueRef } from '../../features/issues/IssueRef';
import { useOpenIssuesByOrigin, useSlaPolicy } from '../../features/issues/queries';
import { requestRaiseIssue } from '../../features/issues/raise-requests';
import { useCurrentWorkspace } from '../../features/workspaces/queries';

/**
 * Evidence findings → security issues. "Raise issue" on a finding opens the Raise issue dialog
 * prefilled from it (source `evidence-finding`: the evidence, fingerprint, source key and when
 * it was observed; priority from the severity; the finding's controls). A finding already
 * raised shows its issue instead: key, status and SLA clock.
 */
export function findingIssueSlot(
  openIssuesByOrigin: ReadonlyMap<string, SecurityIssue> | undefined,
  policy: SlaPolicy | undefined,
): FindingIssueSlot {
  return {
    onRaiseIssue: (finding, { evidence, summary }) =>
      requestRaiseIssue(
        draftFromFinding(finding, {
          workspaceId: evidence.workspaceId,
          evidenceId: evidence.id,
          fileName: evidence.fileName,
          sourceKey: evidence.sourceKey,
          observedAt: observedAtOf(evidence, summary),
        }),
      ),
    raisedIssueOf: (finding) => {
      const issue = openIssuesByOrigin?.get(findingOrigin(finding.fingerprint));
      return issue ? <IssueRef issue={issue} policy={policy} /> : null;
    },
  };
}

export function EvidenceArea() {
  const workspaceId = useCurrentWorkspace().data?.id ?? '';
  const issues = useOpenIssuesByOrigin(workspaceId).data;
  const policy = useSlaPolicy(workspaceId).data;
  const slot = useMemo(() => findingIssueSlot(issues, policy), [issues, policy]);
  return <EvidencePage findingIssues={slot} />;
}
