import { useLocation } from 'wouter';
import type { SecurityIssue } from '../../../../core/model';
import { issueKey } from '../../../../core/model';
import { effectiveStatus } from '../../../../core/issues/workflow';
import { STATUS_LABELS } from './labels';
import { useIssue, useSlaPolicy } from './queries';
import { SlaClock } from './SlaClock';
import { selectIssue } from './selection';
import { useNow } from './useNow';
import './issues.css';

/**
 * An issue as other features show it next to what it was raised from: its key (opens it in
 * the Issues area), its live status and its SLA clock.
 */
export function IssueGlance({ issueId }: { issueId: string }) {
  const issue = useIssue(issueId);
  if (issue.data === undefined) return null;
  if (issue.data === null) return <span className="muted small">no longer in the tracker</span>;
  return <Glance issue={issue.data} />;
}

function Glance({ issue }: { issue: SecurityIssue }) {
  const [, navigate] = useLocation();
  const policy = useSlaPolicy(issue.workspaceId);
  const now = useNow();
  const key = issueKey(issue);
  return (
    <span
      className="issue-glance"
      aria-label={`${key}: ${STATUS_LABELS[effectiveStatus(issue, now)]}`}
    >
      <button
        type="button"
        className="link-button issue-key"
        onClick={() => {
          selectIssue(issue.id);
          navigate('~/issues');
        }}
      >
        {key}
      </button>
      <span className="badge">{STATUS_LABELS[effectiveStatus(issue, now)]}</span>
      {policy.data ? <SlaClock issue={issue} policy={policy.data} /> : null}
    </span>
  );
}
