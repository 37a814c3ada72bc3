import type { IssueStatus, Priority, SecurityIssue, SlaSegment } from '../model/issue';
import { RESOLVED_STATUSES } from '../model/issue';
import type { SlaPolicy } from '../model/sla-policy';
import { localDate } from '../time/zoned';
import { firstSegment } from './raise';
import { riskExpiryInstant } from './sla';

/**
 * The status workflow: open → in progress → fixed → verified → closed, with risk acceptance as a
 * side road that needs an approver, a reason and an expiry, after which the issue reopens by
 * itself. Every function here is pure: it returns the changed issue or throws WorkflowError.
 */

export class WorkflowError extends Error {
  override readonly name = 'WorkflowError';
}

/** Where each status may go next. */
export const TRANSITIONS: Readonly<Record<IssueStatus, readonly IssueStatus[]>> = {
  open: ['in-progress', 'fixed', 'verified', 'risk-accepted', 'closed'],
  'in-progress': ['open', 'fixed', 'verified', 'risk-accepted', 'closed'],
  fixed: ['verified', 'in-progress', 'open', 'closed'],
  verified: ['closed', 'open'],
  'risk-accepted': ['open', 'closed'],
  closed: ['open'],
};

export type StatusChangeRequest =
  | { to: 'open' | 'in-progress' | 'fixed'; note?: string }
  | { to: 'verified'; evidenceId?: string | null; note?: string }
  | { to: 'closed'; reason?: string }
  | { to: 'risk-accepted'; approver: string; reason: string; expiresOn: string };

export interface WorkflowContext {
  now: number;
  actor: string;
  policy: SlaPolicy;
}

export function allowedTransitions(issue: Pick<SecurityIssue, 'status'>): readonly IssueStatus[] {
  return TRANSITIONS[issue.status];
}

function endRunningSegment(history: readonly SlaSegment[], at: string): SlaSegment[] {
  return history.map((segment, index) =>
    index === history.length - 1 && segment.endedAt === null
      ? { ...segment, endedAt: at }
      : segment,
  );
}

function startSegment(
  issue: SecurityIssue,
  priority: Priority,
  now: number,
  policy: SlaPolicy,
  reason: SlaSegment['reason'],
): SlaSegment[] {
  const at = new Date(now).toISOString();
  const segment = firstSegment({ priority, dueDate: null }, now, policy, reason);
  return [...endRunningSegment(issue.slaHistory, at), segment];
}

function trimmed(value: string | undefined): string {
  return (value ?? '').trim();
}

/** Moves an issue to another status, checking what that status requires. */
export function changeStatus(
  issue: SecurityIssue,
  request: StatusChangeRequest,
  context: WorkflowContext,
): SecurityIssue {
  const from = issue.status;
  const to = request.to;
  if (from === to) throw new WorkflowError(`The issue is already ${to}.`);
  if (!TRANSITIONS[from].includes(to)) {
    throw new WorkflowError(`An issue that is ${from} cannot become ${to}.`);
  }
  const at = new Date(context.now).toISOString();
  let next: SecurityIssue = { ...issue, status: to, updatedAt: at };
  let note = '';

  if (to === 'verified') {
    const evidenceId = request.evidenceId ?? null;
    if (from !== 'fixed' && evidenceId === null) {
      throw new WorkflowError(
        'Only a fixed issue can be verified by hand; otherwise verify it with later evidence.',
      );
    }
    note = trimmed(request.note);
    next.verification = { at, by: context.actor, evidenceId, note };
  }

  if (to === 'closed') {
    const reason = trimmed(request.reason);
    const verified = from === 'verified';
    if (!verified && reason === '') {
      throw new WorkflowError('Closing an issue that was not verified needs a reason.');
    }
    note = reason;
    next.closure = { at, by: context.actor, reason, verified };
  }

  if (to === 'risk-accepted') {
    const approver = trimmed(request.approver);
    const reason = trimmed(request.reason);
    if (approver === '') throw new WorkflowError('Accepting a risk needs an approver.');
    if (reason === '') throw new WorkflowError('Accepting a risk needs a reason.');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(request.expiresOn)) {
      throw new WorkflowError('Accepting a risk needs an expiry date.');
    }
    if (request.expiresOn < localDate(context.now, context.policy.timeZone)) {
      throw new WorkflowError('The expiry date of a risk acceptance cannot be in the past.');
    }
    note = reason;
    next.riskAcceptance = {
      approver,
      reason,
      expiresOn: request.expiresOn,
      expiresAt: new Date(riskExpiryInstant(request.expiresOn, context.policy)).toISOString(),
      acceptedAt: at,
      acceptedBy: context.actor,
    };
    next.slaHistory = endRunningSegment(issue.slaHistory, at);
  }

  if (to === 'open' || to === 'in-progress' || to === 'fixed') note = trimmed(request.note);

  const wasResolved = RESOLVED_STATUSES.includes(from);
  const isResolved = RESOLVED_STATUSES.includes(to);
  if (isResolved && !wasResolved) {
    next.resolvedAt = at;
    next.slaHistory = endRunningSegment(next.slaHistory, at);
  }
  const reopening =
    (wasResolved || from === 'risk-accepted') && !isResolved && to !== 'risk-accepted';
  if (reopening) {
    next = {
      ...next,
      resolvedAt: null,
      verification: null,
      closure: null,
      riskAcceptance: null,
      slaHistory: startSegment(next, issue.priority, context.now, context.policy, 'reopened'),
    };
  }
  next.dueAt = next.slaHistory.at(-1)?.dueAt ?? issue.dueAt;
  next.statusHistory = [...issue.statusHistory, { at, by: context.actor, from, to, note }];
  return next;
}

