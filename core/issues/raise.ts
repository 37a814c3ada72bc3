import type { Id } from '../model/common';
import type { IssueDraft, IssueSource, SecurityIssue, SlaSegment } from '../model/issue';
import { SEVERITY_FOR_PRIORITY } from '../model/issue';
import type { SlaPolicy } from '../model/sla-policy';
import { computeDueAt, dueAtForDate } from './sla';

export interface RaiseContext {
  id: Id;
  number: number;
  now: number;
  actor: string;
  policy: SlaPolicy;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** The links an issue carries: those given, plus the demo item or evidence it came from. */
function linksOf(draft: IssueDraft): SecurityIssue['links'] {
  const demoItemIds = [...draft.links.demoItemIds];
  const evidenceIds = [...draft.links.evidenceIds];
  if (draft.source.kind === 'demo-item') demoItemIds.push(draft.source.demoItemId);
  if (draft.source.kind === 'evidence-finding') evidenceIds.push(draft.source.evidenceId);
  return { demoItemIds: unique(demoItemIds), evidenceIds: unique(evidenceIds) };
}

function controlRefsOf(draft: IssueDraft): string[] {
  const refs = [...draft.controlRefs];
  if (draft.source.kind === 'control-verdict') refs.push(draft.source.controlRef);
  return unique(refs);
}

export function firstSegment(
  draft: Pick<IssueDraft, 'priority' | 'dueDate'>,
  raisedAt: number,
  policy: SlaPolicy,
  reason: SlaSegment['reason'] = 'raised',
): SlaSegment {
  const dueAt =
    draft.dueDate === null
      ? computeDueAt(draft.priority, raisedAt, policy)
      : dueAtForDate(draft.dueDate, policy);
  return {
    priority: draft.priority,
    startedAt: new Date(raisedAt).toISOString(),
    dueAt: new Date(dueAt).toISOString(),
    endedAt: null,
    reason: draft.dueDate === null ? reason : 'due-date-set',
  };
}

/** A new, open issue from a validated draft; its SLA clock starts now. */
export function issueFromDraft(draft: IssueDraft, context: RaiseContext): SecurityIssue {
  const at = new Date(context.now).toISOString();
  const segment = firstSegment(draft, context.now, context.policy);
  return {
    id: context.id,
    workspaceId: draft.workspaceId,
    number: context.number,
    raisedInSprintId:
      draft.sprintId ?? (draft.source.kind === 'demo-item' ? draft.source.sprintId : null),
    title: draft.title,
    description: draft.description,
    severity: draft.severity ?? SEVERITY_FOR_PRIORITY[draft.priority],
    priority: draft.priority,
    status: 'open',
    owner: draft.owner,
    source: draft.source,
    fingerprint: draft.source.kind === 'evidence-finding' ? draft.source.fingerprint : null,
    controlRefs: controlRefsOf(draft),
    links: linksOf(draft),
    trackerKey: draft.trackerKey,
    trackerUrl: draft.trackerUrl,
    raisedAt: at,
    raisedBy: context.actor,
    dueAt: segment.dueAt,
    slaHistory: [segment],
    statusHistory: [{ at, by: context.actor, from: null, to: 'open', note: '' }],
    resolvedAt: null,
    riskAcceptance: null,
    verification: null,
    closure: null,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * What makes two drafts the same problem raised twice: a finding's fingerprint, or a telemetry
 * alert's id. Other sources (by hand, a demo item, a verdict) are never duplicates.
 */
export function originKey(source: IssueSource): string | null {
  if (source.kind === 'evidence-finding') return findingOrigin(source.fingerprint);
  if (source.kind === 'telemetry-alert') return alertOrigin(source.alertId);
  return null;
}

export const findingOrigin = (fingerprint: string): string => `finding:${fingerprint}`;
export const alertOrigin = (alertId: string): string => `alert:${alertId}`;

/**
 * The issue a finding or an alert was already raised as: any issue of the workspace from the
 * same origin that is not closed (a closed one means the problem came back: a new issue).
 */
export function findDuplicate(
  candidates: readonly SecurityIssue[],
  source: IssueSource,
): SecurityIssue | undefined {
  const key = originKey(source);
  if (key === null) return undefined;
  return candidates.find((issue) => originKey(issue.source) === key && issue.status !== 'closed');
}

/** The existing issue with the new draft's evidence, demo items and controls linked to it. */
export function mergeDraftInto(
  issue: SecurityIssue,
  draft: IssueDraft,
  now: number,
): SecurityIssue {
  const links = linksOf(draft);
  const merged = {
    demoItemIds: unique([...issue.links.demoItemIds, ...links.demoItemIds]),
    evidenceIds: unique([...issue.links.evidenceIds, ...links.evidenceIds]),
  };
  const controlRefs = unique([...issue.controlRefs, ...controlRefsOf(draft)]);
  const unchanged =
    merged.demoItemIds.length === issue.links.demoItemIds.length &&
    merged.evidenceIds.length === issue.links.evidenceIds.length &&
    controlRefs.length === issue.controlRefs.length;
  if (unchanged) return issue;
  return { ...issue, links: merged, controlRefs, updatedAt: new Date(now).toISOString() };
}
