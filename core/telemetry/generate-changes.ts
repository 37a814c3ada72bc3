import type { ScenarioOptions } from './generate-common';
import { DEFAULT_START, seededRandom } from './generate-common';

/** Change events as CSV: a security group opened shortly before the brute-force burst. */
export function changeEventsCsv(options: ScenarioOptions = {}): string {
  const start = options.start ?? DEFAULT_START;
  const span = (options.minutes ?? 360) * 60_000;
  const at = (share: number) =>
    new Date(start + Math.floor((span * share) / 60_000) * 60_000).toISOString();
  const rows = [
    ['timestamp', 'category', 'summary', 'actor', 'target'],
    [at(0.1), 'package', 'upgrade openssl 3.0.14 -> 3.0.15', 'unattended-upgrades', 'web-1'],
    [at(0.3), 'configuration', 'nginx: enable request logging of query strings', 'carol', 'web-1'],
    [at(0.52), 'security-group', 'sg-0a12: allow tcp/22 from 0.0.0.0/0', 'deploy-bot', 'sg-0a12'],
    [at(0.62), 'security-group', 'sg-0a12: revoke tcp/22 from 0.0.0.0/0', 'alice', 'sg-0a12'],
    [
      at(0.69),
      'cloud',
      'terraform apply: resize db.t3.medium -> db.t3.large',
      'deploy-bot',
      'rds/orders',
    ],
    [at(0.8), 'os', 'kernel 6.1.0-27 -> 6.1.0-28, reboot', 'alice', 'web-1'],
  ];
  return `${rows.map((row) => row.map((field) => (/[",]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field)).join(',')).join('\n')}\n`;
}

/** A long-format metric export (timestamp, metric, value, host) with a CPU spike during the attack. */
export function* metricCsvLines(options: ScenarioOptions = {}): Generator<string> {
  const random = seededRandom(options.seed ?? 4);
  const start = options.start ?? DEFAULT_START;
  const minutes = options.minutes ?? 360;
  yield 'timestamp,metric,value,host';
  for (let minute = 0; minute < minutes; minute += 1) {
    const at = new Date(start + minute * 60_000).toISOString();
    for (const host of ['web-1', 'web-2']) {
      const spike =
        minute >= minutes * 0.4 && minute < minutes * 0.4 + 10 && host === 'web-1' ? 45 : 0;
      yield `${at},cpu_percent,${(20 + random() * 15 + spike).toFixed(1)},${host}`;
      yield `${at},memory_mb,${(900 + random() * 120).toFixed(0)},${host}`;
    }
  }
}
