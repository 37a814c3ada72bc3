import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import type { ControlCoverage, Coverage } from '../../../../core/demo/coverage';
import { MAX_WINDOW_DAYS, computeCoverage, summarise } from '../../../../core/demo/coverage';
import { STALENESS_LABELS } from '../../../../core/evidence/freshness';
import type { Workspace } from '../../../../core/model';
import { notifyError } from '../../app/notifications';
import { SelectField, TextField } from '../../components/Field';
import { formatDate, formatNumber, todayIso } from '../../lib/format';
import { saveSetting } from '../settings/commands';
import { useSetting } from '../settings/queries';
import { ControlLabel, useControlTitles } from './ControlLabel';
import { useCoverageRows } from './queries';
import type { ScopeOfControls } from './slots';
import { useDemoSlots } from './slots';
import { JudgementBadge } from './VerdictBadge';
import { FormError } from '../../components/FormFooter';

/**
 * Which in-scope controls were demonstrated, with what outcome, and which have gone stale. A
 * file counts for the controls it is linked to, dated by its tool or a stated period; a control
 * whose files are all undated is not fresh.
 */
export function CoveragePage({ workspace }: { workspace: Workspace }) {
  const rows = useCoverageRows(workspace.id);
  const windowSetting = useSetting('coverageWindowDays');
  const { scope, evidence } = useDemoSlots();
  const controlEvidence = evidence.useControlEvidence(workspace.id);
  // Null until the scope is read: counting before it would show the linked controls alone
  // ("In scope 11" before 541).
  const [read, setRead] = useState<{
    workspaceId: string;
    scope: ScopeOfControls | 'failed';
  } | null>(null);
  const current = read?.workspaceId === workspace.id ? read.scope : null;
  const scoped = current === 'failed' ? null : current;
  const scopeFailed = current === 'failed';
  const [sprintId, setSprintId] = useState('');
  const [windowText, setWindowText] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    const workspaceId = workspace.id;
    scope.scope(workspaceId).then(
      (found) => {
        if (!cancelled) setRead({ workspaceId, scope: found });
      },
      (error: unknown) => {
        notifyError(error, 'Could not read the controls in scope');
        if (!cancelled) setRead({ workspaceId, scope: 'failed' });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [scope, workspace.id]);

  const windowDays = windowSetting.data ?? 90;
  const outOfScope = scoped?.outOfScope.length ?? 0;
  const notCounted = controlEvidence?.filter((file) => file.counts === false).length ?? 0;
  const today = todayIso();
  const coverage =
    rows.data && controlEvidence && scoped
      ? computeCoverage({
          today,
          windowDays,
          scope: scoped.inScope,
          outOfScope: scoped.outOfScope,
          sprints: rows.data.sprints,
          demos: rows.data.demos,
          items: rows.data.items,
          verdicts: rows.data.verdicts,
          evidence: controlEvidence,
        })
      : null;
  return (
    <div className="page page-wide">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Demos</Link> / Coverage
      </nav>
      <header className="page-header">
        <h1>Control coverage</h1>
        <p className="lead">
          Outcomes as they stand today ({formatDate(today)}): an exception past its expiry counts as
          not satisfied. {scope.hint}
          {outOfScope === 1
            ? ' 1 control decided not applicable is left out.'
            : outOfScope > 1
              ? ` ${formatNumber(outOfScope)} controls decided not applicable are left out.`
              : ''}
          {notCounted > 0
            ? ` ${notCounted === 1 ? '1 file linked to controls shows' : `${notCounted} files linked to controls show`} nothing (scan failed or incomplete, or not understood) and ${notCounted === 1 ? 'is' : 'are'} not counted as evidence.`
            : ''}
        </p>
      </header>
      <section className="panel coverage-options" aria-label="Coverage options">
        <SelectField
          label="Show"
          value={sprintId}
          onChange={(event) => setSprintId(event.target.value)}
        >
          <option value="">All sprints</option>
          {(coverage?.sprints ?? []).map((sprint) => (
            <option key={sprint.id} value={sprint.id}>
              {sprint.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Stale after (days without evidence)"
          type="number"
          min={1}
          max={MAX_WINDOW_DAYS}
          value={windowText ?? String(windowDays)}
          onChange={(event) => setWindowText(event.target.value)}
          onBlur={() => {
            if (windowText === null) return;
            const days = Number(windowText);
            setWindowText(null);
            if (Number.isInteger(days) && days >= 1 && days <= MAX_WINDOW_DAYS)
              saveSetting('coverageWindowDays', days).catch((error: unknown) => notifyError(error));
            else
              notifyError(new Error(`Enter a whole number of days from 1 to ${MAX_WINDOW_DAYS}.`));
          }}
        />
      </section>
      <FormError
        message={
          rows.error?.message ??
          (scopeFailed ? 'Could not read the controls in scope: coverage is not shown.' : null)
        }
      />
      {coverage ? (
        <CoverageView coverage={coverage} sprintId={sprintId || null} windowDays={windowDays} />
      ) : rows.error || scopeFailed ? null : (
        <p className="panel muted" role="status" aria-busy="true">
          Counting the controls in scope…
        </p>
      )}
    </div>
  );
}

function CoverageView({
  coverage,
  sprintId,
  windowDays,
}: {
  coverage: Coverage;
  sprintId: string | null;
  windowDays: number;
}) {
  const titles = useControlTitles(coverage.controls.map((row) => row.control));
  const summary = summarise(coverage.controls, sprintId);
  const columns = sprintId === null ? coverage.sprints.slice(-6) : [];
  if (coverage.controls.length === 0) {
    return (
      <p className="panel empty">
        No controls in scope yet. Adopt a framework in the Controls area, or link controls to agenda
        items, to start measuring coverage.
      </p>
    );
  }
  const judgementOf = (row: ControlCoverage) =>
    sprintId === null ? row.current : (row.bySprint[sprintId] ?? null);
  return (
    <>
      <dl className="figures" aria-label="Coverage summary">
        {[
          ['In scope', summary.inScope],
          ['Demonstrated', summary.demonstrated],
          ['Satisfied', summary.satisfied],
          ['Not satisfied', summary.notSatisfied],
          ['Exceptions', summary.exceptions],
          [`Stale (> ${windowDays} days)`, summary.stale],
          ['Undated evidence only', summary.undated],
        ].map(([label, value]) => (
          <div key={String(label)} className="figure">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <section className="panel coverage-table-panel">
        <table className="table coverage-table" aria-label="Control coverage">
          <thead>
            <tr>
              <th scope="col">Control</th>
              <th scope="col">{sprintId === null ? 'Latest outcome' : 'Outcome in sprint'}</th>
              <th scope="col">Last demonstrated</th>
              {columns.map((sprint) => (
                <th key={sprint.id} scope="col" className="sprint-column">
                  {sprint.name}
                </th>
              ))}
              <th scope="col">Last evidence</th>
              <th scope="col">Freshness</th>
            </tr>
          </thead>
          <tbody>
            {coverage.controls.map((row) => (
              <tr key={row.control}>
                <th scope="row">
                  <ControlLabel control={row.control} title={titles.get(row.control)} />
                </th>
                <td>
                  <JudgementBadge judgement={judgementOf(row)} />
                </td>
                <td className="nowrap">
                  {row.lastDemonstrated ? formatDate(row.lastDemonstrated.date) : '—'}
                </td>
                {columns.map((sprint) => (
                  <td key={sprint.id} className="sprint-cell">
                    <JudgementBadge judgement={row.bySprint[sprint.id] ?? null} />
                  </td>
                ))}
                <td className="nowrap">
                  {row.lastEvidence
                    ? formatDate(row.lastEvidence)
                    : row.evidenceCount > 0
                      ? 'undated'
                      : '—'}
                  {row.evidenceCount > 0 ? (
                    <span className="muted small">
                      {' '}
                      ({row.evidenceCount}
                      {row.undatedCount > 0 && row.lastEvidence
                        ? `, ${row.undatedCount} undated`
                        : ''}
                      )
                    </span>
                  ) : null}
                </td>
                <td>
                  <span className={`staleness staleness-${row.staleness}`}>
                    {STALENESS_LABELS[row.staleness]}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
