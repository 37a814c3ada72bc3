import { useMemo, useState } from 'react';
import type { Sprint, Team, Workspace } from '../../../../core/model';
import { useRegisterCommands } from '../../app/commands/registry';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatDate, formatNumber } from '../../lib/format';
import { VirtualTable } from '../../components/VirtualTable';
import { deleteSprint, deleteTeam } from './commands';
import { useCurrentWorkspace, useSprintPages, useTeams } from './queries';
import { SprintDialog } from './SprintDialog';
import { TeamDialog } from './TeamDialog';
import { WorkspaceDialog, WorkspaceForm } from './WorkspaceDialog';
import { FormError } from '../../components/FormFooter';
import { offered } from '../../app/commands/offered';

type Editing =
  | { kind: 'none' }
  | { kind: 'workspace' }
  | { kind: 'team'; team?: Team }
  | { kind: 'sprint'; sprint?: Sprint }
  | { kind: 'delete-team'; team: Team }
  | { kind: 'delete-sprint'; sprint: Sprint };

export function WorkspacePage() {
  const current = useCurrentWorkspace();
  if (current.isLoading && current.data === undefined)
    return <p className="muted page">Loading…</p>;
  if (current.error) throw current.error;
  if (!current.data) return <Welcome />;
  return <WorkspaceOverview workspace={current.data} />;
}

function Welcome() {
  return (
    <div className="page page-narrow">
      <header className="page-header">
        <h1>Welcome to Demo Ledger</h1>
        <p className="lead">
          Compliance by demonstration: attend each sprint demo, attach the evidence the pipeline
          produced, judge the controls, and leave with a signed record. Start with a workspace for
          the product or audit you are working on.
        </p>
      </header>
      <section className="panel" aria-labelledby="first-workspace">
        <h2 id="first-workspace">Create your first workspace</h2>
        <WorkspaceForm onDone={() => undefined} />
      </section>
    </div>
  );
}

function WorkspaceOverview({ workspace }: { workspace: Workspace }) {
  const teams = useTeams(workspace.id);
  const sprints = useSprintPages(workspace.id);
  const sprintRows = sprints.data?.rows ?? [];
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const close = (): void => setEditing({ kind: 'none' });
  const teamList = teams.data ?? [];
  const teamNames = new Map(teamList.map((team) => [team.id, team.name]));
  const commands = useMemo(
    () => [
      { ...offered('sprint.new'), run: () => setEditing({ kind: 'sprint' }) },
      { ...offered('team.new'), run: () => setEditing({ kind: 'team' }) },
      { ...offered('workspace.edit'), run: () => setEditing({ kind: 'workspace' }) },
    ],
    [],
  );
  useRegisterCommands(commands);

  return (
    <div className="page">
      <header className="page-header page-header-row">
        <div>
          <h1>{workspace.name}</h1>
          {workspace.description ? <p className="lead">{workspace.description}</p> : null}
        </div>
        <button type="button" className="button" onClick={() => setEditing({ kind: 'workspace' })}>
          Edit workspace
        </button>
      </header>

      <section className="panel" aria-labelledby="sprints-heading">
        <div className="panel-header">
          <h2 id="sprints-heading">Sprints</h2>
          <button
            type="button"
            className="button primary"
            onClick={() => setEditing({ kind: 'sprint' })}
            aria-keyshortcuts="Alt+N"
          >
            New sprint
          </button>
        </div>
        <FormError message={sprints.error?.message} />
        {sprints.data && sprintRows.length === 0 ? (
          <p className="empty">No sprints yet. Create one to prepare its demo.</p>
        ) : null}
        {sprints.data && sprintRows.length > 0 ? (
          <>
            <p className="muted" role="status">
              {formatNumber(sprints.data.total)} {sprints.data.total === 1 ? 'sprint' : 'sprints'},
              most recent first
            </p>
            <VirtualTable
              label="Sprints"
              rows={sprintRows}
              totalRows={sprints.data.total}
              rowKey={(sprint) => sprint.id}
              columns={5}
              onNearEnd={sprints.loadMore}
              head={
                <tr>
                  <th scope="col">Sprint</th>
                  <th scope="col">Team</th>
                  <th scope="col">Dates</th>
                  <th scope="col">Goal</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              }
              cells={(sprint) => (
                <>
                  <th scope="row">{sprint.name}</th>
                  <td>{sprint.teamId ? (teamNames.get(sprint.teamId) ?? '—') : '—'}</td>
                  <td className="nowrap">
                    {formatDate(sprint.startDate)} – {formatDate(sprint.endDate)}
                  </td>
                  <td className="clamp">{sprint.goal}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="button small"
                      onClick={() => setEditing({ kind: 'sprint', sprint })}
                      aria-label={`Edit ${sprint.name}`}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      className="button small danger-quiet"
                      onClick={() => setEditing({ kind: 'delete-sprint', sprint })}
                      aria-label={`Delete ${sprint.name}`}
                    >
                      Delete
                    </button>
                  </td>
                </>
              )}
            />
          </>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="teams-heading">
        <div className="panel-header">
          <h2 id="teams-heading">Teams</h2>
          <button type="button" className="button" onClick={() => setEditing({ kind: 'team' })}>
            New team
          </button>
        </div>
        {teams.data && teams.data.length === 0 ? (
          <p className="empty">No teams yet. Sprints can belong to a team and its product.</p>
        ) : null}
        <ul className="card-list" aria-label="Teams">
          {teamList.map((team) => (
            <li key={team.id} className="card">
              <div>
                <strong>{team.name}</strong>
                {team.product ? <span className="muted"> · {team.product}</span> : null}
              </div>
              <div className="row-actions">
                <button
                  type="button"
                  className="button small"
                  onClick={() => setEditing({ kind: 'team', team })}
                  aria-label={`Edit ${team.name}`}
                >
                  Edit
                </button>
                <button
                  type="button"
                  className="button small danger-quiet"
                  onClick={() => setEditing({ kind: 'delete-team', team })}
                  aria-label={`Delete ${team.name}`}
                >
                  Delete
                </button>
              </div>
            </li>
          ))}
        </ul>
      </section>

      <WorkspaceDialog open={editing.kind === 'workspace'} onClose={close} workspace={workspace} />
      <TeamDialog
        open={editing.kind === 'team'}
        onClose={close}
        workspaceId={workspace.id}
        team={editing.kind === 'team' ? editing.team : undefined}
      />
      <SprintDialog
        open={editing.kind === 'sprint'}
        onClose={close}
        workspaceId={workspace.id}
        teams={teamList}
        sprint={editing.kind === 'sprint' ? editing.sprint : undefined}
        latest={sprintRows[0]}
      />
      <ConfirmDialog
        open={editing.kind === 'delete-sprint'}
        title="Delete sprint"
        message={
          editing.kind === 'delete-sprint'
            ? `Delete “${editing.sprint.name}” and everything recorded for it? The deletion is kept in the audit log.`
            : ''
        }
        confirmLabel="Delete sprint"
        onConfirm={async () => {
          if (editing.kind === 'delete-sprint') await deleteSprint(editing.sprint.id);
        }}
        onClose={close}
      />
      <ConfirmDialog
        open={editing.kind === 'delete-team'}
        title="Delete team"
        message={
          editing.kind === 'delete-team'
            ? `Delete the team “${editing.team.name}”? Its sprints stay, without a team.`
            : ''
        }
        confirmLabel="Delete team"
        onConfirm={async () => {
          if (editing.kind === 'delete-team') await deleteTeam(editing.team.id);
        }}
        onClose={close}
      />
    </div>
  );
}
