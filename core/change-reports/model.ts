import { z } from 'zod';

/**
 * Configuration and integrity changes as the tools that make or watch them report them: a
 * Puppet or Chef Infra run (resources changed, failed, corrective), an AIDE or Tripwire check
 * (files added, removed, changed), OSSEC/Wazuh syscheck alerts. One neutral shape, read by the
 * evidence summary and by the telemetry importer, so both say the same about the same file.
 */

export const CHANGE_TOOLS = ['puppet', 'chef-infra', 'aide', 'tripwire', 'ossec'] as const;
export const ChangeTool = z.enum(CHANGE_TOOLS);
export type ChangeTool = z.infer<typeof ChangeTool>;

export const CHANGE_TOOL_NAMES: Readonly<Record<ChangeTool, string>> = {
  puppet: 'Puppet',
  'chef-infra': 'Chef Infra',
  aide: 'AIDE',
  tripwire: 'Tripwire',
  ossec: 'OSSEC/Wazuh',
};

/** Configuration management tools enforce a state; the others watch files for changes. */
export function isConfigurationTool(tool: ChangeTool): boolean {
  return tool === 'puppet' || tool === 'chef-infra';
}

export const CHANGE_ACTIONS = ['added', 'removed', 'changed', 'failed'] as const;
export const ChangeAction = z.enum(CHANGE_ACTIONS);
export type ChangeAction = z.infer<typeof ChangeAction>;

/** One changed thing: a file an integrity checker saw change, a resource a run changed. */
export const ChangeItem = z.object({
  action: ChangeAction,
  /** What kind of thing: `File`, `Package`, `file`, `registry` … as the tool names it. */
  kind: z.string().max(100),
  /** Its name: a path, or a resource title such as `File[/etc/motd]`. */
  name: z.string().max(1000),
  /** What the tool said about the change, shortened. */
  detail: z.string().max(500),
  /** Puppet: the change put back a state that had drifted from the catalog. */
  corrective: z.boolean(),
  /** The host the change happened on, when the report names it. */
  host: z.string().max(200),
  /** When the change was made or seen (epoch ms), when the report says. */
  at: z.number().nullable(),
  /** The rule level of an OSSEC/Wazuh alert (0–15). */
  level: z.number().int().nullable(),
});
export type ChangeItem = z.infer<typeof ChangeItem>;

export const ChangeCounts = z.object({
  added: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  changed: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  /** Changes (counted in `changed`) that corrected drift. */
  corrective: z.number().int().nonnegative(),
});
export type ChangeCounts = z.infer<typeof ChangeCounts>;

/** An OSSEC/Wazuh alert that is not a file change: kept with its rule and level. */
export interface ToolAlert {
  ruleId: string;
  description: string;
  level: number;
  host: string;
  location: string;
  at: number | null;
}

export interface ChangeReport {
  tool: ChangeTool;
  /** The dialect read: `last_run_report.yaml`, `JSON report`, `text report (level 3)` … */
  variant: string;
  version: string;
  /** The host the report is about; empty when it names none (AIDE does not). */
  host: string;
  /** When the tool ran, by its own clock (epoch ms); null when the report does not say. */
  producedAt: number | null;
  /**
   * The report's time carries no zone (Tripwire prints local time): it was read in the zone the
   * caller gave (UTC unless told otherwise), which may not be the host's.
   */
  zoneAssumed: boolean;
  /** The run's outcome as the tool states it (`changed`, `failed`, `unchanged` …). */
  status: string;
  counts: ChangeCounts;
  /** The changes, at most MAX_CHANGE_ITEMS of them; `counts` count all. */
  items: ChangeItem[];
  /** Alerts other than file changes (OSSEC/Wazuh), at most MAX_CHANGE_ITEMS. */
  alerts: ToolAlert[];
  alertCount: number;
  details: Record<string, string | number | boolean>;
  notes: string[];
}

export const MAX_CHANGE_ITEMS = 5000;
/** Whole-document reports (YAML, JSON) are read at once, up to this many characters. */
export const MAX_REPORT_CHARS = 64 * 1024 * 1024;

export class ChangeReportError extends Error {
  override readonly name = 'ChangeReportError';
}

export function emptyCounts(): ChangeCounts {
  return { added: 0, removed: 0, changed: 0, failed: 0, corrective: 0 };
}

export function totalChanges(counts: ChangeCounts): number {
  return counts.added + counts.removed + counts.changed + counts.failed;
}

/** Collects items with exact counts and a capped list, for every reader. */
export class ChangeCollector {
  readonly counts = emptyCounts();
  readonly items: ChangeItem[] = [];
  readonly alerts: ToolAlert[] = [];
  alertCount = 0;
  readonly notes = new Set<string>();

  add(item: ChangeItem): void {
    this.counts[item.action] += 1;
    if (item.corrective) this.counts.corrective += 1;
    if (this.items.length < MAX_CHANGE_ITEMS) this.items.push(item);
    else
      this.notes.add(
        `Only the first ${MAX_CHANGE_ITEMS} changes are listed; the counts include all of them.`,
      );
  }

  addAlert(alert: ToolAlert): void {
    this.alertCount += 1;
    if (this.alerts.length < MAX_CHANGE_ITEMS) this.alerts.push(alert);
    else
      this.notes.add(
        `Only the first ${MAX_CHANGE_ITEMS} alerts are listed; the counts include all of them.`,
      );
  }
}

/** Cuts a tool's text to fit a field, flattening line breaks. */
export function clip(value: string, max: number): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

export function recordOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

/** A whole JSON report, or the reason it cannot be read. */
export function parseJsonDocument(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ChangeReportError(
      `The JSON could not be read: ${error instanceof Error ? error.message : 'parse error'}`,
    );
  }
}

/** A report from what a reader collected and what it learnt about the run. */
export function reportFrom(
  collected: ChangeCollector,
  fields: Omit<ChangeReport, 'counts' | 'items' | 'alerts' | 'alertCount' | 'notes'>,
): ChangeReport {
  return {
    ...fields,
    counts: collected.counts,
    items: collected.items,
    alerts: collected.alerts,
    alertCount: collected.alertCount,
    notes: [...collected.notes],
  };
}
