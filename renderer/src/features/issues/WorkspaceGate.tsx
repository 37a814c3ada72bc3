import type { ReactNode } from 'react';
import type { SlaPolicy, Workspace } from '../../../../core/model';
import { useOfferedNeeding } from '../../app/commands/offered';
import { useCurrentWorkspace } from '../workspaces/queries';
import { useSlaPolicy } from './queries';

/**
 * Renders `children` with the current workspace and its SLA policy once both are loaded; says
 * so when there is no workspace yet. Used by the Issues and Post-mortems areas.
 */
export function WorkspaceGate({
  title,
  commands = [],
  children,
}: {
  title: string;
  /** The area's offered commands, which say they need a workspace while there is none. */
  commands?: readonly string[];
  children: (workspace: Workspace, policy: SlaPolicy) => ReactNode;
}) {
  const workspace = useCurrentWorkspace();
  if (workspace.error) throw workspace.error;
  if (workspace.data === null) return <NoWorkspace title={title} commands={commands} />;
  if (workspace.data === undefined) return <p className="muted page">Loading…</p>;
  return <WithPolicy workspace={workspace.data}>{children}</WithPolicy>;
}

const NO_WORKSPACE = 'Create a workspace first (Sprints area): this belongs to a workspace.';

function NoWorkspace({ title, commands }: { title: string; commands: readonly string[] }) {
  useOfferedNeeding(commands, NO_WORKSPACE);
  return (
    <div className="page page-narrow">
      <h1>{title}</h1>
      <p className="lead">{NO_WORKSPACE}</p>
    </div>
  );
}

function WithPolicy({
  workspace,
  children,
}: {
  workspace: Workspace;
  children: (workspace: Workspace, policy: SlaPolicy) => ReactNode;
}) {
  const policy = useSlaPolicy(workspace.id);
  if (policy.error) throw policy.error;
  if (!policy.data) return <p className="muted page">Loading…</p>;
  return <>{children(workspace, policy.data)}</>;
}
