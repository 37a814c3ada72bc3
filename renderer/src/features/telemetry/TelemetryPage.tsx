import { useOfferedNeeding } from '../../app/commands/offered';
import { useMemo, useState } from 'react';
import type { ChartSpec } from '../../../../core/charts/series';
import { dashboardCharts, datasetRange } from '../../../../core/telemetry/charts';
import type { SecurityIssueDraft } from '../../../../core/telemetry/issue-draft';
import { issueDraftFromAlert } from '../../../../core/telemetry/issue-draft';
import type { Totals } from '../../../../core/telemetry/model';
import type {
  TelemetryAlertRecord,
  TelemetryImportRecord,
} from '../../../../core/telemetry/records';
import { useRegisterCommands } from '../../app/commands/registry';
import { useCurrentWorkspace } from '../workspaces/queries';
import { AlertsPanel } from './AlertsPanel';
import { ChartActions } from './ChartActions';
import { ImportDialog } from './ImportDialog';
import { ImportsPanel } from './ImportsPanel';
import { IssueDraftDialog } from './IssueDraftDialog';
import { useTelemetry } from './queries';
import { RulesPanel } from './RulesPanel';
import { ChangesPanel } from './ChangesPanel';
import { SourcesPanel } from './SourcesPanel';
import type { TelemetryIntegrations } from './slots';
import { TelemetryChart } from './TelemetryChart';
import './telemetry.css';
import { FormError } from '../../components/FormFooter';
import { formatNumber } from '../../lib/format';
import { offered } from '../../app/commands/offered';

/** Points drawn per series: enough for a wide window, few enough to stay smooth. */
const DISPLAY_POINTS = 600;

const NO_WORKSPACE = 'Create a workspace in Sprints first; telemetry belongs to a workspace.';

function NoWorkspace() {
  useOfferedNeeding(['telemetry.import'], NO_WORKSPACE);
  return (
    <div className="page">
      <header className="page-header">
        <h1>Telemetry</h1>
        <p className="lead">{NO_WORKSPACE}</p>
      </header>
    </div>
  );
}

export function TelemetryPage(props: TelemetryIntegrations) {
  const workspace = useCurrentWorkspace();
  if (workspace.data === undefined) return <p className="muted page">Loading…</p>;
  if (workspace.data === null) return <NoWorkspace />;
  return <TelemetryDashboard workspaceId={workspace.data.id} {...props} />;
}

