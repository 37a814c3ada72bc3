import type { ChangeTool } from './model';
import { recordOf } from './model';

/**
 * Recognises a change report from the head of a file (the caller passes up to a few hundred
 * KiB): a fixed first line (Puppet's YAML tag), key names that only that tool writes near the
 * top of its JSON, or the lines a text report starts with. Only `startsWith`, `includes` and one
 * JSON.parse of a bounded first line, so the cost is linear in the head.
 */
export const CHANGE_DIALECTS = [
  'puppet-yaml',
  'puppet-json',
  'chef-data-collector',
  'chef-json-handler',
  'aide-json',
  'aide-text',
  'tripwire-text',
  'ossec-alerts',
] as const;
export type ChangeDialect = (typeof CHANGE_DIALECTS)[number];

export interface ChangeDetection {
  tool: ChangeTool;
  dialect: ChangeDialect;
  /** Why, in words: shown next to the format. */
  reason: string;
}

const TOOL_OF: Readonly<Record<ChangeDialect, ChangeTool>> = {
  'puppet-yaml': 'puppet',
  'puppet-json': 'puppet',
  'chef-data-collector': 'chef-infra',
  'chef-json-handler': 'chef-infra',
  'aide-json': 'aide',
  'aide-text': 'aide',
  'tripwire-text': 'tripwire',
  'ossec-alerts': 'ossec',
};

const REASONS: Readonly<Record<ChangeDialect, string>> = {
  'puppet-yaml': 'Puppet run report (last_run_report.yaml)',
  'puppet-json': 'Puppet run report (JSON)',
  'chef-data-collector': 'Chef Infra run report (data collector run_converge message)',
  'chef-json-handler': 'Chef Infra run report (json_file handler)',
  'aide-json': 'AIDE integrity check report (JSON)',
  'aide-text': 'AIDE integrity check report',
  'tripwire-text': 'Tripwire integrity check report',
  'ossec-alerts': 'OSSEC/Wazuh alerts (alerts.json)',
};

export function changeDetection(dialect: ChangeDialect): ChangeDetection {
  return { tool: TOOL_OF[dialect], dialect, reason: REASONS[dialect] };
}

/** Lines looked at for text reports, and the longest first line parsed as JSON. */
const HEAD_LINES = 60;
const MAX_FIRST_LINE = 256 * 1024;

export function detectChangeReport(head: string): ChangeDetection | null {
  const text = head.startsWith('\uFEFF') ? head.slice(1) : head;
  const start = text.trimStart();
  const dialect = start.startsWith('{') ? jsonDialect(start) : textDialect(text);
  return dialect === null ? null : changeDetection(dialect);
}

function jsonDialect(text: string): ChangeDialect | null {
  const has = (key: string) => text.includes(`"${key}"`);
  if (isOssecAlertLine(text)) return 'ossec-alerts';
  if (has('report_format') && has('puppet_version') && (has('resource_statuses') || has('host')))
    return 'puppet-json';
  if (has('message_type') && has('run_converge')) return 'chef-data-collector';
  if (/^\{\s*"node"\s*:/.test(text) && (has('json_class') || has('chef_type'))) {
    return text.includes('Chef::Node') || /"chef_type"\s*:\s*"node"/.test(text)
      ? 'chef-json-handler'
      : null;
  }
  if (has('aide_version') && (has('number_of_entries') || has('outline'))) return 'aide-json';
  return null;
}

/** The first line is one JSON object with a rule level: an OSSEC or Wazuh alert. */
function isOssecAlertLine(text: string): boolean {
  const newline = text.indexOf('\n');
  const first = (newline === -1 ? text : text.slice(0, newline)).trim();
  if (first.length > MAX_FIRST_LINE || !first.endsWith('}')) return false;
  let value: unknown;
  try {
    value = JSON.parse(first);
  } catch {
    return false;
  }
  const record = recordOf(value);
  const rule = recordOf(record['rule']);
  return (
    typeof rule['level'] === 'number' &&
    ('agent' in record ||
      'location' in record ||
      'hostname' in record ||
      'TimeStamp' in record ||
      'timestamp' in record)
  );
}

function textDialect(text: string): ChangeDialect | null {
  const lines = text.split('\n', HEAD_LINES).map((line) => line.replace(/\r$/, ''));
  const nonEmpty = lines.filter((line) => line.trim() !== '');
  const first = nonEmpty[0] ?? '';
  if (first.startsWith('--- !ruby/object:Puppet::Transaction::Report')) return 'puppet-yaml';
  if (
    first.trim() === '---' &&
    lines.some((line) => line.startsWith('report_format: ')) &&
    lines.some((line) => line.startsWith('puppet_version: '))
  )
    return 'puppet-yaml';
  // twprint starts with `Note: Report is not encrypted.` on its standard output.
  if (
    lines.some((line) => line.startsWith('TWReport ')) ||
    lines.some((line) => line.includes('Tripwire') && line.includes('Integrity Check Report'))
  )
    return 'tripwire-text';
  const levelOne = nonEmpty.filter((line) => /^(?:Added|Removed|Modified):\t"/.test(line));
  if (levelOne.length > 0 && levelOne.length >= nonEmpty.length * 0.6) return 'tripwire-text';
  if (
    lines.some(
      (line) =>
        (line.startsWith('Start timestamp: ') && line.includes('(AIDE ')) ||
        (line.startsWith('AIDE') &&
          (line.includes('found differences between database and filesystem') ||
            line.includes('found NO differences between database and filesystem'))),
    )
  )
    return 'aide-text';
  return null;
}