/**
 * Changes the priority. The new priority's window starts now; the stretch under the old one is
 * kept in the SLA history (with its breach, if it had one), so downgrading hides nothing.
 */
export function changePriority(
  issue: SecurityIssue,
  priority: Priority,
  context: WorkflowContext,
): SecurityIssue {
  if (issue.priority === priority) return issue;
  const at = new Date(context.now).toISOString();
  const running = issue.slaHistory.at(-1)?.endedAt === null;
  const slaHistory = running
    ? startSegment(issue, priority, context.now, context.policy, 'priority-changed')
    : issue.slaHistory;
  return {
    ...issue,
    priority,
    slaHistory,
    dueAt: slaHistory.at(-1)?.dueAt ?? issue.dueAt,
    updatedAt: at,
  };
}

/** Sets an agreed due date for the running clock (e.g. from a post-mortem action). */
export function setDueDate(
  issue: SecurityIssue,
  dueDate: string,
  context: WorkflowContext,
): SecurityIssue {
  const at = new Date(context.now).toISOString();
  const segment = firstSegment({ priority: issue.priority, dueDate }, context.now, context.policy);
  const slaHistory = [...endRunningSegment(issue.slaHistory, at), segment];
  return { ...issue, slaHistory, dueAt: segment.dueAt, updatedAt: at };
}

export function riskAcceptanceExpired(issue: SecurityIssue, now: number): boolean {
  return (
    issue.status === 'risk-accepted' &&
    issue.riskAcceptance !== null &&
    Date.parse(issue.riskAcceptance.expiresAt) <= now
  );
}

/**
 * Reopens an issue whose risk acceptance has run out. The reopening is dated at the expiry
 * instant, not when the app noticed, so the new SLA window starts when the acceptance ended.
 */
export function reopenExpiredRisk(
  issue: SecurityIssue,
  context: WorkflowContext,
): SecurityIssue | null {
  if (!riskAcceptanceExpired(issue, context.now) || issue.riskAcceptance === null) return null;
  const expiredAt = Date.parse(issue.riskAcceptance.expiresAt);
  const reopened = changeStatus(
    issue,
    { to: 'open', note: `Risk acceptance expired on ${issue.riskAcceptance.expiresOn}.` },
    { ...context, now: expiredAt, actor: 'Demo Ledger' },
  );
  return { ...reopened, updatedAt: new Date(context.now).toISOString() };
}

/** The status to show at `now`: an expired acceptance reads as open before it is written. */
export function effectiveStatus(issue: SecurityIssue, now: number): IssueStatus {
  return riskAcceptanceExpired(issue, now) ? 'open' : issue.status;
}
