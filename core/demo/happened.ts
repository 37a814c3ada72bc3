import type { AgendaItem, ControlVerdict, DemoEvidence, DemoNote } from '../model/demo';
import type { IssueSource, Priority } from '../model/issue';
import type { DemoRecord } from './digest';

/**
 * What happened in one demo: the ONE answer the review page, the demo record PDF, the period
 * matrix and the OSCAL export all read, so none of them can leave out what another shows.
 *
 * An issue belongs to a demo when the demo recorded it (raised in presenter mode or the
 * review), when it was raised from one of the demo's verdicts, when it names one of the demo's
 * agenda items, or when it was raised from (or links) a file shown on one of them — a finding
 * in a scan attached to an item, an alert whose chart was shown. Issues tracked elsewhere are
 * matched by their source and links, never by time or title.
 */

/** The part of a tracked issue (core/model/issue.ts) this rule reads. */
export interface TrackedIssueLike {
  id: string;
  title: string;
  priority: Priority;
  raisedAt: string;
  source: IssueSource;
  links: { demoItemIds: readonly string[]; evidenceIds: readonly string[] };
}

/** How an issue came to belong to the demo, in the order the rule checks. */
export type IssueOrigin = 'raised-in-demo' | 'verdict' | 'agenda-item' | 'evidence' | 'alert';

export const ISSUE_ORIGIN_LABELS: Readonly<Record<IssueOrigin, string>> = {
  'raised-in-demo': 'raised in the demo',
  verdict: 'raised from a verdict',
  'agenda-item': 'linked to an agenda item',
  evidence: 'raised from evidence shown',
  alert: 'raised from an alert linked to the demo',
};

export interface HappenedIssue {
  /** The tracker's id when the issue is tracked, else the demo's own issue row id. */
  id: string;
  title: string;
  priority: Priority;
  raisedAt: string;
  origin: IssueOrigin;
  /** The agenda item it belongs to (every tie the rule accepts names one). */
  itemId: string;
  /** The demo's own issue row, when the demo recorded it. */
  demoIssueId: string | null;
  /** Whether the tracker holds it (`id` is then the tracker's id). */
  tracked: boolean;
  /**
   * The demo's verdict it was raised from: the tracker's source says so, or the demo recorded it
   * on the item and control of a verdict. Null when it answers no verdict.
   */
  verdictId: string | null;
}

export interface DemoHappenings {
  demoId: string;
  issues: HappenedIssue[];
  /** Every file shown, once per item it was shown on. */
  evidence: readonly DemoEvidence[];
  verdicts: readonly ControlVerdict[];
  questions: readonly DemoNote[];
}

export type PriorityCounts = Record<Priority, number>;

export function whatHappened(
  record: DemoRecord,
  tracked: readonly TrackedIssueLike[],
): DemoHappenings {
  const items = new Set(record.items.map((item: AgendaItem) => item.id));
  const verdictItem = new Map(record.verdicts.map((verdict) => [verdict.id, verdict.itemId]));
  const verdictOn = new Map(
    record.verdicts.map((verdict) => [`${verdict.itemId}|${verdict.control}`, verdict.id]),
  );
  const sourceVerdict = (issue: TrackedIssueLike | undefined): string | null =>
    issue?.source.kind === 'control-verdict' &&
    issue.source.verdictId !== null &&
    verdictItem.has(issue.source.verdictId)
      ? issue.source.verdictId
      : null;
  const shownOn = new Map<string, string>();
  for (const row of record.evidence) {
    if (!shownOn.has(row.evidenceId)) shownOn.set(row.evidenceId, row.itemId);
  }
  const issues = new Map<string, HappenedIssue>();
  const byTracker = new Map(tracked.map((issue) => [issue.id, issue]));
  for (const row of record.issues) {
    const trackedIssue = row.trackerId === null ? undefined : byTracker.get(row.trackerId);
    const id = trackedIssue?.id ?? row.trackerId ?? row.id;
    if (issues.has(id)) continue;
    issues.set(id, {
      id,
      title: trackedIssue?.title ?? row.title,
      priority: trackedIssue?.priority ?? row.priority,
      raisedAt: trackedIssue?.raisedAt ?? row.raisedAt,
      origin: 'raised-in-demo',
      itemId: row.itemId,
      demoIssueId: row.id,
      tracked: row.trackerId !== null,
      verdictId:
        sourceVerdict(trackedIssue) ??
        (row.control === null ? null : (verdictOn.get(`${row.itemId}|${row.control}`) ?? null)),
    });
  }
  for (const issue of tracked) {
    if (issues.has(issue.id)) continue;
    const tie = tieOf(issue, items, verdictItem, shownOn);
    if (tie === null) continue;
    issues.set(issue.id, {
      id: issue.id,
      title: issue.title,
      priority: issue.priority,
      raisedAt: issue.raisedAt,
      origin: tie.origin,
      itemId: tie.itemId,
      demoIssueId: null,
      tracked: true,
      verdictId: sourceVerdict(issue),
    });
  }
  return {
    demoId: record.demo.id,
    issues: [...issues.values()].sort(
      (a, b) => a.raisedAt.localeCompare(b.raisedAt) || a.id.localeCompare(b.id),
    ),
    evidence: record.evidence,
    verdicts: record.verdicts,
    questions: record.notes.filter((note) => note.kind === 'question'),
  };
}

function tieOf(
  issue: TrackedIssueLike,
  items: ReadonlySet<string>,
  verdictItem: ReadonlyMap<string, string>,
  shownOn: ReadonlyMap<string, string>,
): { origin: IssueOrigin; itemId: string } | null {
  const { source } = issue;
  if (source.kind === 'control-verdict' && source.verdictId !== null) {
    const itemId = verdictItem.get(source.verdictId);
    if (itemId !== undefined) return { origin: 'verdict', itemId };
  }
  const fromAlert = source.kind === 'telemetry-alert';
  const itemIds = [
    ...(source.kind === 'demo-item' ? [source.demoItemId] : []),
    ...issue.links.demoItemIds,
  ];
  const onItem = itemIds.find((id) => items.has(id));
  if (onItem !== undefined) return { origin: fromAlert ? 'alert' : 'agenda-item', itemId: onItem };
  const evidenceIds = [
    ...(source.kind === 'evidence-finding' ? [source.evidenceId] : []),
    ...issue.links.evidenceIds,
  ];
  for (const evidenceId of evidenceIds) {
    const itemId = shownOn.get(evidenceId);
    if (itemId !== undefined) return { origin: fromAlert ? 'alert' : 'evidence', itemId };
  }
  return null;
}

export function countByPriority(issues: readonly { priority: Priority }[]): PriorityCounts {
  const counts: PriorityCounts = { P1: 0, P2: 0, P3: 0, P4: 0 };
  for (const issue of issues) counts[issue.priority] += 1;
  return counts;
}

/** `1 P1 · 2 P2` (P3 and P4 only when there are some); `none` when there are no issues. */
export function priorityCountText(counts: PriorityCounts): string {
  const parts = (['P1', 'P2', 'P3', 'P4'] as const)
    .filter((priority) => priority === 'P1' || priority === 'P2' || counts[priority] > 0)
    .map((priority) => `${counts[priority]} ${priority}`);
  return parts.join(' · ');
}
