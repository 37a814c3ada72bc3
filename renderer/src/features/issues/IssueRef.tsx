import { Link } from 'wouter';
import type { SecurityIssue, SlaPolicy } from '../../../../core/model';
import { issueKey } from '../../../../core/model';
import { effectiveStatus } from '../../../../core/issues/workflow';
import { SlaClock } from './SlaClock';
import { STATUS_LABELS } from './labels';
import { selectIssue } from './selection';
import { useNow } from './useNow';
import './issues.css';

/**
 * An issue as other areas show it, next to the finding or alert it was raised from: its key
 * (a link that opens it in the Issues area), priority, status and live SLA clock.
 */
export function IssueRef({
  issue,
  policy,
}: {
  issue: SecurityIssue;
  policy: SlaPolicy | undefined;
}) {
  const now = useNow(60_000);
  const key = issueKey(issue);
  return (
    <span className="issue-ref">
      <Link
        href="~/issues"
        onClick={() => selectIssue(issue.id)}
        aria-label={`Open ${key}: ${issue.title}`}
      >
        {key}
      </Link>
      <span className={`priority-badge priority-${issue.priority}`}>{issue.priority}</span>
      <span className="issue-ref-status">{STATUS_LABELS[effectiveStatus(issue, now)]}</span>
      {policy ? <SlaClock issue={issue} policy={policy} /> : null}
    </span>
  );
}
