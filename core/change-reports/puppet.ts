import { parseDocument } from 'yaml';
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
 * Puppet run reports (report format 10–12: Puppet 5–8), as `last_run_report.yaml` (Ruby's YAML
 * with `!ruby/object` tags, read as plain maps) or the same report as JSON. Per resource status:
 * `failed` is a failure; `changed` a change, read as added when `ensure` went from `absent`,
 * removed when it went to `absent` or `purged`; `corrective_change` marks a change that put back
 * drifted state (Puppet tracks that in agent runs only). Resources that are only out of sync in
 * a noop run are counted as pending, not as changes. Puppet's own resource metrics are compared
 * with what was counted, and a difference is noted.
 */
export function puppetReportFromYaml(text: string): ChangeReport {
  const document = parseDocument(text, {
    // Ruby's tags name classes this reader has no use for; their contents are plain maps.
    logLevel: 'silent',
    uniqueKeys: false,
  });
  const error = document.errors[0];
  if (error) throw new ChangeReportError(`The YAML could not be read: ${error.message}`);
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (failure) {
    // Excessive aliasing (an entity-expansion attack) or nesting beyond the stack.
    throw new ChangeReportError(
      `The YAML could not be read: ${failure instanceof Error ? failure.message : 'too complex'}`,
    );
  }
  return puppetReport(value, 'last_run_report.yaml');
}

export function puppetReportFromJson(text: string): ChangeReport {
  return puppetReport(parseJsonDocument(text), 'JSON report');
}

export function puppetReport(value: unknown, variant: string): ChangeReport {
  const report = recordOf(value);
  if (typeof report['puppet_version'] !== 'string' && report['report_format'] === undefined)
    throw new ChangeReportError('This is not a Puppet run report (no puppet_version).');
  const host = clip(textOf(report['host']), 200);
  const time = parseInstant(textOf(report['time']));
  const collected = new ChangeCollector();
  let pending = 0;
  let skipped = 0;
  let changedFlags = 0;
  const statuses = recordOf(report['resource_statuses']);
  for (const [key, raw] of Object.entries(statuses)) {
    const status = recordOf(raw);
    const events = listOf(status['events']).map(recordOf);
    if (status['skipped'] === true) skipped += 1;
    if (status['changed'] === true) changedFlags += 1;
    const action = actionOf(status, events);
    if (action === null) {
      if (status['out_of_sync'] === true) pending += 1;
      continue;
    }
    const telling =
      events.find((event) => event['status'] === (action === 'failed' ? 'failure' : 'success')) ??
      events[0];
    collected.add({
      action,
      kind: clip(textOf(status['resource_type']) || key.split('[')[0] || '', 100),
      name: clip(textOf(status['resource']) || key, 1000),
      detail: clip(textOf(telling?.['message']), 500),
      corrective: action !== 'failed' && status['corrective_change'] === true,
      host,
      at: parseInstant(textOf(status['time']))?.at ?? time?.at ?? null,
      level: null,
    });
  }
  const metrics = resourceMetrics(report['metrics']);
  const counted = collected.counts;
  if (metrics.changed !== undefined && metrics.changed !== changedFlags)
    collected.notes.add(
      `Puppet's own metrics count ${metrics.changed} changed resources; ${changedFlags} were read.`,
    );
  if (metrics.failed !== undefined && metrics.failed !== counted.failed)
    collected.notes.add(
      `Puppet's own metrics count ${metrics.failed} failed resources; ${counted.failed} were read.`,
    );
  const details: ChangeReport['details'] = {};
  for (const [name, key] of [
    ['environment', 'environment'],
    ['configuration version', 'configuration_version'],
    ['transaction', 'transaction_uuid'],
    ['report format', 'report_format'],
  ] as const) {
    const detail = clip(textOf(report[key]), 200);
    if (detail !== '') details[name] = detail;
  }
  if (report['noop'] === true) details['noop run'] = true;
  if (pending > 0) details['pending (noop)'] = pending;
  if (skipped > 0) details['skipped'] = skipped;
  if (metrics.total !== undefined) details['resources'] = metrics.total;
  return reportFrom(collected, {
    tool: 'puppet',
    variant,
    version: clip(textOf(report['puppet_version']), 40),
    host,
    producedAt: time?.at ?? null,
    zoneAssumed: time !== null && !time.zoned,
    status: clip(textOf(report['status']), 40) || 'unknown',
    details,
  });
}

function actionOf(
  status: Record<string, unknown>,
  events: readonly Record<string, unknown>[],
): ChangeAction | null {
  if (status['failed'] === true) return 'failed';
  if (status['changed'] !== true) return null;
  const ensure = events.find(
    (event) => event['property'] === 'ensure' && event['status'] === 'success',
  );
  if (ensure) {
    const before = textOf(ensure['previous_value']);
    const after = textOf(ensure['desired_value']);
    if (before === 'absent') return 'added';
    if (after === 'absent' || after === 'purged') return 'removed';
  }
  return 'changed';
}

/** Puppet's `metrics.resources.values`: `[name, label, value]` triples. */
function resourceMetrics(value: unknown): { total?: number; changed?: number; failed?: number } {
  const triples = listOf(recordOf(recordOf(value)['resources'])['values']);
  const out: { total?: number; changed?: number; failed?: number } = {};
  for (const triple of triples) {
    const [name, , count] = listOf(triple);
    if (typeof count !== 'number') continue;
    if (name === 'total' || name === 'changed' || name === 'failed') out[name] = count;
  }
  return out;
}
