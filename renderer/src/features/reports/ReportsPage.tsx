import './reports.css';
import type { RefObject } from 'react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { Link } from 'wouter';
import type { Workspace } from '../../../../core/model';
import type { Refusal } from '../../app/commands/registry';
import { useRegisterCommands } from '../../app/commands/registry';
import { formatDayOf } from '../../lib/format';
import { useCurrentWorkspace } from '../workspaces/queries';
import { BuildPanel } from './BuildPanel';
import { useExportedReports } from './queries';
import { VerifyPanel } from './VerifyPanel';
import { offered } from '../../app/commands/offered';

export function ReportsPage() {
  const current = useCurrentWorkspace();
  if (current.isLoading && current.data === undefined)
    return <p className="muted page">Loading…</p>;
  if (current.error) throw current.error;
  if (!current.data) return <NoWorkspace />;
  return <Reports workspace={current.data} />;
}

const NO_WORKSPACE_BUILD = (): Refusal => ({
  needs: 'Create a workspace and a sprint first (in Sprints): reports are built from them.',
});

/**
 * Registers the area's commands: `build` (stable across renders) answers *Build and sign*, and
 * *Verify* opens the picker of the returned input.
 */
function useReportCommands(build: () => void | Refusal): RefObject<HTMLInputElement | null> {
  const verifyInput = useRef<HTMLInputElement>(null);
  const commands = useMemo(
    () => [
      { ...offered('report.build'), run: build },
      { ...offered('report.verify'), run: () => verifyInput.current?.click() },
    ],
    [build],
  );
  useRegisterCommands(commands);
  return verifyInput;
}

/** Without a workspace nothing can be built, but a signed PDF can still be verified. */
function NoWorkspace() {
  const verifyInput = useReportCommands(NO_WORKSPACE_BUILD);
  return (
    <div className="page">
      <header className="page-header">
        <h1>Reports</h1>
        <p className="lead">
          Create a workspace first (in <Link href="~/">Sprints</Link>); reports are built from its
          sprints.
        </p>
      </header>
      <VerifyPanel inputRef={verifyInput} />
    </div>
  );
}

function Reports({ workspace }: { workspace: Workspace }) {
  const [buildRequested, setBuildRequested] = useState(0);
  const requestBuild = useCallback(() => setBuildRequested((count) => count + 1), []);
  const verifyInput = useReportCommands(requestBuild);
  return (
    <div className="page">
      <header className="page-header">
        <h1>Reports</h1>
        <p className="lead">
          Signed control-evidence PDFs that any PDF reader verifies, and OSCAL assessment results.
        </p>
      </header>
      <BuildPanel workspace={workspace} buildRequested={buildRequested} />
      <VerifyPanel inputRef={verifyInput} />
      <ExportedReports workspaceId={workspace.id} />
    </div>
  );
}

function ExportedReports({ workspaceId }: { workspaceId: string }) {
  const reports = useExportedReports(workspaceId);
  return (
    <section className="panel" aria-labelledby="exported-heading">
      <h2 id="exported-heading">Signed reports</h2>
      {reports.data && reports.data.length === 0 ? (
        <p className="empty">No report has been signed in this workspace yet.</p>
      ) : null}
      {reports.data && reports.data.length > 0 ? (
        <table className="table" aria-label="Signed reports">
          <thead>
            <tr>
              <th scope="col">Report</th>
              <th scope="col">Signed</th>
              <th scope="col">Signers</th>
              <th scope="col">Verdict</th>
              <th scope="col">SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {reports.data.map((report) => (
              <tr key={report.id}>
                <th scope="row">
                  {report.title}
                  <div className="muted">{report.path ?? report.fileName}</div>
                </th>
                <td className="nowrap">{formatDayOf(report.createdAt)}</td>
                <td>{report.signers.join(', ')}</td>
                <td>{report.verdict.replace('-', ', ')}</td>
                <td>
                  <code className="hash">{report.sha256}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
