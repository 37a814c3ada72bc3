import { useState } from 'react';
import { notifyError } from '../../app/notifications';
import { selectWorkspace } from './commands';
import { useCurrentWorkspace, useWorkspaces } from './queries';
import { WorkspaceDialog } from './WorkspaceDialog';

export function WorkspaceSwitcher() {
  const workspaces = useWorkspaces();
  const current = useCurrentWorkspace();
  const [creating, setCreating] = useState(false);
  if (!workspaces.data || workspaces.data.length === 0) return null;
  return (
    <div className="workspace-switcher">
      <label htmlFor="workspace-select" className="sidebar-label">
        Workspace
      </label>
      <select
        id="workspace-select"
        value={current.data?.id ?? ''}
        onChange={(event) =>
          void selectWorkspace(event.target.value).catch((error: unknown) => notifyError(error))
        }
      >
        {workspaces.data.map((workspace) => (
          <option key={workspace.id} value={workspace.id}>
            {workspace.name}
          </option>
        ))}
      </select>
      <button type="button" className="button small ghost" onClick={() => setCreating(true)}>
        + New workspace
      </button>
      <WorkspaceDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
