import type { ChangeReport } from '../change-reports/model';
import { CHANGE_TOOL_NAMES, isConfigurationTool, totalChanges } from '../change-reports/model';
import { ossecAlertOf } from '../change-reports/ossec';
import { isRecord, pick } from './fields';
import type { ChangeCategory, ChangeEvent } from './model';
import { CHANGE_CATEGORIES } from './model';
import { parseTimestamp } from './time';

/**
 * Change events drawn as markers on every chart: OS and package changes, security-group and
 * firewall changes, configuration changes, cloud infrastructure changes. Read from
 * - CSV or JSON rows with a time (`timestamp`, `time`, `@timestamp`, `date`), a category
 *   (`category`, `type`, `kind`), a summary (`summary`, `description`, `message`, `change`),
 *   an actor (`actor`, `user`, `author`) and a target (`target`, `resource`, `host`);
 * - AWS CloudTrail records (`eventTime`, `eventName`, `eventSource`, `userIdentity`);
 * - Debian's `/var/log/dpkg.log` (install, upgrade, remove and purge lines);
 * - OSSEC/Wazuh `alerts.json` records: a syscheck alert is an integrity change, other alerts
 *   are read and not counted;
 * - Puppet and Chef Infra runs, AIDE and Tripwire checks (core/change-reports): one event per
 *   report, standing for the changes it lists (`count`).
 */
const CATEGORY_WORDS: readonly [RegExp, ChangeCategory][] = [
  [
    /security.?group|firewall|iptables|nftables|\bufw\b|\bnsg\b|\bacl\b|ingress|egress/i,
    'security-group',
  ],
  [
    /package|\bapt\b|\bdpkg\b|\byum\b|\bdnf\b|\brpm\b|\bnpm\b|\bpip\b|dependency|upgrade|install/i,
    'package',
  ],
  [/\bos\b|kernel|reboot|operating.?system|patch|sysctl|systemd/i, 'os'],
  [/config|setting|parameter|feature.?flag/i, 'configuration'],
  [
    /cloud|terraform|cloudformation|pulumi|\baws\b|azure|\bgcp\b|infrastructure|\biam\b|\bvpc\b|\bs3\b|\bec2\b|k8s|kubernetes|helm/i,
    'cloud',
  ],
];

export function categoryOf(text: string): ChangeCategory {
  for (const [pattern, category] of CATEGORY_WORDS) if (pattern.test(text)) return category;
  return 'other';
}

const KNOWN = new Set<string>(CHANGE_CATEGORIES);

/** A change event, null for a record that is read and not counted, or why it was rejected. */
export function changeFromRecord(value: unknown): ChangeEvent | null | string {
  if (!isRecord(value)) return 'expected an object per change event';
  const record = value;
  if (typeof record['eventTime'] === 'string' && typeof record['eventName'] === 'string') {
    return cloudTrail(record);
  }
  const alert = ossecAlertOf(record);
  if (alert !== null) {
    if (alert.change === null) return null;
    if (alert.at === null) return 'an OSSEC/Wazuh alert without a readable time';
    return {
      at: alert.at,
      category: 'integrity',
      summary:
        `file ${alert.change.action}: ${alert.change.path} (rule ${alert.ruleId}, level ${alert.level})`.slice(
          0,
          500,
        ),
      actor: CHANGE_TOOL_NAMES.ossec,
      target: alert.change.path.slice(0, 300),
      host: alert.host,
      tool: 'ossec',
      count: 1,
    };
  }
  const at = parseTimestamp(pick(record, ['timestamp', 'time', '@timestamp', 'date', 'at']));
  if (at === null) return 'missing or unreadable "timestamp"';
  const summary = text(
    pick(record, ['summary', 'description', 'message', 'change', 'event', 'title']),
  );
  const rawCategory = text(pick(record, ['category', 'type', 'kind', 'source']));
  const category = KNOWN.has(rawCategory.toLowerCase())
    ? (rawCategory.toLowerCase() as ChangeCategory)
    : categoryOf(`${rawCategory} ${summary}`);
  if (summary === '' && rawCategory === '') return 'a change needs a "summary" or a "category"';
  return {
    at,
    category,
    summary: (summary || rawCategory).slice(0, 500),
    actor: text(pick(record, ['actor', 'user', 'author', 'who', 'user.name'])).slice(0, 200),
    target: text(pick(record, ['target', 'resource', 'host', 'component', 'service'])).slice(
      0,
      300,
    ),
    host: text(pick(record, ['host', 'hostname', 'host.name', 'node'])).slice(0, 200),
    tool: 'rows',
  };
}

