import { useState } from 'react';
import type { IssueStatus, Priority, SecurityIssue, SlaPolicy } from '../../../../core/model';
import { PRIORITIES, issueKey } from '../../../../core/model';
import { effectiveStatus } from '../../../../core/issues/workflow';
import { VirtualTable } from '../../components/VirtualTable';
import { SlaClock } from './SlaClock';
import { STATUS_LABELS } from './labels';
import { useNow } from './useNow';

type StatusFilter = 'active' | 'all' | 'done';
const DONE: readonly IssueStatus[] = ['verified', 'closed'];

function matchesStatus(status: IssueStatus, filter: StatusFilter): boolean {
  if (filter === 'all') return true;
  return filter === 'done' ? DONE.includes(status) : !DONE.includes(status);
}

/**
 * The issues table with its filters; the SLA clock of each row is live. Only the rows in view
 * are drawn (the dashboard above needs every issue of the workspace, so they are read whole).
 */
export function IssueList({
  issues,
  policy,
  onOpen,
}: {
  issues: readonly SecurityIssue[];
  policy: SlaPolicy;
  onOpen: (issue: SecurityIssue) => void;
}) {
  const [statusFilter, setStatusFilter] = useState<StatusFilter>('active');
  const [priorityFilter, setPriorityFilter] = useState<Priority | 'any'>('any');
  const now = useNow(60_000);
  const shown = issues
    .filter((issue) => matchesStatus(effectiveStatus(issue, now), statusFilter))
    .filter((issue) => priorityFilter === 'any' || issue.priority === priorityFilter)
    .sort((a, b) => a.priority.localeCompare(b.priority) || a.dueAt.localeCompare(b.dueAt));
  return (
    <section className="panel" aria-labelledby="issue-list-heading">
      <div className="panel-header">
        <h2 id="issue-list-heading">Issues</h2>
        <div className="filters">
          <label>
            Show{' '}
            <select
              value={statusFilter}
              onChange={(event) => setStatusFilter(event.target.value as StatusFilter)}
            >
              <option value="active">Open work</option>
              <option value="done">Verified and closed</option>
              <option value="all">All</option>
            </select>
          </label>
          <label>
            Priority{' '}
            <select
              value={priorityFilter}
              onChange={(event) => setPriorityFilter(event.target.value as Priority | 'any')}
            >
              <option value="any">Any</option>
              {PRIORITIES.map((priority) => (
                <option key={priority} value={priority}>
                  {priority}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {shown.length === 0 ? (
        <p className="empty">
          {issues.length === 0
            ? 'No security issues yet. Raise one with Alt+I, or import them from Jira.'
            : 'No issues match these filters.'}
        </p>
      ) : (
        <VirtualTable
          label="Security issues"
          rows={shown}
          rowKey={(issue) => issue.id}
          columns={6}
          head={
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Title</th>
              <th scope="col">Priority</th>
              <th scope="col">Status</th>
              <th scope="col">Owner</th>
              <th scope="col">SLA</th>
            </tr>
          }
          cells={(issue) => (
            <>
              <td className="nowrap">
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onOpen(issue)}
                  aria-label={`Open ${issueKey(issue)}: ${issue.title}`}
                >
                  {issueKey(issue)}
                </button>
              </td>
              <th scope="row" className="clamp">
                {issue.title}
              </th>
              <td>
                <span className={`priority-badge priority-${issue.priority}`}>
                  {issue.priority}
                </span>
              </td>
              <td className="nowrap">{STATUS_LABELS[effectiveStatus(issue, now)]}</td>
              <td>{issue.owner || <span className="muted">Unassigned</span>}</td>
              <td className="nowrap">
                <SlaClock issue={issue} policy={policy} />
              </td>
            </>
          )}
        />
      )}
    </section>
  );
}
