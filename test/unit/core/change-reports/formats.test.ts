import { describe, expect, it } from 'vitest';
import { detectChangeReport } from '../../../../core/change-reports/detect';
import { MAX_CHANGE_ITEMS } from '../../../../core/change-reports/model';
import { ossecAlertOf } from '../../../../core/change-reports/ossec';
import { puppetReport } from '../../../../core/change-reports/puppet';
import { readChangeReport } from '../../../../core/change-reports/reader';
import { sourceFromBytes } from '../../../../core/evidence/bytes';
import { inspectSource } from '../../../../core/evidence/inspect';
import { changeFromRecord } from '../../../../core/telemetry/changes';
import { importText } from '../../../../core/telemetry/importer';
import { parseCtime, parseInstant } from '../../../../core/time/instant';

/**
 * The change-report formats no Debian package produces here, written by us from the tools'
 * documented formats and source (OSSEC's and Wazuh's `to_json.c`, Chef's data collector
 * `run_end_message.rb` and `RunStatus#to_hash`), the dialects of the real ones that a scratch
 * run cannot reach (Puppet noop and corrective changes, old AIDE), and hostile input.
 */

const wazuhModified = {
  timestamp: '2026-11-24T22:02:34.461+0500',
  rule: {
    level: 7,
    description: 'Integrity checksum changed.',
    id: '550',
    firedtimes: 1,
    mail: false,
    groups: ['ossec', 'syscheck', 'syscheck_entry_modified', 'syscheck_file'],
  },
  agent: { id: '001', name: 'web-2' },
  manager: { name: 'wazuh-manager' },
  id: '1795546954.2696',
  full_log: "File '/etc/ssh/sshd_config' modified\nMode: scheduled\n",
  syscheck: {
    path: '/etc/ssh/sshd_config',
    mode: 'scheduled',
    size_before: '3200',
    size_after: '3264',
    changed_attributes: ['size', 'mtime', 'md5', 'sha1', 'sha256'],
    event: 'modified',
  },
  decoder: { name: 'syscheck_integrity_changed' },
  location: 'syscheck',
};

const wazuhAdded = {
  ...wazuhModified,
  timestamp: '2026-11-24T22:05:00.000+0500',
  rule: { ...wazuhModified.rule, id: '554', level: 5, description: 'File added to the system.' },
  syscheck: { path: '/root/.ssh/authorized_keys', event: 'added' },
};

const wazuhBruteForce = {
  timestamp: '2026-11-24T22:10:00.000+0500',
  rule: { level: 10, description: 'sshd: brute force trying to get access.', id: '5712' },
  agent: { id: '001', name: 'web-2' },
  location: '/var/log/auth.log',
};

/** OSSEC 2.9's shape: TimeStamp in ms, rule.comment and sidid, SyscheckFile, hostname. */
const ossecDeleted = {
  rule: { level: 7, comment: 'File deleted.', sidid: 553, group: 'ossec,syscheck,' },
  id: '1795547100.4242',
  TimeStamp: Date.UTC(2026, 10, 24, 17, 15),
  decoder: 'syscheck_deleted',
  location: 'syscheck',
  full_log: "File '/etc/cron.allow' was deleted.",
  SyscheckFile: { path: '/etc/cron.allow' },
  hostname: 'db-1',
};

const alertsJson = [wazuhModified, wazuhAdded, wazuhBruteForce, ossecDeleted]
  .map((alert) => JSON.stringify(alert))
  .join('\n');

