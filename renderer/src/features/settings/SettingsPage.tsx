import { useEffect, useState } from 'react';
import { Link, Route, Switch } from 'wouter';
import type { AppInfo } from '../../../../core/ipc/contract';
import type { Workspace } from '../../../../core/model';
import { getApi } from '../../app/api';
import { notifyError } from '../../app/notifications';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { SelectField } from '../../components/Field';
import type { StorageStatus } from '../../db/storage';
import { requestPersistentStorage, storageStatus } from '../../db/storage';
import { formatBytes } from '../../lib/format';
import { IdentityPanel } from '../signing/IdentityPanel';
import { YouPanel } from '../people/YouPanel';
import { AuditLogPage } from '../audit/AuditLogPage';
import { VerifyPanel } from '../audit/VerifyPanel';
import { BackupPanel } from '../backup/BackupPanel';
import { BundlesPage } from '../bundles/BundlesPage';
import { LockerPage } from '../locker/LockerPage';
import { SamplePanel } from '../sample/SamplePanel';
import { deleteWorkspace } from '../workspaces/commands';
import { useWorkspaces } from '../workspaces/queries';
import { WorkspaceDialog } from '../workspaces/WorkspaceDialog';
import { saveSetting } from './commands';
import type { ThemePreference } from './definitions';
import { useSetting } from './queries';

/**
 * Settings, with the audit log, audit bundles and the team locker as pages of their own below it
 * (`/settings/audit-log`, `/settings/bundles`, `/settings/locker`).
 */
export function SettingsPage() {
  return (
    <Switch>
      <Route path="/audit-log" component={AuditLogPage} />
      <Route path="/bundles" component={BundlesPage} />
      <Route path="/locker" component={LockerPage} />
      <Route>
        <SettingsOverview />
      </Route>
    </Switch>
  );
}

function SettingsOverview() {
  return (
    <div className="page">
      <header className="page-header">
        <h1>Settings</h1>
        <p className="lead">
          Who you are (and who else uses this computer), your signing identities, trusted
          certificates, appearance, workspaces and where data is kept.
        </p>
      </header>
      <YouPanel />
      <IdentityPanel />
      <AppearanceSettings />
      <WorkspaceSettings />
      <SamplePanel />
      <VerifyPanel>
        <Link href="/audit-log" className="button" aria-keyshortcuts="Alt+L">
          Browse the audit log
        </Link>
      </VerifyPanel>
      <BackupPanel />
      <BundlesLink />
      <LockerLink />
      <StoragePanel />
    </div>
  );
}

function BundlesLink() {
  return (
    <section className="panel" aria-labelledby="bundles-heading">
      <div className="panel-header">
        <h2 id="bundles-heading">Audit bundles</h2>
        <Link href="/bundles" className="button" aria-keyshortcuts="Alt+Shift+B">
          Export, import and merge bundles
        </Link>
      </div>
      <p className="muted">
        A sprint, a demo or a period as one signed file for an auditor who reviews offline, and
        their co-signed review merged back.
      </p>
    </section>
  );
}

function LockerLink() {
  return (
    <section className="panel" aria-labelledby="locker-heading">
      <div className="panel-header">
        <h2 id="locker-heading">Team locker</h2>
        <Link href="/locker" className="button" aria-keyshortcuts="Alt+Shift+T">
          Set up and publish
        </Link>
      </div>
      <p className="muted">
        The team’s bucket with Object Lock: publish signed bundles there, even offline (they are
        sent when it can be reached).
      </p>
    </section>
  );
}

function AppearanceSettings() {
  const theme = useSetting('theme');
  return (
    <section className="panel" aria-labelledby="appearance-heading">
      <h2 id="appearance-heading">Appearance</h2>
      <div className="form-grid">
        <SelectField
          label="Theme"
          value={theme.data ?? 'system'}
          onChange={(event) =>
            void saveSetting('theme', event.target.value as ThemePreference).catch(
              (error: unknown) => notifyError(error),
            )
          }
        >
          <option value="system">Follow the system</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </SelectField>
      </div>
    </section>
  );
}

function WorkspaceSettings() {
  const workspaces = useWorkspaces();
  const [editing, setEditing] = useState<Workspace | null>(null);
  const [deleting, setDeleting] = useState<Workspace | null>(null);
  const [creating, setCreating] = useState(false);
  return (
    <section className="panel" aria-labelledby="workspaces-heading">
      <div className="panel-header">
        <h2 id="workspaces-heading">Workspaces</h2>
        <button type="button" className="button" onClick={() => setCreating(true)}>
          New workspace
        </button>
      </div>
      <ul className="card-list" aria-label="Workspaces">
        {(workspaces.data ?? []).map((workspace) => (
          <li key={workspace.id} className="card">
            <strong>{workspace.name}</strong>
            <div className="row-actions">
              <button
                type="button"
                className="button small"
                onClick={() => setEditing(workspace)}
                aria-label={`Edit ${workspace.name}`}
              >
                Edit
              </button>
              <button
                type="button"
                className="button small danger-quiet"
                onClick={() => setDeleting(workspace)}
                aria-label={`Delete ${workspace.name}`}
              >
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>
      <WorkspaceDialog open={creating} onClose={() => setCreating(false)} />
      <WorkspaceDialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        {...(editing ? { workspace: editing } : {})}
      />
      <ConfirmDialog
        open={deleting !== null}
        title="Delete workspace"
        message={`This deletes “${deleting?.name ?? ''}” with all its teams, sprints and everything recorded in them. The deletion itself stays in the audit log.`}
        confirmLabel="Delete workspace"
        typeToConfirm={deleting?.name ?? ''}
        onConfirm={async () => {
          if (deleting) await deleteWorkspace(deleting.id);
        }}
        onClose={() => setDeleting(null)}
      />
    </section>
  );
}

function StoragePanel() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [status, setStatus] = useState<StorageStatus | null>(null);
  useEffect(() => {
    getApi()
      .appGetInfo()
      .then(setInfo, () => setInfo(null));
    storageStatus().then(setStatus, () => setStatus(null));
  }, []);
  return (
    <section className="panel" aria-labelledby="storage-heading">
      <h2 id="storage-heading">Data and application</h2>
      <dl className="facts">
        <div>
          <dt>Data folder</dt>
          <dd>
            <code>{info?.dataPath ?? '—'}</code>
          </dd>
        </div>
        <div>
          <dt>Storage</dt>
          <dd>
            {status === null
              ? '—'
              : `${status.usageBytes === null ? '?' : formatBytes(status.usageBytes)} used${status.quotaBytes === null ? '' : ` of ${formatBytes(status.quotaBytes)} available`}`}
          </dd>
        </div>
        <div>
          <dt>Protected from eviction</dt>
          <dd>
            {status?.persisted ? 'Yes' : 'No'}
            {status && !status.persisted ? (
              <button
                type="button"
                className="button small"
                onClick={() =>
                  void requestPersistentStorage().then(() => storageStatus().then(setStatus))
                }
              >
                Request protection
              </button>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Version</dt>
          <dd>
            {info
              ? `${info.name} ${info.version} (${info.host === 'electron' ? 'desktop app' : 'Chromium host'}, ${info.platform})`
              : '—'}
          </dd>
        </div>
      </dl>
    </section>
  );
}
