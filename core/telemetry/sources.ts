import type { SourceActivity } from './activity';
import { mergeActivity, sourceKey } from './activity';
import type { AlertFinding, ChangeEvent, SilenceRule } from './model';
import type { SourcesAssessment } from './silence';
import { assessSources, silenceFindings } from './silence';

/**
 * The sources of a whole workspace: the activity every import recorded, merged per source (the
 * same host's auth.log and auth.log.1 are one source), judged by the silence rule. A silence is
 * attributed to the import that holds the source's last line before it, so the alert names the
 * file and goes when that file is removed.
 */
export interface ImportActivity {
  importId: string;
  fileName: string;
  activity: readonly SourceActivity[];
}

export function workspaceSources(
  imports: readonly ImportActivity[],
  rule: SilenceRule | null,
): SourcesAssessment {
  return assessSources(mergeActivity(imports.flatMap((one) => one.activity)), rule);
}

export type AttributedFinding = AlertFinding & { importId: string; fileName: string };

export function workspaceSilences(
  imports: readonly ImportActivity[],
  rule: SilenceRule,
): AttributedFinding[] {
  const findings = silenceFindings(workspaceSources(imports, rule), rule);
  return findings.flatMap((finding) => {
    const owner = ownerOf(imports, finding);
    return owner === null
      ? []
      : [{ ...finding, importId: owner.importId, fileName: owner.fileName }];
  });
}

/** The import whose activity for the silent source has a line at the silence's start. */
function ownerOf(imports: readonly ImportActivity[], finding: AlertFinding): ImportActivity | null {
  const source = finding.source;
  if (source === undefined) return null;
  const key = sourceKey(source);
  let best: ImportActivity | null = null;
  let bestLast = -Infinity;
  for (const one of imports) {
    const activity = one.activity.find((candidate) => sourceKey(candidate) === key);
    if (activity === undefined || activity.first > finding.from) continue;
    if (endsRunAt(activity, finding.from)) return one;
    if (activity.last <= finding.from && activity.last > bestLast) {
      best = one;
      bestLast = activity.last;
    }
  }
  return best;
}

function endsRunAt(activity: SourceActivity, at: number): boolean {
  for (let index = 1; index < activity.runs.length; index += 2)
    if (activity.runs[index] === at) return true;
  return false;
}

/** The same alert across evaluations: rule, what it measured, where it starts, which file. */
export function alertIdentity(alert: {
  importId: string;
  ruleId: string;
  metrics: readonly string[];
  from: number;
}): string {
  return `${alert.importId}|${alert.ruleId}|${alert.metrics.join(',')}|${alert.from}`;
}

/** Change events counted per host and tool: how many reports or records, how many changes. */
export interface ChangeTally {
  host: string;
  tool: string;
  events: number;
  changes: number;
  first: number;
  last: number;
}

export function tallyChanges(events: readonly ChangeEvent[]): ChangeTally[] {
  const tallies = new Map<string, ChangeTally>();
  for (const event of events) {
    const host = event.host ?? '';
    const tool = event.tool ?? 'changes';
    const key = `${tool}|${host}`;
    const tally = tallies.get(key) ?? {
      host,
      tool,
      events: 0,
      changes: 0,
      first: event.at,
      last: event.at,
    };
    tally.events += 1;
    tally.changes += event.count ?? 1;
    tally.first = Math.min(tally.first, event.at);
    tally.last = Math.max(tally.last, event.at);
    tallies.set(key, tally);
  }
  return [...tallies.values()].sort(
    (a, b) => b.changes - a.changes || a.host.localeCompare(b.host) || a.tool.localeCompare(b.tool),
  );
}