describe('OSSEC and Wazuh alerts.json', () => {
  it('reads syscheck alerts as file changes and keeps other alerts with their level', () => {
    expect(detectChangeReport(alertsJson)?.dialect).toBe('ossec-alerts');
    const report = readChangeReport(alertsJson);
    expect(report.counts).toMatchObject({ added: 1, removed: 1, changed: 1 });
    expect(report.items).toEqual([
      expect.objectContaining({
        action: 'changed',
        name: '/etc/ssh/sshd_config',
        host: 'web-2',
        level: 7,
        at: Date.UTC(2026, 10, 24, 17, 2, 34, 461),
        detail: 'changed: size, mtime, md5, sha1, sha256',
      }),
      expect.objectContaining({ action: 'added', name: '/root/.ssh/authorized_keys', level: 5 }),
      expect.objectContaining({
        action: 'removed',
        name: '/etc/cron.allow',
        host: 'db-1',
        at: Date.UTC(2026, 10, 24, 17, 15),
      }),
    ]);
    expect(report.alerts).toEqual([
      expect.objectContaining({ ruleId: '5712', level: 10, host: 'web-2' }),
    ]);
    expect(report.producedAt).toBe(Date.UTC(2026, 10, 24, 17, 15));
  });

  it('are evidence: changes listed, other alerts as findings rated by level', async () => {
    const { detection, outcome } = await inspectSource(
      sourceFromBytes('alerts.json', new TextEncoder().encode(alertsJson), 100),
    );
    expect(detection).toMatchObject({ format: 'ossec', variant: 'ossec-alerts' });
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.summary.changes).toMatchObject({ total: 3, added: 1, removed: 1, changed: 1 });
    expect(outcome.summary.findings?.items).toEqual([
      expect.objectContaining({
        kind: 'alert',
        rule: '5712',
        severity: 'medium',
        location: 'web-2 /var/log/auth.log',
      }),
    ]);
    expect(outcome.summary.details['level 7–11']).toBe(3);
  });

  it('are change markers in telemetry, one per syscheck alert; other alerts are read, not counted', () => {
    const result = importText(alertsJson, { kind: 'changes', format: 'ndjson' });
    expect(result.events.map((event) => [event.host, event.category, event.tool])).toEqual([
      ['web-2', 'integrity', 'ossec'],
      ['web-2', 'integrity', 'ossec'],
      ['db-1', 'integrity', 'ossec'],
    ]);
    expect(result.ignored).toBe(1);
    // Every alert shows its agent reporting, file change or not.
    expect(result.activity.map((source) => [source.kind, source.host, source.lines])).toEqual([
      ['ossec', 'db-1', 1],
      ['ossec', 'web-2', 3],
    ]);
    expect(changeFromRecord({ rule: { level: 3 }, location: 'x' })).toBeNull();
  });

  it('skip lines that are not alerts, with a note, and refuse a file with none', () => {
    const report = readChangeReport(`${JSON.stringify(wazuhModified)}\nnot json\n{"a":1}\n`);
    expect(report.counts.changed).toBe(1);
    expect(report.notes).toEqual([
      'Line 2 is not an OSSEC/Wazuh alert and was skipped.',
      'Line 3 is not an OSSEC/Wazuh alert and was skipped.',
    ]);
    expect(() => readChangeReport('{"a":1}\n', { dialect: 'ossec-alerts' })).toThrow(
      /No OSSEC\/Wazuh alert could be read/,
    );
    expect(ossecAlertOf({ rule: { level: 'high' } })).toBeNull();
  });
});

const runConverge = {
  chef_server_fqdn: 'chef.example.org',
  entity_uuid: 'b8f1c4a2-0000-4000-8000-000000000001',
  id: 'run-1',
  message_version: '1.1.0',
  message_type: 'run_converge',
  node_name: 'web-1.example.org',
  organization_name: 'payments',
  resources: [
    {
      type: 'template',
      name: '/etc/nginx/nginx.conf',
      id: '/etc/nginx/nginx.conf',
      result: 'create',
      status: 'updated',
    },
    { type: 'package', name: 'telnetd', id: 'telnetd', result: 'remove', status: 'updated' },
    {
      type: 'service',
      name: 'nginx',
      id: 'nginx',
      result: 'restart',
      status: 'failed',
      error_message: 'nginx: configuration test failed',
    },
    { type: 'file', name: '/etc/motd', id: '/etc/motd', result: 'create', status: 'up-to-date' },
    {
      type: 'execute',
      name: 'apt-get update',
      id: 'apt-get update',
      result: 'run',
      status: 'skipped',
    },
  ],
  run_id: 'run-1',
  run_list: ['recipe[base]', 'recipe[nginx]'],
  start_time: '2026-11-24T10:00:00Z',
  end_time: '2026-11-24T10:01:30Z',
  source: 'chef_client',
  status: 'failure',
  total_resource_count: 5,
  updated_resource_count: 2,
  error: {
    class: 'Mixlib::ShellOut::ShellCommandFailed',
    message: 'nginx: configuration test failed',
  },
};

