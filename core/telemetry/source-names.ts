import { CHANGE_TOOL_NAMES } from '../change-reports/model';

/**
 * The kinds of telemetry sources in words, as the Sources table and silence alerts name them:
 * the telemetry kinds, and for change events the tool that reported them.
 */
export const KIND_NAMES: Readonly<Record<string, string>> = {
  'access-log': 'access log',
  'auth-log': 'authentication log',
  'auth-events': 'login events',
  metrics: 'metric export',
  changes: 'change events',
  rows: 'change events',
  dpkg: 'dpkg log',
  cloudtrail: 'CloudTrail events',
  puppet: `${CHANGE_TOOL_NAMES.puppet} runs`,
  'chef-infra': `${CHANGE_TOOL_NAMES['chef-infra']} runs`,
  aide: `${CHANGE_TOOL_NAMES.aide} checks`,
  tripwire: `${CHANGE_TOOL_NAMES.tripwire} checks`,
  ossec: `${CHANGE_TOOL_NAMES.ossec} alerts`,
};
