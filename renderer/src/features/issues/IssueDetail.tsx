import { useMemo, useState } from 'react';
import { useLocation } from 'wouter';
import type { Priority, SecurityIssue, SlaPolicy } from '../../../../core/model';
import { PRIORITIES, issueKey } from '../../../../core/model';
import { segmentBreached } from '../../../../core/issues/sla';
import { formatZoned } from '../../../../core/time/zoned';
import { getApi } from '../../app/api';
import { useRegisterCommands } from '../../app/commands/registry';
import { notifyError } from '../../app/notifications';
import { startPostMortem } from '../postmortems/commands';
import { usePostMortemForIssue } from '../postmortems/queries';
import { selectPostMortem } from '../postmortems/selection';
import { changeIssuePriority } from './commands';
import { selectIssue } from './selection';
import { IssueDetailsDialog } from './IssueDetailsDialog';
import { PRIORITY_LABELS, SEVERITY_LABELS, STATUS_LABELS } from './labels';
import { SlaClock } from './SlaClock';
import { StatusActions } from './StatusActions';
import { useNow } from './useNow';
import { VerificationPanel } from './VerificationPanel';
import { IssueSourceView } from './IssueSourceView';
import { counted } from '../../lib/format';

export function IssueDetail({
  issue,
  policy,
  onBack,
}: {
  issue: SecurityIssue;
  policy: SlaPolicy;
  onBack: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const now = useNow(60_000);
  const [, navigate] = useLocation();
  const postMortem = usePostMortemForIssue(issue.id);
  const openPostMortem = () => {
    startPostMortem(issue.id).then(
      (created) => {
        selectPostMortem(created.id);
        // Coming back to Issues shows the list again.
        selectIssue(null);
        navigate('~/postmortems');
      },
      (error: unknown) => notifyError(error),
    );
  };
  const commands = useMemo(
    () => [
      {
        id: 'issue.back',
        title: 'Back to all issues',
        section: 'Issues',
        shortcut: 'Escape',
        run: onBack,
      },
      {
        id: 'issue.edit',
        title: 'Edit this issue',
        section: 'Issues',
        run: () => setEditing(true),
      },
    ],
    [onBack],
  );
  useRegisterCommands(commands);
  const zoned = (iso: string) => formatZoned(Date.parse(iso), policy.timeZone);

  return (
    <article className="issue-detail" aria-labelledby="issue-heading">
      <button type="button" className="button ghost" onClick={onBack}>
        ← All issues
      </button>
      <header className="issue-header">
        <h2 id="issue-heading">
          <span className="issue-key">{issueKey(issue)}</span> {issue.title}
        </h2>
        <div className="issue-badges">
          <span className={`priority-badge priority-${issue.priority}`}>{issue.priority}</span>
          <span className="badge">{SEVERITY_LABELS[issue.severity]}</span>
          <span className="badge">{STATUS_LABELS[issue.status]}</span>
        </div>
      </header>

      <section className="panel issue-clock" aria-label="SLA clock">
        <SlaClock issue={issue} policy={policy} large />
        <p className="muted">
          Due {zoned(issue.dueAt)} ({policy.timeZone}) · {PRIORITY_LABELS[issue.priority]}
        </p>
        <StatusActions issue={issue} policy={policy} />
      </section>

      {issue.priority === 'P1' ? (
        <div className="callout" role="note">
          {postMortem.data ? (
            <p>This P1 has a post-mortem.</p>
          ) : (
            <p>P1 issues get a blameless post-mortem, so the whole team learns from them.</p>
          )}
          <button type="button" className="button primary" onClick={openPostMortem}>
            {postMortem.data ? 'Open post-mortem' : 'Write post-mortem'}
          </button>
        </div>
      ) : postMortem.data ? (
        <button type="button" className="button" onClick={openPostMortem}>
          Open post-mortem
        </button>
      ) : null}

      <VerificationPanel issue={issue} />

      <section className="panel" aria-labelledby="issue-facts-heading">
        <div className="panel-header">
          <h2 id="issue-facts-heading">Details</h2>
          <button type="button" className="button" onClick={() => setEditing(true)}>
            Edit
          </button>
        </div>
        <dl className="facts">
          <div>
            <dt>Priority</dt>
            <dd>
              <select
                aria-label="Priority"
                value={issue.priority}
                onChange={(event) =>
                  void changeIssuePriority(issue.id, event.target.value as Priority).catch(
                    (error: unknown) => notifyError(error),
                  )
                }
              >
                {PRIORITIES.map((value) => (
                  <option key={value} value={value}>
                    {PRIORITY_LABELS[value]}
                  </option>
                ))}
              </select>
            </dd>
          </div>
          <div>
            <dt>Owner</dt>
            <dd>{issue.owner || 'Unassigned'}</dd>
          </div>
          <div>
            <dt>Raised</dt>
            <dd>
              {zoned(issue.raisedAt)} by {issue.raisedBy}
            </dd>
          </div>
          <div>
            <dt>Source</dt>
            <dd>
              <IssueSourceView source={issue.source} />
            </dd>
          </div>
          <div>
            <dt>Controls</dt>
            <dd>
              {issue.controlRefs.length === 0
                ? '—'
                : issue.controlRefs.map((ref) => <code key={ref}>{ref}</code>)}
            </dd>
          </div>
          <div>
            <dt>Linked</dt>
            <dd>
              {counted(issue.links.demoItemIds.length, 'demo item')},{' '}
              {counted(issue.links.evidenceIds.length, 'evidence file')}
            </dd>
          </div>
          <div>
            <dt>Tracker</dt>
            <dd>
              {issue.trackerKey ?? '—'}
              {issue.trackerUrl ? (
                <button
                  type="button"
                  className="link-button"
                  onClick={() =>
                    void getApi()
                      .shellOpenExternal({ url: issue.trackerUrl })
                      .catch((error: unknown) => notifyError(error))
                  }
                >
                  Open in tracker
                </button>
              ) : null}
            </dd>
          </div>
          {issue.riskAcceptance ? (
            <div>
              <dt>Risk accepted</dt>
              <dd>
                by {issue.riskAcceptance.approver} until {issue.riskAcceptance.expiresOn}:{' '}
                {issue.riskAcceptance.reason}
              </dd>
            </div>
          ) : null}
          {issue.closure ? (
            <div>
              <dt>Closed</dt>
              <dd>
                {issue.closure.verified
                  ? 'after verification'
                  : `without verification: ${issue.closure.reason}`}
              </dd>
            </div>
          ) : null}
        </dl>
        <p className="issue-description">
          {issue.description || <span className="muted">No description.</span>}
        </p>
      </section>

      <section className="panel" aria-labelledby="sla-history-heading">
        <h2 id="sla-history-heading">SLA history</h2>
        <table className="table" aria-label="SLA history">
          <thead>
            <tr>
              <th scope="col">Priority</th>
              <th scope="col">From</th>
              <th scope="col">Due</th>
              <th scope="col">Until</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {issue.slaHistory.map((segment) => (
              <tr key={segment.startedAt + segment.priority}>
                <td>{segment.priority}</td>
                <td className="nowrap">{zoned(segment.startedAt)}</td>
                <td className="nowrap">{zoned(segment.dueAt)}</td>
                <td className="nowrap">{segment.endedAt ? zoned(segment.endedAt) : 'running'}</td>
                <td>
                  {segmentBreached(segment, now)
                    ? 'Breached'
                    : segment.endedAt
                      ? 'Within SLA'
                      : 'Within SLA so far'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="panel" aria-labelledby="status-history-heading">
        <h2 id="status-history-heading">Status history</h2>
        <ol className="plain-list">
          {issue.statusHistory.map((change) => (
            <li key={change.at + change.to}>
              {zoned(change.at)} — {change.from ? `${STATUS_LABELS[change.from]} → ` : ''}
              {STATUS_LABELS[change.to]} by {change.by}
              {change.note ? `: ${change.note}` : ''}
            </li>
          ))}
        </ol>
      </section>
      <IssueDetailsDialog open={editing} issue={issue} onClose={() => setEditing(false)} />
    </article>
  );
}
