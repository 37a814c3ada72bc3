import { IssueRef } from './IssueRef';
import { useIssue, useSlaPolicy } from './queries';

/**
 * An issue shown by id where it was raised from (a demo item, a verdict): loads it and shows it
 * as `IssueRef` does everywhere else; says so when the tracker no longer has it.
 */
export function IssueGlance({ issueId }: { issueId: string }) {
  const issue = useIssue(issueId);
  const policy = useSlaPolicy(issue.data?.workspaceId ?? '');
  if (issue.data === undefined) return null;
  if (issue.data === null) return <span className="muted small">no longer in the tracker</span>;
  return <IssueRef issue={issue.data} policy={policy.data} />;
}
