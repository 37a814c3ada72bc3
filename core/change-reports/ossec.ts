import { parseInstant } from '../time/instant';
import type { ChangeAction, ChangeItem, ChangeReport, ToolAlert } from './model';
import {
  ChangeCollector,
  ChangeReportError,
  clip,
  listOf,
  recordOf,
  reportFrom,
  textOf,
  totalChanges,
} from './model';
import type { LineReportParser } from './lines';

/**
 * OSSEC and Wazuh `alerts.json`: one alert per line. Both write `rule.level` (0–15); OSSEC 2.9+
 * adds `rule.comment`, `rule.sidid`, `TimeStamp` (epoch ms), `hostname`/`agent_name` and a
 * `SyscheckFile` object for file-integrity (syscheck) alerts; Wazuh writes `timestamp`,
 * `rule.description`, `rule.id`, `rule.groups`, `agent.name` and a `syscheck` object with
 * `event` (`added`, `modified`, `readded`, `deleted`). A syscheck alert is a file change; every
 * other alert is kept as an alert with its rule and level.
 */
export interface OssecAlert {
  at: number | null;
  host: string;
  level: number;
  ruleId: string;
  description: string;
  location: string;
  /** The file change of a syscheck alert. */
  change: { action: ChangeAction; path: string; detail: string } | null;
}

/** Stock syscheck rules: 550–552 and 555 changed, 553 deleted, 554 added (OSSEC and Wazuh). */
const RULE_ACTIONS: Readonly<Record<string, ChangeAction>> = {
  '550': 'changed',
  '551': 'changed',
  '552': 'changed',
  '553': 'removed',
  '554': 'added',
  '555': 'changed',
};

const EVENT_ACTIONS: Readonly<Record<string, ChangeAction>> = {
  added: 'added',
  readded: 'added',
  modified: 'changed',
  deleted: 'removed',
};

/** An OSSEC/Wazuh alert, or null when the record is not one. */
export function ossecAlertOf(value: unknown): OssecAlert | null {
  const record = recordOf(value);
  const rule = recordOf(record['rule']);
  const level = rule['level'];
  if (typeof level !== 'number' || !Number.isFinite(level)) return null;
  const ruleId = textOf(rule['id'] ?? rule['sidid']);
  const agent = recordOf(record['agent']);
  const host = textOf(agent['name']) || textOf(record['agent_name']) || textOf(record['hostname']);
  const stamp = record['TimeStamp'];
  const at =
    typeof stamp === 'number' && Number.isFinite(stamp)
      ? stamp
      : (parseInstant(textOf(record['timestamp']))?.at ?? null);
  const syscheck = recordOf(record['syscheck'] ?? record['SyscheckFile']);
  const path = textOf(syscheck['path']);
  const groups = listOf(rule['groups']).map(textOf);
  const isSyscheck =
    path !== '' ||
    groups.includes('syscheck') ||
    textOf(rule['group']).split(',').includes('syscheck');
  const action = EVENT_ACTIONS[textOf(syscheck['event'])] ?? RULE_ACTIONS[ruleId];
  const description = textOf(rule['description']) || textOf(rule['comment']);
  return {
    at,
    host: clip(host, 200),
    level: Math.trunc(level),
    ruleId: clip(ruleId, 40),
    description: clip(description, 300),
    location: clip(textOf(record['location']), 300),
    change:
      isSyscheck && path !== ''
        ? {
            action: action ?? 'changed',
            path: clip(path, 1000),
            detail: clip(changedAttributes(syscheck) || description, 500),
          }
        : null,
  };
}

function changedAttributes(syscheck: Record<string, unknown>): string {
  const listed = listOf(syscheck['changed_attributes']).map(textOf).filter(Boolean);
  if (listed.length > 0) return `changed: ${listed.join(', ')}`;
  const before = Object.keys(syscheck)
    .filter((key) => key.endsWith('_before'))
    .map((key) => key.slice(0, -'_before'.length));
  return before.length > 0 ? `changed: ${before.join(', ')}` : '';
}

export function changeOfAlert(alert: OssecAlert): ChangeItem | null {
  if (alert.change === null) return null;
  return {
    action: alert.change.action,
    kind: 'file',
    name: alert.change.path,
    detail: alert.change.detail,
    corrective: false,
    host: alert.host,
    at: alert.at,
    level: alert.level,
  };
}

export class OssecAlertsParser implements LineReportParser {
  private readonly collected = new ChangeCollector();
  private readonly hosts = new Set<string>();
  private readonly levels: Record<string, number> = {};
  private unreadable = 0;
  private latest: number | null = null;
  private earliest: number | null = null;

  line(line: string, lineNumber: number): void {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      this.skip(lineNumber);
      return;
    }
    const alert = ossecAlertOf(value);
    if (alert === null) {
      this.skip(lineNumber);
      return;
    }
    if (this.hosts.size < 1000 && alert.host !== '') this.hosts.add(alert.host);
    const band = levelBand(alert.level);
    this.levels[band] = (this.levels[band] ?? 0) + 1;
    if (alert.at !== null) {
      this.latest = Math.max(this.latest ?? alert.at, alert.at);
      this.earliest = Math.min(this.earliest ?? alert.at, alert.at);
    }
    const change = changeOfAlert(alert);
    if (change) this.collected.add(change);
    else this.collected.addAlert(toolAlert(alert));
  }

  private skip(lineNumber: number): void {
    this.unreadable += 1;
    if (this.unreadable <= 3)
      this.collected.notes.add(`Line ${lineNumber} is not an OSSEC/Wazuh alert and was skipped.`);
  }

  finish(): ChangeReport {
    const alerts = this.collected.alertCount + this.collected.items.length;
    if (alerts === 0) throw new ChangeReportError('No OSSEC/Wazuh alert could be read.');
    if (this.unreadable > 3)
      this.collected.notes.add(`${this.unreadable} lines in all were not alerts.`);
    const details: ChangeReport['details'] = {
      alerts: this.collected.alertCount + totalChanges(this.collected.counts),
    };
    if (this.earliest !== null) details['first alert'] = new Date(this.earliest).toISOString();
    for (const [band, count] of Object.entries(this.levels)) details[`level ${band}`] = count;
    if (this.unreadable > 0) details['unreadable lines'] = this.unreadable;
    return reportFrom(this.collected, {
      tool: 'ossec',
      variant: 'alerts.json',
      version: '',
      host: this.hosts.size === 1 ? ([...this.hosts][0] ?? '') : '',
      producedAt: this.latest,
      zoneAssumed: false,
      status:
        totalChanges(this.collected.counts) > 0 ? 'integrity changes' : 'no integrity changes',
      details,
    });
  }
}

export function toolAlert(alert: OssecAlert): ToolAlert {
  return {
    ruleId: alert.ruleId,
    description: alert.description,
    level: alert.level,
    host: alert.host,
    location: alert.location,
    at: alert.at,
  };
}

/** Wazuh's rule classification, in four bands (see README, Evidence formats). */
export function levelBand(level: number): string {
  if (level >= 12) return '12–15';
  if (level >= 7) return '7–11';
  if (level >= 4) return '4–6';
  return '0–3';
}
