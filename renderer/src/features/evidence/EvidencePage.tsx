import { Route, Switch, useParams } from 'wouter';
import type { RaiseIssue } from './SummaryTables';
import { useCurrentWorkspace } from '../workspaces/queries';
import { EvidenceDetail } from './EvidenceDetail';
import { EvidenceList } from './EvidenceList';
import './evidence.css';

/**
 * The Evidence area: the list at /evidence, one piece of evidence at /evidence/<id>.
 * `onRaiseIssue` adds a "Raise issue" action to every finding (wired by the issues feature).
 */
export function EvidencePage({ onRaiseIssue }: { onRaiseIssue?: RaiseIssue } = {}) {
  const workspace = useCurrentWorkspace();
  if (workspace.isLoading && workspace.data === undefined)
    return <p className="muted page">Loading…</p>;
  if (workspace.error) throw workspace.error;
  if (!workspace.data) {
    return (
      <div className="page">
        <h1>Evidence</h1>
        <p className="empty">
          Create a workspace first (in Sprints): evidence belongs to a workspace.
        </p>
      </div>
    );
  }
  return (
    <Switch>
      <Route path="/">
        <EvidenceList workspaceId={workspace.data.id} />
      </Route>
      <Route path="/:id">
        <DetailRoute onRaiseIssue={onRaiseIssue} />
      </Route>
    </Switch>
  );
}

function DetailRoute({ onRaiseIssue }: { onRaiseIssue?: RaiseIssue | undefined }) {
  const { id = '' } = useParams<{ id: string }>();
  return <EvidenceDetail key={id} evidenceId={id} {...(onRaiseIssue ? { onRaiseIssue } : {})} />;
}
