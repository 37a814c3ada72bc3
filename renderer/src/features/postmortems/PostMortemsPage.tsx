import { useState } from 'react';
import type { SlaPolicy, Workspace } from '../../../../core/model';
import { issueKey } from '../../../../core/model';
import { notifyError } from '../../app/notifications';
import { useIssues } from '../issues/queries';
import { WorkspaceGate } from '../issues/WorkspaceGate';
import { startPostMortem } from './commands';
import { PostMortemEditor } from './PostMortemEditor';
import { usePostMortems } from './queries';
import { selectPostMortem, useSelectedPostMortemId } from './selection';
import '../issues/issues.css';
import { formatDateTime } from '../../lib/format';

export function PostMortemsPage() {
  return (
    <WorkspaceGate title="Post-mortems">
      {(workspace, policy) => <PostMortemsView workspace={workspace} policy={policy} />}
    </WorkspaceGate>
  );
}

function PostMortemsView({ workspace, policy }: { workspace: Workspace; policy: SlaPolicy }) {
  const postMortems = usePostMortems(workspace.id);
  const issues = useIssues(workspace.id);
  const selectedId = useSelectedPostMortemId();
  const [startFor, setStartFor] = useState('');
  const list = postMortems.data ?? [];
  const selected = list.find((postMortem) => postMortem.id === selectedId);
  const issueById = new Map((issues.data ?? []).map((issue) => [issue.id, issue]));
  const withoutPostMortem = (issues.data ?? []).filter(
    (issue) => !list.some((postMortem) => postMortem.issueId === issue.id),
  );

  return (
    <div className="page page-wide">
      <header className="page-header">
        <h1>Post-mortems</h1>
        <p className="lead">
          Blameless post-mortems, so every security issue teaches the whole team.
        </p>
      </header>
      {selected ? (
        <PostMortemEditor
          postMortem={selected}
          policy={policy}
          onBack={() => selectPostMortem(null)}
        />
      ) : (
        <>
          <section className="panel" aria-labelledby="postmortem-list-heading">
            <h2 id="postmortem-list-heading">All post-mortems</h2>
            {list.length === 0 ? (
              <p className="empty">None yet. A P1 issue prompts for one; any issue can have one.</p>
            ) : (
              <table className="table" aria-label="Post-mortems">
                <thead>
                  <tr>
                    <th scope="col">Post-mortem</th>
                    <th scope="col">Issue</th>
                    <th scope="col">Actions</th>
                    <th scope="col">Updated</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((postMortem) => {
                    const issue = issueById.get(postMortem.issueId);
                    return (
                      <tr key={postMortem.id}>
                        <th scope="row">
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => selectPostMortem(postMortem.id)}
                          >
                            {postMortem.title}
                          </button>
                        </th>
                        <td>{issue ? `${issueKey(issue)} (${issue.priority})` : '—'}</td>
                        <td>{postMortem.actionItems.length}</td>
                        <td className="nowrap">{formatDateTime(postMortem.updatedAt)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </section>
          {withoutPostMortem.length > 0 ? (
            <form
              className="panel inline-form"
              aria-label="Start a post-mortem"
              onSubmit={(event) => {
                event.preventDefault();
                if (startFor === '') return;
                startPostMortem(startFor).then(
                  (created) => selectPostMortem(created.id),
                  (error: unknown) => notifyError(error),
                );
              }}
            >
              <div className="field">
                <label htmlFor="postmortem-issue">Start a post-mortem for</label>
                <select
                  id="postmortem-issue"
                  value={startFor}
                  onChange={(event) => setStartFor(event.target.value)}
                >
                  <option value="">Choose an issue…</option>
                  {withoutPostMortem.map((issue) => (
                    <option key={issue.id} value={issue.id}>
                      {issueKey(issue)} ({issue.priority}) {issue.title}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="button" disabled={startFor === ''}>
                Start
              </button>
            </form>
          ) : null}
        </>
      )}
    </div>
  );
}
