import { canonicalJson } from '../audit/canonical';
import type { Id } from '../model/common';
import type { IssueStatus, SecurityIssue, SlaSegment, StatusChange } from '../model/issue';
import { RESOLVED_STATUSES } from '../model/issue';
import type { SlaPolicy } from '../model/sla-policy';
import { computeDueAt, dueAtForDate, riskExpiryInstant } from '../issues/sla';
import type { ImportedIssue } from './imported';
import { importedFromIssue } from './jira-csv';

/**
 * Turns a tracker issue into a security issue, or brings an existing one up to date with it.
 * The tracker's state wins: status, resolution and risk acceptance are taken as they are, each
 * change recorded in the status history as an import.
 */
export interface ImportContext {
  workspaceId: Id;
  now: number;
  actor: string;
  policy: SlaPolicy;
  /** For new issues. */
  newId: () => Id;
  nextNumber: () => number;
}

/** The due instant the tracker gives (a time, or a date ending with its working day), if any. */
function trackerDue(imported: ImportedIssue, policy: SlaPolicy): string | null {
  if (imported.dueAt !== null) return imported.dueAt;
  if (imported.dueDate !== null)
    return new Date(dueAtForDate(imported.dueDate, policy)).toISOString();
  return null;
}

function dueOf(imported: ImportedIssue, from: number, policy: SlaPolicy): string {
  return (
    trackerDue(imported, policy) ??
    new Date(computeDueAt(imported.priority, from, policy)).toISOString()
  );
}

function stopAt(imported: ImportedIssue, context: ImportContext): string | null {
  if (RESOLVED_STATUSES.includes(imported.status))
    return imported.resolvedAt ?? new Date(context.now).toISOString();
  if (imported.status === 'risk-accepted') return new Date(context.now).toISOString();
  return null;
}

function trackerFields(imported: ImportedIssue, context: ImportContext, by: string) {
  const at = new Date(context.now).toISOString();
  const resolved = RESOLVED_STATUSES.includes(imported.status);
  const risk = imported.riskAcceptance;
  return {
    status: imported.status,
    resolvedAt: resolved ? (imported.resolvedAt ?? at) : null,
    closure:
      imported.status === 'closed'
        ? {
            at: imported.resolvedAt ?? at,
            by,
            reason: imported.closeReason,
            verified: imported.closeReason === '',
          }
        : null,
    verification:
      imported.status === 'verified'
        ? { at: imported.resolvedAt ?? at, by, evidenceId: null, note: 'Verified in the tracker' }
        : null,
    riskAcceptance:
      imported.status === 'risk-accepted' && risk !== null
        ? {
            ...risk,
            expiresAt: new Date(riskExpiryInstant(risk.expiresOn, context.policy)).toISOString(),
            acceptedAt: at,
            acceptedBy: by,
          }
        : null,
  };
}

function statusChange(
  from: IssueStatus | null,
  to: IssueStatus,
  at: string,
  by: string,
): StatusChange {
  return { at, by, from, to, note: 'Imported from the tracker' };
}

/** The SLA history after an update: a new stretch when the clock restarts, priority or due changes. */
function updatedSegments(
  history: readonly SlaSegment[],
  imported: ImportedIssue,
  context: ImportContext,
): SlaSegment[] {
  const at = new Date(context.now).toISOString();
  const last = history.at(-1);
  const stop = stopAt(imported, context);
  const running = last !== undefined && last.endedAt === null;
  const samePriority = last !== undefined && last.priority === imported.priority;
  // Without a due date from the tracker, a running clock keeps its due time.
  const due =
    trackerDue(imported, context.policy) ??
    (running && samePriority && last !== undefined
      ? last.dueAt
      : new Date(computeDueAt(imported.priority, context.now, context.policy)).toISOString());
  const changed = !samePriority || last?.dueAt !== due;
  const closeRunning = (segments: readonly SlaSegment[], end: string): SlaSegment[] =>
    segments.map((segment, index) =>
      index === segments.length - 1 && segment.endedAt === null
        ? { ...segment, endedAt: end }
        : segment,
    );
  if (stop === null && (!running || changed)) {
    return [
      ...closeRunning(history, at),
      { priority: imported.priority, startedAt: at, dueAt: due, endedAt: null, reason: 'imported' },
    ];
  }
  if (stop !== null && running) return closeRunning(history, stop);
  return [...history];
}

export type ImportOutcome =
  | { kind: 'created' | 'updated'; issue: SecurityIssue }
  | { kind: 'unchanged'; issue: SecurityIssue };

export function applyImported(
  imported: ImportedIssue,
  existing: SecurityIssue | undefined,
  context: ImportContext,
): ImportOutcome {
  const at = new Date(context.now).toISOString();
  const by = context.actor;
  if (existing === undefined) {
    const segment: SlaSegment = {
      priority: imported.priority,
      startedAt: imported.raisedAt,
      dueAt: dueOf(imported, Date.parse(imported.raisedAt), context.policy),
      endedAt: stopAt(imported, context),
      reason: 'imported',
    };
    const history = [statusChange(null, 'open', imported.raisedAt, by)];
    if (imported.status !== 'open')
      history.push(statusChange('open', imported.status, imported.resolvedAt ?? at, by));
    const issue: SecurityIssue = {
      id: context.newId(),
      workspaceId: context.workspaceId,
      number: context.nextNumber(),
      raisedInSprintId: null,
      title: imported.title,
      description: imported.description,
      severity: imported.severity,
      priority: imported.priority,
      owner: imported.owner,
      source:
        imported.trackerKey === null
          ? { kind: 'manual' }
          : { kind: 'tracker-import', tracker: 'jira', key: imported.trackerKey },
      fingerprint: null,
      controlRefs: imported.controlRefs,
      links: { demoItemIds: [], evidenceIds: [] },
      trackerKey: imported.trackerKey,
      trackerUrl: imported.trackerUrl,
      raisedAt: imported.raisedAt,
      raisedBy: by,
      dueAt: segment.dueAt,
      slaHistory: [segment],
      statusHistory: history,
      ...trackerFields(imported, context, by),
      createdAt: at,
      updatedAt: at,
    };
    return { kind: 'created', issue };
  }

  const current = importedFromIssue(existing);
  // What the tracker leaves out (due date, link, key) keeps its current value.
  const comparable = {
    ...imported,
    ledgerId: existing.id,
    trackerKey: imported.trackerKey ?? existing.trackerKey,
    trackerUrl: imported.trackerUrl || existing.trackerUrl,
    dueAt: trackerDue(imported, context.policy) ?? current.dueAt,
    dueDate: null,
  };
  if (canonicalJson(current) === canonicalJson(comparable)) {
    return { kind: 'unchanged', issue: existing };
  }

  const slaHistory = updatedSegments(existing.slaHistory, imported, context);
  const statusHistory =
    existing.status === imported.status
      ? existing.statusHistory
      : [...existing.statusHistory, statusChange(existing.status, imported.status, at, by)];
  const issue: SecurityIssue = {
    ...existing,
    title: imported.title,
    description: imported.description,
    severity: imported.severity,
    priority: imported.priority,
    owner: imported.owner,
    controlRefs: imported.controlRefs,
    trackerKey: imported.trackerKey ?? existing.trackerKey,
    trackerUrl: imported.trackerUrl || existing.trackerUrl,
    slaHistory,
    dueAt: slaHistory.at(-1)?.dueAt ?? existing.dueAt,
    statusHistory,
    ...trackerFields(imported, context, by),
    updatedAt: at,
  };
  return { kind: 'updated', issue };
}
