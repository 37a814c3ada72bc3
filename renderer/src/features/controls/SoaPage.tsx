import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import type { SoaRow } from '../../../../core/catalog/soa';
import { applicabilityText, statementOfApplicability } from '../../../../core/catalog/soa';
import { notify, notifyError } from '../../app/notifications';
import { counted, formatNumber } from '../../lib/format';
import { useRegisterCommands } from '../../app/commands/registry';
import type { Workspace } from '../../../../core/model';
import { useCurrentWorkspace } from '../workspaces/queries';
import { exportStatementOfApplicability, removeFramework } from './commands';
import { AdoptFrameworkForm } from './AdoptFrameworkForm';
import { useControlLibrary } from './library';
import { controlPath } from './paths';
import { useScopeDecisions, useWorkspaceFrameworks } from './queries';
import { offered, useOfferedNeeding } from '../../app/commands/offered';

const NO_WORKSPACE = 'Create a workspace first: scope is recorded per workspace.';

function NoWorkspace() {
  useOfferedNeeding(['controls.soa.export'], NO_WORKSPACE);
  return (
    <section className="panel">
      <h2>Statement of Applicability</h2>
      <p className="muted">{NO_WORKSPACE}</p>
    </section>
  );
}

/** The workspace's frameworks in scope and its Statement of Applicability, exportable as CSV. */
export function SoaPage() {
  const workspace = useCurrentWorkspace();
  if (workspace.data === undefined) return <p className="muted">Loading…</p>;
  if (workspace.data === null) return <NoWorkspace />;
  return <WorkspaceSoa workspace={workspace.data} />;
}

function WorkspaceSoa({ workspace }: { workspace: Workspace }) {
  const { library } = useControlLibrary();
  const frameworks = useWorkspaceFrameworks(workspace.id);
  const decisions = useScopeDecisions(workspace.id);
  const [showAll, setShowAll] = useState(false);
  const rows: SoaRow[] = useMemo(
    () =>
      library && frameworks.data && decisions.data
        ? statementOfApplicability(library, frameworks.data, decisions.data)
        : [],
    [library, frameworks.data, decisions.data],
  );
  const decided = rows.filter((row) => row.applicability !== 'undecided');
  const shown = showAll ? rows : decided;
  const exportCsv = (): void => {
    exportStatementOfApplicability(workspace)
      .then((path) => {
        if (path) notify('success', `Statement of Applicability saved to ${path}`);
      })
      .catch((error: unknown) => notifyError(error, 'Export failed'));
  };
  const commands = useMemo(
    () => [{ ...offered('controls.soa.export'), run: exportCsv }],
    // exportCsv only closes over the workspace.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [workspace],
  );
  useRegisterCommands(commands);
  return (
    <>
      <section className="panel" aria-labelledby="frameworks-in-scope">
        <div className="panel-header">
          <h2 id="frameworks-in-scope">Frameworks in {workspace.name}</h2>
        </div>
        {frameworks.data && frameworks.data.length === 0 ? (
          <p className="empty">
            No framework yet. Add one, or decide the scope of any control to add its framework.
          </p>
        ) : null}
        <ul className="card-list" aria-label="Frameworks in scope">
          {(frameworks.data ?? []).map((framework) => {
            const catalog = library?.catalog(framework.catalogId);
            const profile = catalog?.profiles.find((entry) => entry.id === framework.profileId);
            return (
              <li key={framework.id} className="card">
                <div>
                  <strong>{catalog?.shortTitle ?? catalog?.title ?? framework.catalogId}</strong>
                  <span className="muted">
                    {' '}
                    · version {framework.version} · {profile?.title ?? 'all controls'}
                  </span>
                </div>
                <button
                  type="button"
                  className="button small danger-quiet"
                  aria-label={`Remove ${catalog?.shortTitle ?? framework.catalogId} from scope`}
                  onClick={() =>
                    void removeFramework(framework.id).catch((error: unknown) => notifyError(error))
                  }
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
        <AdoptFrameworkForm workspaceId={workspace.id} />
      </section>
      <section className="panel" aria-labelledby="soa-heading">
        <div className="panel-header">
          <h2 id="soa-heading">Statement of Applicability</h2>
          <div className="row-actions">
            <label className="choice">
              <input
                type="checkbox"
                checked={showAll}
                onChange={(event) => setShowAll(event.target.checked)}
              />
              Show undecided controls ({rows.length - decided.length})
            </label>
            <button type="button" className="button primary" onClick={exportCsv}>
              Export CSV
            </button>
          </div>
        </div>
        <p className="muted">
          {formatNumber(decided.length)} decided of {counted(rows.length, 'control')} in scope.
        </p>
        {shown.length > 0 ? (
          <table className="table" aria-label="Statement of Applicability">
            <thead>
              <tr>
                <th scope="col">Control</th>
                <th scope="col">Framework</th>
                <th scope="col">Applicability</th>
                <th scope="col">Justification</th>
                <th scope="col">Decided by</th>
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, 500).map((row) => (
                <tr key={row.ref}>
                  <th scope="row">
                    <Link href={`~${controlPath(row.ref)}`}>
                      <span className="control-label">{row.label}</span> {row.title}
                    </Link>
                  </th>
                  <td>{row.framework}</td>
                  <td>{applicabilityText(row.applicability)}</td>
                  <td className="clamp">{row.justification}</td>
                  <td>{row.decidedBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {shown.length > 500 ? (
          <p className="muted">The first 500 rows are shown; the export has all {shown.length}.</p>
        ) : null}
      </section>
    </>
  );
}