function cloudTrail(record: Record<string, unknown>): ChangeEvent | string {
  const at = parseTimestamp(record['eventTime']);
  if (at === null) return 'unreadable "eventTime"';
  const name = text(record['eventName']);
  const source = text(record['eventSource']);
  const identity = record['userIdentity'];
  const actor =
    typeof identity === 'object' && identity !== null
      ? text(pick(identity as Record<string, unknown>, ['arn', 'userName', 'principalId']))
      : '';
  const category: ChangeCategory = /SecurityGroup|NetworkAcl|Firewall/i.test(name)
    ? 'security-group'
    : 'cloud';
  return {
    at,
    category,
    summary: name.slice(0, 500),
    actor: actor.slice(0, 200),
    target: source.slice(0, 300),
    host: text(record['recipientAccountId']).slice(0, 200),
    tool: 'cloudtrail',
  };
}

const DPKG =
  /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) (install|upgrade|remove|purge) (\S+) (\S+) (\S+)$/;
const DPKG_ANY =
  /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} (?:status|startup|configure|trigproc|install|upgrade|remove|purge|conffile) /;

/** One dpkg.log line: a change for install/upgrade/remove/purge, null for the others. */
export function changeFromDpkgLine(line: string): ChangeEvent | null | string {
  const match = DPKG.exec(line);
  if (!match) return DPKG_ANY.test(line) ? null : 'not a dpkg.log line';
  const at = parseTimestamp(match[1]);
  if (at === null) return 'unreadable time';
  const action = match[2] ?? '';
  const pkg = match[3] ?? '';
  const version = action === 'remove' || action === 'purge' ? (match[4] ?? '') : (match[5] ?? '');
  return {
    at,
    category: 'package',
    summary: `${action} ${pkg} ${version}`.slice(0, 500),
    actor: 'dpkg',
    target: pkg.slice(0, 300),
    tool: 'dpkg',
  };
}

export function looksLikeDpkgLog(lines: readonly string[]): boolean {
  const candidates = lines.filter((line) => line.trim() !== '');
  return (
    candidates.length > 0 &&
    candidates.filter((line) => DPKG_ANY.test(line)).length / candidates.length >= 0.6
  );
}

/**
 * One marker per run or check: `Puppet run on web-1: 3 changes (1 added, 2 changed), 1 failed`;
 * the caller places it at the report's own time.
 */
export function eventOfReport(report: ChangeReport, host: string): Omit<ChangeEvent, 'at'> {
  const counts = report.counts;
  const made = totalChanges(counts) - counts.failed;
  const kinds = (['added', 'removed', 'changed'] as const)
    .filter((kind) => counts[kind] > 0)
    .map((kind) => `${counts[kind]} ${kind}`);
  const what = isConfigurationTool(report.tool) ? 'run' : 'check';
  const parts = [
    made === 0 ? 'no changes' : `${made} change${made === 1 ? '' : 's'} (${kinds.join(', ')})`,
    ...(counts.failed > 0 ? [`${counts.failed} failed`] : []),
    ...(counts.corrective > 0 ? [`${counts.corrective} corrective`] : []),
  ];
  const names = report.items
    .slice(0, 3)
    .map((item) => item.name)
    .join(', ');
  return {
    category: isConfigurationTool(report.tool) ? 'configuration' : 'integrity',
    summary:
      `${CHANGE_TOOL_NAMES[report.tool]} ${what}${host ? ` on ${host}` : ''}: ${parts.join(', ')}${names ? ` — ${names}${report.items.length > 3 ? ' …' : ''}` : ''}`.slice(
        0,
        500,
      ),
    actor: CHANGE_TOOL_NAMES[report.tool],
    target: host.slice(0, 300),
    host: host.slice(0, 200),
    tool: report.tool,
    count: totalChanges(counts),
  };
}

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}