describe('Chef Infra run reports', () => {
  it('reads the data collector run_converge message', () => {
    const text = JSON.stringify(runConverge, null, 2);
    expect(detectChangeReport(text)?.dialect).toBe('chef-data-collector');
    const report = readChangeReport(text);
    expect(report).toMatchObject({
      tool: 'chef-infra',
      host: 'web-1.example.org',
      producedAt: Date.UTC(2026, 10, 24, 10, 1, 30),
      status: 'failure',
      counts: { added: 0, removed: 1, changed: 1, failed: 1, corrective: 0 },
      notes: [],
    });
    expect(report.details).toMatchObject({ 'up to date': 1, skipped: 1, resources: 5 });
    expect(report.items.map((item) => item.name)).toEqual([
      'template[/etc/nginx/nginx.conf]',
      'package[telnetd]',
      'service[nginx]',
    ]);
    expect(report.items[2]?.detail).toBe('nginx: configuration test failed');
  });

  it('notes when the message counts other updates than it lists', () => {
    const report = readChangeReport(JSON.stringify({ ...runConverge, updated_resource_count: 7 }));
    expect(report.notes).toEqual(['The message counts 7 updated resources; 2 were listed.']);
  });

  it('reads the json_file handler report, with a failed run as a failure', () => {
    const handler = {
      node: {
        name: 'db-1',
        json_class: 'Chef::Node',
        chef_type: 'node',
        automatic: { fqdn: 'db-1.example.org', chef_packages: { chef: { version: '18.5.0' } } },
      },
      success: false,
      start_time: '2026-11-24 10:00:00 +0000',
      end_time: '2026-11-24 10:00:40 +0000',
      elapsed_time: 40.2,
      all_resources: [{}, {}, {}],
      updated_resources: [
        {
          json_class: 'Chef::Resource::File',
          instance_vars: { '@name': '/etc/sudoers.d/deploy', '@action': ['create'] },
        },
      ],
      exception: 'Chef::Exceptions::Exec: apt-get failed',
      backtrace: [],
    };
    const text = JSON.stringify(handler);
    expect(detectChangeReport(text)?.dialect).toBe('chef-json-handler');
    const report = readChangeReport(text);
    expect(report).toMatchObject({
      host: 'db-1',
      version: '18.5.0',
      status: 'failure',
      producedAt: Date.UTC(2026, 10, 24, 10, 0, 40),
      counts: { changed: 1, failed: 1 },
    });
    expect(report.items.map((item) => [item.action, item.name])).toEqual([
      ['changed', 'file[/etc/sudoers.d/deploy]'],
      ['failed', 'Chef Infra run'],
    ]);
  });
});

describe('Puppet dialects a scratch apply cannot produce', () => {
  const status = (fields: Record<string, unknown>) => ({
    resource_type: 'File',
    resource: 'File[/etc/ssh/sshd_config]',
    time: '2026-11-24T10:00:01.000+00:00',
    failed: false,
    changed: false,
    out_of_sync: false,
    skipped: false,
    corrective_change: false,
    events: [],
    ...fields,
  });

  it('counts a corrective change (agent runs), and noop changes as pending only', () => {
    const report = puppetReport(
      {
        host: 'web-1',
        time: '2026-11-24T10:00:00.000000000+00:00',
        puppet_version: '8.10.0',
        report_format: 12,
        status: 'changed',
        noop: false,
        resource_statuses: {
          'File[/etc/ssh/sshd_config]': status({
            changed: true,
            out_of_sync: true,
            corrective_change: true,
            events: [{ property: 'content', status: 'success', message: 'content changed' }],
          }),
          'Package[telnetd]': status({
            resource_type: 'Package',
            resource: 'Package[telnetd]',
            out_of_sync: true,
            events: [{ property: 'ensure', status: 'noop', message: 'would have removed' }],
          }),
        },
        metrics: {
          resources: {
            values: [
              ['changed', 'Changed', 1],
              ['failed', 'Failed', 0],
              ['total', 'Total', 9],
            ],
          },
        },
      },
      'JSON report',
    );
    expect(report.counts).toEqual({ added: 0, removed: 0, changed: 1, failed: 0, corrective: 1 });
    expect(report.details).toMatchObject({ 'pending (noop)': 1, resources: 9 });
    expect(report.notes).toEqual([]);
  });

  it('notes when Puppet’s own metrics disagree with the statuses read', () => {
    const report = puppetReport(
      {
        host: 'web-1',
        time: '2026-11-24T10:00:00Z',
        puppet_version: '7.23.0',
        resource_statuses: {},
        metrics: {
          resources: {
            values: [
              ['changed', 'Changed', 2],
              ['failed', 'Failed', 1],
            ],
          },
        },
      },
      'JSON report',
    );
    expect(report.notes).toEqual([
      "Puppet's own metrics count 2 changed resources; 0 were read.",
      "Puppet's own metrics count 1 failed resources; 0 were read.",
    ]);
  });
});

