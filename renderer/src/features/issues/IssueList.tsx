import { useState } from 'react';
import type { Priority, SecurityIssue, SlaPolicy } from '../../../../core/model';
import { PRIORITIES, issueKey } from '../../../../core/model';
import { effectiveStatus } from '../../../../core/issues/workflow';
import { FormError } from '../../components/FormFooter';
import { VirtualTable } from '../../components/VirtualTable';
import { counted, formatNumber } from '../../lib/format';
import type { StatusFilter } from './queries';
import { useIssueCount, useIssuePages } from './queries';
import { SlaClock } from './SlaClock';
import { STATUS_LABELS } from './labels';
import { useNow } from './useNow';

const FILTER_LABELS: Readonly<Record<StatusFilter, string>> = {
  active: 'Open work',
  done: 'Verified and closed',
  all: 'All',
};

/**
 * The issues table with its filters, most urgent first: read a page at a time by index (the
 * status and priority filters are index ranges), only the rows in view drawn, each SLA clock
 * live.
 */
export function IssueList({
  workspaceId,
  policy,
  onOpen,
}: {
  workspaceId: string;
  policy: SlaPolicy;
  onOpen: (issue: SecurityIssue) => void;
}) {
  const [statusFilter, setStatusFilter] = useState<StatusFilter>('active');
  const [priorityFilter, setPriorityFilter] = useState<Priority | 'any'>('any');
  const pages = useIssuePages(workspaceId, { status: statusFilter, priority: priorityFilter });
  const all = useIssueCount(workspaceId);
  const now = useNow(60_000);
  const shown = pages.data?.rows ?? [];
  const filterName =
    FILTER_LABELS[statusFilter] + (priorityFilter === 'any' ? '' : `, ${priorityFilter}`);
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
              {Object.entries(FILTER_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
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
      <FormError message={pages.error?.message ?? all.error?.message} />
      {pages.data === undefined || all.data === undefined ? (
        <p className="muted">Loading…</p>
      ) : all.data === 0 ? (
        <p className="empty">
          No security issues yet. Raise one with Alt+I, or import them from Jira.
        </p>
      ) : (
        <>
          <p className="muted" role="status">
            {filterName}: {formatNumber(pages.data.total)} of {counted(all.data, 'issue')}, by
            priority and due date
          </p>
          {shown.length === 0 ? (
            <p className="empty">No issues match these filters.</p>
          ) : (
            <VirtualTable
              label="Security issues"
              rows={shown}
              totalRows={pages.data.total}
              rowKey={(issue) => issue.id}
              columns={6}
              onNearEnd={pages.loadMore}
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
                  <td className="nowrap">
                    {issue.owner || <span className="muted">Unassigned</span>}
                  </td>
                  <td>
                    <SlaClock issue={issue} policy={policy} />
                  </td>
                </>
              )}
            />
          )}
        </>
      )}
    </section>
  );
}