function TelemetryDashboard({
  workspaceId,
  onRaiseIssue,
  onAttachEvidence,
  raisedIssueOf,
}: TelemetryIntegrations & { workspaceId: string }) {
  const telemetry = useTelemetry(workspaceId);
  const [importing, setImporting] = useState(false);
  const [zoom, setZoom] = useState<{ from: number; to: number } | null>(null);
  const [drafting, setDrafting] = useState<{ alertId: string; draft: SecurityIssueDraft } | null>(
    null,
  );
  const dataset = telemetry.data?.dataset;
  const full = useMemo(() => (dataset ? datasetRange(dataset) : null), [dataset]);
  const view = zoom ?? full;
  const charts = useMemo(
    () => (dataset && view ? dashboardCharts(dataset, { ...view, maxPoints: DISPLAY_POINTS }) : []),
    [dataset, view],
  );
  const exportChart = (id: string): ChartSpec | undefined =>
    dataset && full
      ? dashboardCharts(dataset, { ...full, maxPoints: 2000 }).find((chart) => chart.id === id)
      : undefined;
  const commands = useMemo(
    () => [
      { ...offered('telemetry.import'), run: () => setImporting(true) },
      {
        id: 'telemetry.resetZoom',
        title: 'Show the whole period on the charts',
        section: 'Telemetry',
        shortcut: 'Alt+0',
        run: () => setZoom(null),
      },
    ],
    [],
  );
  useRegisterCommands(commands);
  const raise = (alert: TelemetryAlertRecord) =>
    setDrafting({
      alertId: alert.id,
      draft: issueDraftFromAlert(alert, {
        alertId: alert.id,
        importId: alert.importId,
        fileName: alert.fileName,
      }),
    });
  const show = (alert: TelemetryAlertRecord) => {
    const margin = Math.max(15 * 60_000, (alert.to - alert.from) * 2);
    setZoom({ from: alert.from - margin, to: alert.to + margin });
  };
  const imports = telemetry.data?.imports ?? [];
  return (
    <div className="page page-wide">
      <header className="page-header page-header-row">
        <div>
          <h1>Telemetry</h1>
          <p className="lead">
            Access, authentication and change logs as charts: failed-to-successful logins, XSS and
            SQL-injection attempts, 4xx/5xx rates, with alerts, the changes made around them, and
            the sources that went quiet.
          </p>
        </div>
        <button
          type="button"
          className="button primary"
          onClick={() => setImporting(true)}
          aria-keyshortcuts="Alt+I"
        >
          Import telemetry
        </button>
      </header>
      <FormError message={telemetry.error?.message} />
      {telemetry.data && imports.length === 0 ? (
        <section className="panel">
          <p className="empty">
            Nothing imported yet. Import an nginx or Apache access log, an auth.log, login events, a
            metric export, a change log, or a Puppet, Chef, AIDE, Tripwire or OSSEC/Wazuh report.
          </p>
        </section>
      ) : null}
      {imports.length > 0 ? <TotalsStrip imports={imports} /> : null}
      {zoom ? (
        <p className="zoom-bar" role="status">
          Showing {new Date(zoom.from).toISOString().slice(0, 16).replace('T', ' ')} –{' '}
          {new Date(zoom.to).toISOString().slice(11, 16)} UTC.{' '}
          <button
            type="button"
            className="button small"
            onClick={() => setZoom(null)}
            aria-keyshortcuts="Alt+0"
          >
            Show whole period
          </button>
        </p>
      ) : charts.length > 0 ? (
        <p className="muted small">Drag across a chart to zoom into a period.</p>
      ) : null}
      {charts.map((chart) => (
        <TelemetryChart
          key={chart.id}
          spec={chart}
          onZoom={setZoom}
          actions={
            <ChartActions
              chartId={chart.id}
              title={chart.title}
              exportChart={exportChart}
              onAttachEvidence={onAttachEvidence}
            />
          }
        />
      ))}
      {telemetry.data && imports.length > 0 ? (
        <AlertsPanel
          alerts={telemetry.data.alerts}
          onRaiseIssue={raise}
          onShow={show}
          raisedIssueOf={raisedIssueOf}
        />
      ) : null}
      {telemetry.data && imports.length > 0 ? (
        <SourcesPanel
          workspaceId={workspaceId}
          sources={telemetry.data.sources}
          rule={telemetry.data.silenceRule}
          unrecorded={telemetry.data.unrecorded}
        />
      ) : null}
      {dataset && dataset.events.length > 0 ? <ChangesPanel events={dataset.events} /> : null}
      {imports.length > 0 ? (
        <RulesPanel
          workspaceId={workspaceId}
          metrics={dataset?.series.map((series) => series.metric) ?? []}
        />
      ) : null}
      {imports.length > 0 ? <ImportsPanel imports={imports} /> : null}
      <ImportDialog
        open={importing}
        workspaceId={workspaceId}
        onClose={() => setImporting(false)}
      />
      <IssueDraftDialog
        alertId={drafting?.alertId ?? ''}
        draft={drafting?.draft ?? null}
        onRaiseIssue={onRaiseIssue}
        onClose={() => setDrafting(null)}
      />
    </div>
  );
}

const TOTALS: readonly { key: keyof Totals; label: string; tone?: string }[] = [
  { key: 'requests', label: 'Requests' },
  { key: 'status4xx', label: '4xx' },
  { key: 'status5xx', label: '5xx', tone: 'bad' },
  { key: 'xssAttempts', label: 'XSS attempts', tone: 'bad' },
  { key: 'sqlInjectionAttempts', label: 'SQL-injection attempts', tone: 'bad' },
  { key: 'failedLogins', label: 'Failed logins', tone: 'bad' },
  { key: 'successfulLogins', label: 'Successful logins' },
];

function TotalsStrip({ imports }: { imports: readonly TelemetryImportRecord[] }) {
  const sum = (key: keyof Totals) => imports.reduce((total, item) => total + item.totals[key], 0);
  return (
    <dl className="totals" aria-label="Totals of all imported files">
      {TOTALS.map((total) => (
        <div
          key={total.key}
          className={total.tone === 'bad' && sum(total.key) > 0 ? 'total total-bad' : 'total'}
        >
          <dt>{total.label}</dt>
          <dd>{formatNumber(sum(total.key))}</dd>
        </div>
      ))}
    </dl>
  );
}
