import type { ChangeDialect } from '../change-reports/detect';
import { CHANGE_DIALECTS, detectChangeReport } from '../change-reports/detect';
import type { Detection } from './detect';

/**
 * Change reports (Puppet, Chef Infra, AIDE, Tripwire, OSSEC/Wazuh alerts) among evidence files:
 * the format is the tool, the variant the dialect its parser reads (core/change-reports).
 */
const MEDIA: Readonly<Record<ChangeDialect, string>> = {
  'puppet-yaml': 'application/yaml',
  'puppet-json': 'application/json',
  'chef-data-collector': 'application/json',
  'chef-json-handler': 'application/json',
  'aide-json': 'application/json',
  'aide-text': 'text/plain',
  'tripwire-text': 'text/plain',
  'ossec-alerts': 'application/x-ndjson',
};

export function detectChangeReportFormat(head: string): Detection | null {
  const found = detectChangeReport(head);
  return found === null
    ? null
    : { format: found.tool, variant: found.dialect, mediaType: MEDIA[found.dialect] };
}

export function changeDialectOf(variant: string): ChangeDialect | undefined {
  return (CHANGE_DIALECTS as readonly string[]).includes(variant)
    ? (variant as ChangeDialect)
    : undefined;
}
