import type { ByteChunks } from '../bytes';
import { SummaryBuilder, isoDate, list, numberOrNull, record, text } from '../builder';
import type { CheckStatus, EvidenceSummary, Severity } from '../model';
import { readJson } from '../json';

/**
 * Chef InSpec exec JSON (current and the legacy 1.x shape), its JSON-lines log form, and MITRE's
 * Heimdall Data Format, which the SAF converters produce from many other scanners. A control's
 * status follows Heimdall: impact 0 is not applicable, no results is not reviewed, then error,
 * failed, passed; only skipped results is not reviewed.
 */

export function controlStatus(impact: number | null, statuses: readonly string[]): CheckStatus {
  if (impact === 0) return 'notApplicable';
  if (statuses.length === 0) return 'notChecked';
  if (statuses.includes('error')) return 'error';
  if (statuses.includes('failed')) return 'fail';
  if (statuses.includes('passed')) return 'pass';
  return 'notChecked';
}

export function impactSeverity(impact: number | null): Severity {
  if (impact === null) return 'unknown';
  if (impact >= 0.9) return 'critical';
  if (impact >= 0.7) return 'high';
  if (impact >= 0.4) return 'medium';
  if (impact > 0) return 'low';
  return 'info';
}

function addControl(
  summary: SummaryBuilder,
  control: Record<string, unknown>,
  statuses: string[],
): void {
  const impact = numberOrNull(control['impact']);
  summary.addCheck({
    id: text(control['id']),
    title: text(control['title']) || text(control['id']),
    status: controlStatus(impact, statuses),
    severity: impactSeverity(impact),
  });
}

export async function parseInspec(
  chunks: ByteChunks,
  format: 'inspec' | 'hdf',
  variant: string,
): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder(format);
  summary.enableChecks();
  const profiles: string[] = [];
  if (variant === 'json lines') {
    summary.variant = 'InSpec JSON lines';
    summary.setTool('Chef InSpec', '');
    await readJson(chunks, {
      paths: ['$'],
      multiple: true,
      onValue(_path, value) {
        const line = record(value);
        addControl(summary, line, [text(line['status'])].filter(Boolean));
        summary.producedAt ??= isoDate(line['batch_runtime']);
      },
    });
    return summary.build();
  }
  let version = '';
  await readJson(chunks, {
    paths: [
      '$.version',
      '$.platform',
      '$.profiles.*.controls.*',
      '$.profiles.*.name',
      '$.profiles.*.version',
      '$.statistics',
    ],
    onValue(path, value) {
      const [field] = path;
      if (field === 'version') version = text(value);
      else if (field === 'platform') {
        const platform = record(value);
        summary.target = `${text(platform['name'])} ${text(platform['release'])}`.trim() || null;
        if (text(platform['target_id'])) summary.details['targetId'] = text(platform['target_id']);
      } else if (field === 'statistics') {
        const duration = numberOrNull(record(value)['duration']);
        if (duration !== null) summary.details['durationSeconds'] = duration;
      } else if (field === 'profiles' && path[2] === 'name') profiles.push(text(value));
      else if (field === 'profiles' && path[2] === 'version')
        summary.details[`profileVersion`] = text(value);
      else if (field === 'profiles' && path[2] === 'controls') {
        const control = record(value);
        const results = list(control['results']).map(record);
        addControl(
          summary,
          control,
          results.map((result) => text(result['status'])),
        );
        for (const result of results) {
          const started = isoDate(result['start_time']);
          if (started && (summary.producedAt === null || started > summary.producedAt))
            summary.producedAt = started;
        }
      }
    },
  });
  summary.details['profiles'] = profiles.join(', ');
  if (format === 'hdf') {
    summary.variant = 'Heimdall Data Format';
    summary.setTool(summary.target ?? 'Heimdall', version);
  } else {
    summary.variant = `InSpec ${version} JSON`.replace('  ', ' ');
    summary.setTool('Chef InSpec', version);
  }
  return summary.build();
}
