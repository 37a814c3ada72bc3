import { Route, Switch, useParams } from 'wouter';
import { useOfferedNeeding } from '../../app/commands/offered';
import { useCurrentWorkspace } from '../workspaces/queries';
import { EvidenceDetail } from './EvidenceDetail';
import { EvidenceList } from './EvidenceList';
import type { FindingIssueSlot } from './slots';
import './evidence.css';

/**
 * The Evidence area: the list at /evidence, one piece of evidence at /evidence/<id>.
 * `findingIssues` adds the issue column to every findings table (wired by the app, slots.ts).
 */
export function EvidencePage({ findingIssues }: { findingIssues?: FindingIssueSlot } = {}) {
  const workspace = useCurrentWorkspace();
  if (workspace.isLoading && workspace.data === undefined)
    return <p className="muted page">Loading…</p>;
  if (workspace.error) throw workspace.error;
  if (!workspace.data) return <NoWorkspace />;
  return (
    <Switch>
      <Route path="/">
        <EvidenceList workspaceId={workspace.data.id} />
      </Route>
      <Route path="/:id">
        <DetailRoute findingIssues={findingIssues} />
      </Route>
    </Switch>
  );
}

const NO_WORKSPACE = 'Create a workspace first (in Sprints): evidence belongs to a workspace.';

function NoWorkspace() {
  useOfferedNeeding(['evidence.attach', 'evidence.search'], NO_WORKSPACE);
  return (
    <div className="page">
      <h1>Evidence</h1>
      <p className="empty">{NO_WORKSPACE}</p>
    </div>
  );
}

function DetailRoute({ findingIssues }: { findingIssues?: FindingIssueSlot | undefined }) {
  const { id = '' } = useParams<{ id: string }>();
  return <EvidenceDetail key={id} evidenceId={id} findingIssues={findingIssues} />;
}
