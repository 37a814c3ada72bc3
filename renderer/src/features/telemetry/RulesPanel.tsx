import { useState } from 'react';
import { formatNumber } from '../../../../core/charts/layout';
import type { AlertRule } from '../../../../core/telemetry/model';
import { metricLabel } from '../../../../core/telemetry/model';
import { notify, notifyError } from '../../app/notifications';
import { reevaluateAlerts, saveRules } from './commands';
import { readImportSeries, useRules } from './queries';
import { RuleDialog } from './RuleDialog';

/** What a rule checks, in words: `Failed logins / Successful logins > 3 within 15 min`. */
export function describeRule(rule: AlertRule): string {
  if (rule.kind === 'silence') {
    const set = Object.keys(rule.cadences).length;
    return `A source sends nothing for more than ${formatNumber(rule.tolerance)} × its cadence, at least ${rule.minimumMinutes} min${set > 0 ? `; ${set} cadence${set === 1 ? '' : 's'} set` : ''}`;
  }
  const measured =
    rule.kind === 'ratio'
      ? `${metricLabel(rule.numerator)} / ${metricLabel(rule.denominator)}`
      : `${rule.aggregate === 'sum' ? '' : `${rule.aggregate} of `}${metricLabel(rule.metric)}`;
  const minimum =
    rule.kind === 'ratio' && rule.minNumerator > 1 ? `, at least ${rule.minNumerator}` : '';
  return `${measured} > ${formatNumber(rule.above)} within ${rule.windowMinutes} min${minimum}`;
}

/** The workspace's alert rules: edit, add, switch off, and evaluate again over all imports. */
export function RulesPanel({
  workspaceId,
  metrics,
}: {
  workspaceId: string;
  metrics: readonly string[];
}) {
  const rules = useRules(workspaceId);
  const [editing, setEditing] = useState<{ rule?: AlertRule } | null>(null);
  const list = rules.data ?? [];
  // A switched rule shows its new state at once; the switch is forgotten as soon as the stored
  // rule no longer has the state it was switched from (the save has arrived).
  const [switched, setSwitched] = useState<
    Readonly<Record<string, { enabled: boolean; from: boolean }>>
  >({});
  const shownEnabled = (rule: AlertRule): boolean => {
    const pending = switched[rule.id];
    return pending !== undefined && pending.from === rule.enabled ? pending.enabled : rule.enabled;
  };
  const save = async (next: AlertRule[]) => {
    await saveRules(workspaceId, next);
    const alerts = await reevaluateAlerts(workspaceId, readImportSeries);
    notify(
      'success',
      `Rules saved; ${alerts} alert${alerts === 1 ? '' : 's'} on the imported telemetry.`,
    );
  };
  return (
    <section className="panel" aria-labelledby="rules-heading">
      <div className="panel-header">
        <h2 id="rules-heading">Alert rules</h2>
        <button type="button" className="button" onClick={() => setEditing({})}>
          New rule
        </button>
      </div>
      <table className="table compact" aria-label="Alert rules">
        <thead>
          <tr>
            <th scope="col">On</th>
            <th scope="col">Rule</th>
            <th scope="col">Condition</th>
            <th scope="col">Priority</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.map((rule) => (
            <tr key={rule.id} className={shownEnabled(rule) ? undefined : 'dimmed'}>
              <td>
                <input
                  type="checkbox"
                  className="inline-check"
                  checked={shownEnabled(rule)}
                  aria-label={`${rule.name} on`}
                  onChange={(event) => {
                    const enabled = event.target.checked;
                    setSwitched((current) => ({
                      ...current,
                      [rule.id]: { enabled, from: rule.enabled },
                    }));
                    const next = list.map((other) =>
                      other.id === rule.id ? { ...other, enabled } : other,
                    );
                    void save(next).catch((error: unknown) => {
                      setSwitched((current) => ({
                        ...current,
                        [rule.id]: { enabled: rule.enabled, from: rule.enabled },
                      }));
                      notifyError(error);
                    });
                  }}
                />
              </td>
              <th scope="row">{rule.name}</th>
              <td>{describeRule(rule)}</td>
              <td>{rule.priority}</td>
              <td className="row-actions">
                <button
                  type="button"
                  className="button small"
                  onClick={() => setEditing({ rule })}
                  aria-label={`Edit ${rule.name}`}
                >
                  Edit
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <RuleDialog
        open={editing !== null}
        rule={editing?.rule}
        metrics={metrics}
        onClose={() => setEditing(null)}
        onSave={(rule) =>
          save(
            editing?.rule
              ? list.map((other) => (other.id === rule.id ? rule : other))
              : [...list, rule],
          )
        }
      />
    </section>
  );
}
