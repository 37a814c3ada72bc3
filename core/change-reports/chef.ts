import type { Instant } from '../time/instant';
import { parseInstant } from '../time/instant';
import type { ChangeAction, ChangeReport } from './model';
import {
  ChangeCollector,
  ChangeReportError,
  clip,
  listOf,
  parseJsonDocument,
  recordOf,
  reportFrom,
  textOf,
} from './model';

/**
 * Chef Infra run reports, in the two shapes Chef writes them:
 * - the data collector's `run_converge` message (what Chef Automate receives; chef-client can
 *   also write it to a file): `node_name`, `start_time`, `end_time`, `status`, and per resource
 *   `type`, `name`, `result` (the action) and `status` (`updated`, `up-to-date`, `skipped`,
 *   `failed`, `unprocessed`);
 * - the `json_file` report handler's run status: `node`, `success`, `start_time`, `end_time`,
 *   `all_resources`, `updated_resources`, `exception`.
 * An updated resource is a change (a removal when its action deletes); a failed one a failure.
 */
export function chefReportFromJson(
  text: string,
  dialect: 'data-collector' | 'handler',
): ChangeReport {
  const value = parseJsonDocument(text);
  return dialect === 'data-collector' ? dataCollectorReport(value) : handlerReport(value);
}

const REMOVING = new Set(['delete', 'remove', 'purge', 'uninstall', 'disable']);

function actionOf(status: string, action: string): ChangeAction | null {
  if (status === 'failed') return 'failed';
  if (status !== 'updated') return null;
  return REMOVING.has(action) ? 'removed' : 'changed';
}

export function dataCollectorReport(value: unknown): ChangeReport {
  const message = recordOf(value);
  if (message['message_type'] !== 'run_converge')
    throw new ChangeReportError('This is not a Chef Infra run_converge message.');
  const host = clip(textOf(message['node_name']), 200);
  const started = parseInstant(textOf(message['start_time']));
  const ended = parseInstant(textOf(message['end_time']));
  const collected = new ChangeCollector();
  const statusCounts: Record<string, number> = {};
  for (const raw of listOf(message['resources'])) {
    const resource = recordOf(raw);
    const status = textOf(resource['status']);
    statusCounts[status] = (statusCounts[status] ?? 0) + 1;
    const action = actionOf(status, textOf(resource['result']));
    if (action === null) continue;
    const type = textOf(resource['type']);
    const name = textOf(resource['name']) || textOf(resource['id']);
    collected.add({
      action,
      kind: clip(type, 100),
      name: clip(`${type}[${name}]`, 1000),
      detail: clip(
        action === 'failed'
          ? textOf(resource['error_message']) || textOf(recordOf(resource['error'])['message'])
          : `action ${textOf(resource['result'])}`,
        500,
      ),
      corrective: false,
      host,
      at: ended?.at ?? started?.at ?? null,
      level: null,
    });
  }
  const declared = message['updated_resource_count'];
  const updated = statusCounts['updated'] ?? 0;
  if (typeof declared === 'number' && declared !== updated)
    collected.notes.add(
      `The message counts ${declared} updated resources; ${updated} were listed.`,
    );
  const error = recordOf(message['error']);
  const details: ChangeReport['details'] = {
    resources: listOf(message['resources']).length,
  };
  for (const [label, status] of [
    ['up to date', 'up-to-date'],
    ['skipped', 'skipped'],
    ['unprocessed', 'unprocessed'],
  ] as const)
    if (statusCounts[status]) details[label] = statusCounts[status];
  const runList = listOf(message['run_list']).map(textOf).filter(Boolean);
  if (runList.length > 0) details['run list'] = clip(runList.join(', '), 300);
  if (textOf(message['policy_name'])) details['policy'] = clip(textOf(message['policy_name']), 200);
  if (textOf(message['source'])) details['mode'] = textOf(message['source']);
  if (textOf(error['message'])) details['error'] = clip(textOf(error['message']), 300);
  return reportFrom(collected, {
    tool: 'chef-infra',
    variant: 'data collector run_converge message',
    version: clip(textOf(message['message_version']), 40),
    host,
    ...runTime(started, ended),
    status: textOf(message['status']) || 'unknown',
    details,
  });
}

export function handlerReport(value: unknown): ChangeReport {
  const report = recordOf(value);
  const node = recordOf(report['node']);
  const automatic = recordOf(node['automatic']);
  const host = clip(textOf(node['name']) || textOf(automatic['fqdn']), 200);
  const started = parseInstant(textOf(report['start_time']));
  const ended = parseInstant(textOf(report['end_time']));
  const at = ended?.at ?? started?.at ?? null;
  const collected = new ChangeCollector();
  const updated = listOf(report['updated_resources']);
  for (const raw of updated) {
    const resource = recordOf(raw);
    const fields = recordOf(resource['instance_vars']);
    const kind =
      textOf(resource['resource_name']) ||
      textOf(fields['@resource_name']) ||
      textOf(fields['@declared_type']) ||
      textOf(resource['json_class'])
        .replace(/^Chef::Resource::/, '')
        .toLowerCase();
    const name = textOf(resource['name']) || textOf(fields['@name']);
    const action = listOf(resource['action'] ?? fields['@action']).map(textOf)[0] ?? '';
    collected.add({
      action: REMOVING.has(action) ? 'removed' : 'changed',
      kind: clip(kind, 100),
      name: clip(`${kind}[${name}]`, 1000),
      detail: action ? `action ${action}` : '',
      corrective: false,
      host,
      at,
      level: null,
    });
  }
  const success = report['success'];
  const exception = textOf(report['exception']);
  if (success === false) {
    collected.add({
      action: 'failed',
      kind: 'run',
      name: 'Chef Infra run',
      detail: clip(exception || 'the run failed', 500),
      corrective: false,
      host,
      at,
      level: null,
    });
  }
  const details: ChangeReport['details'] = {
    resources: listOf(report['all_resources']).length,
  };
  const elapsed = report['elapsed_time'];
  if (typeof elapsed === 'number') details['elapsed seconds'] = Math.round(elapsed * 10) / 10;
  return reportFrom(collected, {
    tool: 'chef-infra',
    variant: 'json_file handler report',
    version: clip(textOf(recordOf(recordOf(automatic['chef_packages'])['chef'])['version']), 40),
    host,
    ...runTime(started, ended),
    status: success === true ? 'success' : success === false ? 'failure' : 'unknown',
    details,
  });
}

/** A run is dated by its end, else its start; a time without a zone says so. */
function runTime(
  started: Instant | null,
  ended: Instant | null,
): { producedAt: number | null; zoneAssumed: boolean } {
  const time = ended ?? started;
  return { producedAt: time?.at ?? null, zoneAssumed: time !== null && !time.zoned };
}
