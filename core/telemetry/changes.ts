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
 * - Debian's `/var/log/dpkg.log` (install, upgrade, remove and purge lines).
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

export function changeFromRecord(value: unknown): ChangeEvent | string {
  if (!isRecord(value)) return 'expected an object per change event';
  const record = value;
  if (typeof record['eventTime'] === 'string' && typeof record['eventName'] === 'string') {
    return cloudTrail(record);
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
  };
}

export function looksLikeDpkgLog(lines: readonly string[]): boolean {
  const candidates = lines.filter((line) => line.trim() !== '');
  return (
    candidates.length > 0 &&
    candidates.filter((line) => DPKG_ANY.test(line)).length / candidates.length >= 0.6
  );
}

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}
