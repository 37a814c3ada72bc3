import { useMemo, useState } from 'react';
import type { SlaPolicy, Workspace } from '../../../../core/model';
import { useRegisterCommands } from '../../app/commands/registry';
import { formatShortcut, isMacPlatform } from '../../app/commands/shortcuts';
import { notify, notifyError } from '../../app/notifications';
import { IssueDashboard } from './dashboard/IssueDashboard';
import { IssueDetail } from './IssueDetail';
import { IssueList } from './IssueList';
import { useIssue, useIssueCount } from './queries';
import { requestRaiseIssue } from './raise-requests';
import { selectIssue, useSelectedIssueId } from './selection';
import { SlaPolicyDialog } from './SlaPolicyDialog';
import { TrackerImportDialog } from './TrackerImportDialog';
import { exportIssuesCsv } from './tracker';
import { WorkspaceGate } from './WorkspaceGate';
import './issues.css';
import { FormError } from '../../components/FormFooter';
import { offered } from '../../app/commands/offered';

export function IssuesPage() {
  return (
    <WorkspaceGate
      title="Security issues"
      commands={['issues.import', 'issues.export', 'issues.policy']}
    >
      {(workspace, policy) => <IssuesView workspace={workspace} policy={policy} />}
    </WorkspaceGate>
  );
}

function IssuesView({ workspace, policy }: { workspace: Workspace; policy: SlaPolicy }) {
  const count = useIssueCount(workspace.id);
  const selectedId = useSelectedIssueId();
  const selected = useIssue(selectedId);
  const [dialog, setDialog] = useState<'none' | 'policy' | 'import'>('none');
  const isMac = isMacPlatform();
  const open = selectedId === null ? null : selected.data;

  const commands = useMemo(() => {
    const exportCsv = () => {
      exportIssuesCsv(workspace.id).then(
        (path) => {
          if (path !== null) notify('success', `Exported for Jira: ${path}`);
        },
        (error: unknown) => notifyError(error, 'Export failed'),
      );
    };
    return [
      { ...offered('issues.import'), run: () => setDialog('import') },
      { ...offered('issues.export'), run: exportCsv },
      { ...offered('issues.policy'), run: () => setDialog('policy') },
    ];
  }, [workspace.id]);
  useRegisterCommands(commands);
  const run = (id: string) => commands.find((command) => command.id === id)?.run();

  return (
    <div className="page page-wide">
      <header className="page-header page-header-row">
        <div>
          <h1>Security issues</h1>
          <p className="lead">
            P1: fix immediately (within {policy.p1Hours} h). P2: fix by the end of the working week.
            Clocks run on {policy.timeZone} time.
          </p>
        </div>
        <div className="header-actions">
          <button
            type="button"
            className="button primary"
            onClick={() => requestRaiseIssue({ workspaceId: workspace.id })}
            aria-keyshortcuts="Alt+I"
          >
            Raise issue <kbd>{formatShortcut('Alt+I', isMac)}</kbd>
          </button>
          <button type="button" className="button" onClick={() => run('issues.import')}>
            Import from Jira
          </button>
          <button
            type="button"
            className="button"
            onClick={() => run('issues.export')}
            disabled={!count.data}
          >
            Export CSV
          </button>
          <button type="button" className="button" onClick={() => run('issues.policy')}>
            SLA policy
          </button>
        </div>
      </header>
      <FormError message={selected.error?.message} />
      {selectedId !== null && open === undefined ? <p className="muted">Loading…</p> : null}
      {open ? <IssueDetail issue={open} policy={policy} onBack={() => selectIssue(null)} /> : null}
      {selectedId === null || open === null ? (
        <>
          <IssueDashboard workspaceId={workspace.id} policy={policy} />
          <IssueList
            workspaceId={workspace.id}
            policy={policy}
            onOpen={(issue) => selectIssue(issue.id)}
          />
        </>
      ) : null}
      <SlaPolicyDialog
        open={dialog === 'policy'}
        workspaceId={workspace.id}
        policy={policy}
        onClose={() => setDialog('none')}
      />
      <TrackerImportDialog
        open={dialog === 'import'}
        workspaceId={workspace.id}
        policy={policy}
        onClose={() => setDialog('none')}
      />
    </div>
  );
}