describe('old AIDE text (0.16: entries as "changed: /path")', () => {
  it('reads the entries and the version from the outline', () => {
    const report = readChangeReport(
      [
        'AIDE 0.16 found differences between database and filesystem!!',
        'Start timestamp: 2026-11-24 03:00:01',
        '',
        'Summary:',
        '  Total number of entries:\t4200',
        '  Added entries:\t\t0',
        '  Removed entries:\t\t0',
        '  Changed entries:\t\t1',
        '',
        '---------------------------------------------------',
        'Changed entries:',
        '---------------------------------------------------',
        '',
        'changed: /etc/passwd',
        '',
      ].join('\n'),
    );
    expect(report).toMatchObject({
      version: '0.16',
      producedAt: Date.UTC(2026, 10, 24, 3, 0, 1),
      zoneAssumed: true,
      counts: { changed: 1 },
      notes: [],
    });
  });
});

describe('budgets and hostile input', () => {
  it('refuses YAML that expands aliases without end', () => {
    const bomb = [
      '--- !ruby/object:Puppet::Transaction::Report',
      'report_format: 12',
      'puppet_version: 7.23.0',
      'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
      ...Array.from({ length: 8 }, (_, index) => {
        const name = String.fromCharCode(98 + index);
        const previous = String.fromCharCode(97 + index);
        return `${name}: &${name} [${Array(10).fill(`*${previous}`).join(',')}]`;
      }),
      'resource_statuses: *i',
    ].join('\n');
    expect(() => readChangeReport(bomb)).toThrow(/YAML could not be read/);
  });

  it('lists at most MAX_CHANGE_ITEMS changes and counts them all', () => {
    const lines = ['Start timestamp: 2026-11-24 03:00:01 +0000 (AIDE 0.18.3)', 'Added entries:'];
    for (let index = 0; index < MAX_CHANGE_ITEMS + 10; index += 1)
      lines.push(`f+++++++++++++++++: /srv/files/${index}`);
    const report = readChangeReport(lines.join('\n'));
    expect(report.counts.added).toBe(MAX_CHANGE_ITEMS + 10);
    expect(report.items).toHaveLength(MAX_CHANGE_ITEMS);
    expect(report.notes).toContain(
      `Only the first ${MAX_CHANGE_ITEMS} changes are listed; the counts include all of them.`,
    );
  });

  it('skips a line over the line budget without holding it', () => {
    const long = 'x'.repeat(2 * 1024 * 1024);
    const report = readChangeReport(
      `${JSON.stringify(wazuhModified)}\n${long}\n${JSON.stringify(wazuhAdded)}\n`,
    );
    expect(report.counts).toMatchObject({ changed: 1, added: 1 });
    expect(report.notes).toContain('1 line longer than 1 MiB skipped.');
  });

  it('says what it is not, rather than guessing', () => {
    expect(detectChangeReport('hello\nworld\n')).toBeNull();
    expect(() => readChangeReport('hello\nworld\n')).toThrow(/not a report Demo Ledger reads/);
    expect(() => readChangeReport('{"report_format": 12, "puppet_version": "7", "host": ')).toThrow(
      /JSON could not be read/,
    );
    expect(() =>
      importText(
        '{"report_format": 12, "puppet_version": "7", "host": "x", "resource_statuses": {}}',
        {
          kind: 'changes',
          format: 'report',
        },
      ),
    ).toThrow(/does not say when the tool ran/);
  });
});

describe('times as the tools write them', () => {
  it('reads ISO times with nine-digit fractions, +HHMM zones and a space before the zone', () => {
    expect(parseInstant('2026-12-07T05:33:26.451969866+00:00')).toEqual({
      at: Date.UTC(2026, 11, 7, 5, 33, 26, 451),
      zoned: true,
    });
    expect(parseInstant('2024-02-14T22:02:34.461+0500')?.at).toBe(
      Date.UTC(2024, 1, 14, 17, 2, 34, 461),
    );
    expect(parseInstant('2026-12-07 05:34:11 +0000')?.at).toBe(Date.UTC(2026, 11, 7, 5, 34, 11));
    expect(parseInstant('2026-12-07 05:34:11')).toEqual({
      at: Date.UTC(2026, 11, 7, 5, 34, 11),
      zoned: false,
    });
    expect(parseInstant('2026-02-30T10:00:00Z')).toBeNull();
    expect(parseInstant('yesterday')).toBeNull();
  });

  it('reads ctime at the offset given', () => {
    expect(parseCtime('Mon Dec  7 05:34:00 2026')).toBe(Date.UTC(2026, 11, 7, 5, 34));
    expect(parseCtime('Mon Dec  7 05:34:00 2026', 60)).toBe(Date.UTC(2026, 11, 7, 4, 34));
    expect(parseCtime('Dec 7 2026')).toBeNull();
  });
});
