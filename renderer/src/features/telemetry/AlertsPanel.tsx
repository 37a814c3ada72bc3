import { formatNumber, formatPeriod } from '../../../../core/charts/layout';
import { metricLabel } from '../../../../core/telemetry/model';
import { formatDuration } from '../../../../core/telemetry/silence';
import type { TelemetryAlertRecord } from '../../../../core/telemetry/records';
import { notifyError } from '../../app/notifications';
import { setAlertDismissed } from './commands';
import type { TelemetryIntegrations } from './slots';

interface Props {
  alerts: readonly TelemetryAlertRecord[];
  onRaiseIssue: (alert: TelemetryAlertRecord) => void;
  onShow: (alert: TelemetryAlertRecord) => void;
  raisedIssueOf?: TelemetryIntegrations['raisedIssueOf'];
}

const STATUS_LABELS: Readonly<Record<TelemetryAlertRecord['status'], string>> = {
  open: 'Open',
  'issue-drafted': 'Issue drafted',
  'issue-raised': 'Issue raised',
  dismissed: 'Dismissed',
};

/** Alerts raised by the rules on import, newest range first, each with its actions. */
export function AlertsPanel({ alerts, onRaiseIssue, onShow, raisedIssueOf }: Props) {
  return (
    <section className="panel" aria-labelledby="alerts-heading">
      <div className="panel-header">
        <h2 id="alerts-heading">Alerts</h2>
        <span className="muted">
          {alerts.filter((alert) => alert.status === 'open').length} open
        </span>
      </div>
      {alerts.length === 0 ? (
        <p className="empty">No alert rule fired on the imported telemetry.</p>
      ) : (
        <table className="table alerts" aria-label="Alerts">
          <thead>
            <tr>
              <th scope="col">Priority</th>
              <th scope="col">Alert</th>
              <th scope="col">Time range</th>
              <th scope="col" className="num">
                Peak
              </th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {[...alerts].reverse().map((alert) => {
              const issue = raisedIssueOf?.(alert.id) ?? null;
              return (
                <tr key={alert.id} className={alert.status === 'dismissed' ? 'dimmed' : undefined}>
                  <td>
                    <span className={`badge badge-${alert.suggestedPriority.toLowerCase()}`}>
                      {alert.suggestedPriority}
                    </span>
                  </td>
                  <th scope="row">
                    {alert.ruleName}
                    <div className="muted small">
                      {alert.fileName} · {alert.metric}:{' '}
                      {Object.entries(alert.values)
                        .map(([metric, value]) => `${metricLabel(metric)} ${formatNumber(value)}`)
                        .join(', ')}
                    </div>
                  </th>
                  <td>{formatPeriod(alert.from, alert.to)}</td>
                  <td className="num nowrap">
                    {alert.source ? (
                      <>
                        silent {formatDuration(alert.to - alert.from)}
                        <div className="muted small">
                          allowed {formatDuration(alert.threshold * 60_000)}
                        </div>
                      </>
                    ) : (
                      <>
                        {formatNumber(alert.peak)}
                        <div className="muted small">
                          limit {formatNumber(alert.threshold)} in {alert.windowMinutes} min
                        </div>
                      </>
                    )}
                  </td>
                  <td>{issue ?? STATUS_LABELS[alert.status]}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="button small"
                      onClick={() => onShow(alert)}
                      aria-label={`Show ${alert.ruleName} on the charts`}
                    >
                      Show
                    </button>
                    {alert.status === 'open' && issue === null ? (
                      <button
                        type="button"
                        className="button small primary"
                        onClick={() => onRaiseIssue(alert)}
                        aria-label={`Raise security issue for ${alert.ruleName}`}
                      >
                        Raise issue
                      </button>
                    ) : null}
                    <button
                      type="button"
                      className="button small danger-quiet"
                      onClick={() =>
                        void setAlertDismissed(alert.id, alert.status !== 'dismissed').catch(
                          (error: unknown) => notifyError(error),
                        )
                      }
                      aria-label={`${alert.status === 'dismissed' ? 'Restore' : 'Dismiss'} ${alert.ruleName}`}
                    >
                      {alert.status === 'dismissed' ? 'Restore' : 'Dismiss'}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
