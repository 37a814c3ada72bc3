import { useCallback, useState } from 'react';
import type { PostMortem, SlaPolicy, Workspace } from '../../../../core/model';
import { issueKey } from '../../../../core/model';
import { FormError } from '../../components/FormFooter';
import { VirtualTable } from '../../components/VirtualTable';
import { counted, formatDateTime } from '../../lib/format';
import { useIssuesById } from '../issues/queries';
import { WorkspaceGate } from '../issues/WorkspaceGate';
import { PostMortemEditor } from './PostMortemEditor';
import { usePostMortem, usePostMortemPages } from './queries';
import { selectPostMortem, useSelectedPostMortemId } from './selection';
import { StartPostMortem } from './StartPostMortem';
import '../issues/issues.css';

export function PostMortemsPage() {
  return (
    <WorkspaceGate title="Post-mortems">
      {(workspace, policy) => <PostMortemsView workspace={workspace} policy={policy} />}
    </WorkspaceGate>
  );
}

function PostMortemsView({ workspace, policy }: { workspace: Workspace; policy: SlaPolicy }) {
  const selectedId = useSelectedPostMortemId();
  const selected = usePostMortem(selectedId);
  const open = selectedId === null ? null : selected.data;
  return (
    <div className="page page-wide">
      <header className="page-header">
        <h1>Post-mortems</h1>
        <p className="lead">
          Blameless post-mortems, so every security issue teaches the whole team.
        </p>
      </header>
      {selectedId !== null && open === undefined ? <p className="muted">Loading…</p> : null}
      {open ? (
        <PostMortemEditor postMortem={open} policy={policy} onBack={() => selectPostMortem(null)} />
      ) : null}
      {selectedId === null || open === null ? (
        <>
          <PostMortemList workspaceId={workspace.id} />
          <StartPostMortem workspaceId={workspace.id} />
        </>
      ) : null}
    </div>
  );
}

/** Every post-mortem of the workspace, a page at a time; the issue of each row on screen. */
function PostMortemList({ workspaceId }: { workspaceId: string }) {
  const pages = usePostMortemPages(workspaceId);
  const [onScreen, setOnScreen] = useState<readonly PostMortem[]>([]);
  const showRows = useCallback((rows: readonly PostMortem[]) => setOnScreen(rows), []);
  const issues = useIssuesById(onScreen.map((postMortem) => postMortem.issueId));
  const rows = pages.data?.rows ?? [];
  return (
    <section className="panel" aria-labelledby="postmortem-list-heading">
      <h2 id="postmortem-list-heading">All post-mortems</h2>
      <FormError message={pages.error?.message} />
      {pages.data === undefined ? (
        <p className="muted">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="empty">None yet. A P1 issue prompts for one; any issue can have one.</p>
      ) : (
        <>
          <p className="muted" role="status">
            {counted(pages.data.total, 'post-mortem')}, most recently updated first
          </p>
          <VirtualTable
            label="Post-mortems"
            rows={rows}
            totalRows={pages.data.total}
            rowKey={(postMortem) => postMortem.id}
            columns={4}
            onNearEnd={pages.loadMore}
            onVisibleChange={showRows}
            head={
              <tr>
                <th scope="col">Post-mortem</th>
                <th scope="col">Issue</th>
                <th scope="col">Actions</th>
                <th scope="col">Updated</th>
              </tr>
            }
            cells={(postMortem) => {
              const issue = issues.data?.get(postMortem.issueId);
              return (
                <>
                  <th scope="row">
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => selectPostMortem(postMortem.id)}
                    >
                      {postMortem.title}
                    </button>
                  </th>
                  <td className="nowrap">
                    {issue ? `${issueKey(issue)} (${issue.priority})` : issues.data ? '—' : '…'}
                  </td>
                  <td>{postMortem.actionItems.length}</td>
                  <td className="nowrap">{formatDateTime(postMortem.updatedAt)}</td>
                </>
              );
            }}
          />
        </>
      )}
    </section>
  );
}
