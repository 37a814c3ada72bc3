import type {
  IssueDraftInput,
  Priority,
  SecurityIssue,
  SlaPolicyInput,
  StoredSlaPolicy,
} from '../../../../core/model';
import {
  ControlRef,
  IssueDraft,
  IssueTitle,
  LongText,
  PersonName,
  SecurityIssue as SecurityIssueSchema,
  Severity,
  SlaPolicyFields,
  StoredSlaPolicy as StoredSlaPolicySchema,
  TrackerKey,
  TrackerUrl,
  newId,
} from '../../../../core/model';
import { findDuplicate, issueFromDraft, mergeDraftInto } from '../../../../core/issues/raise';
import type { StatusChangeRequest } from '../../../../core/issues/workflow';
import { changePriority, changeStatus, reopenExpiredRisk } from '../../../../core/issues/workflow';
import { z } from 'zod';
import { currentActor, db } from '../../db';
import { parseOrThrow } from '../../lib/validation';
import { readSlaPolicy } from './policy';

/** Writes for security issues. Every write is validated and recorded in the audit log. */

export interface RaiseResult {
  issue: SecurityIssue;
  /** False when the finding had already been raised: the existing issue is returned. */
  created: boolean;
}

async function nextNumber(workspaceId: string): Promise<number> {
  const last = await db.issues
    .where('[workspaceId+number]')
    .between([workspaceId, 0], [workspaceId, Number.MAX_SAFE_INTEGER])
    .last();
  return (last?.number ?? 0) + 1;
}

/** Issues of the workspace that may be the same problem as the draft (see findDuplicate). */
async function duplicateCandidates(draft: IssueDraft): Promise<SecurityIssue[]> {
  const source = draft.source;
  if (source.kind === 'evidence-finding')
    return db.issues
      .where('[workspaceId+fingerprint]')
      .equals([draft.workspaceId, source.fingerprint])
      .toArray();
  if (source.kind === 'telemetry-alert')
    return db.issues
      .where('workspaceId')
      .equals(draft.workspaceId)
      .filter(
        (issue) =>
          issue.source.kind === 'telemetry-alert' && issue.source.alertId === source.alertId,
      )
      .toArray();
  return [];
}

/** The tables raising an issue reads and writes. */
export const RAISE_TABLES: readonly string[] = ['issues', 'slaPolicies', 'workspaces'];

/** For callers already inside a transaction over RAISE_TABLES (and their own tables). */
export async function raiseIssueInTransaction(
  input: IssueDraftInput,
  now = Date.now(),
): Promise<RaiseResult> {
  const draft = parseOrThrow(IssueDraft, input);
  if (!(await db.workspaces.get(draft.workspaceId))) {
    throw new Error('This workspace no longer exists.');
  }
  const existing = findDuplicate(await duplicateCandidates(draft), draft.source);
  if (existing !== undefined) {
    const merged = mergeDraftInto(existing, draft, now);
    if (merged !== existing) await db.issues.put(merged);
    return { issue: merged, created: false };
  }
  const issue = issueFromDraft(draft, {
    id: newId(),
    number: await nextNumber(draft.workspaceId),
    now,
    actor: currentActor(),
    policy: await readSlaPolicy(draft.workspaceId),
  });
  await db.issues.add(parseOrThrow(SecurityIssueSchema, issue));
  return { issue, created: true };
}

/**
 * Raises a security issue from anywhere (Issues area, presenter mode, evidence findings, control
 * verdicts, telemetry alerts). An issue from a finding is deduplicated by the finding's
 * fingerprint: raising it again links the new evidence to the existing issue instead; an alert
 * raised twice is likewise one issue.
 */
export async function raiseIssue(input: IssueDraftInput): Promise<RaiseResult> {
  return db.transaction('rw', [...RAISE_TABLES], () => raiseIssueInTransaction(input));
}

/** Reads an issue, applies a pure change, validates and stores it, in one transaction. */
async function updateIssue(
  id: string,
  change: (
    issue: SecurityIssue,
    policy: Awaited<ReturnType<typeof readSlaPolicy>>,
  ) => SecurityIssue,
): Promise<SecurityIssue> {
  return db.transaction('rw', [db.issues, db.slaPolicies], async () => {
    const existing = await db.issues.get(id);
    if (!existing) throw new Error('This issue no longer exists.');
    // Workflow refusals (WorkflowError) reach the form as sentences.
    const next = change(existing, await readSlaPolicy(existing.workspaceId));
    if (next !== existing) await db.issues.put(parseOrThrow(SecurityIssueSchema, next));
    return next;
  });
}

export async function changeIssueStatus(
  id: string,
  request: StatusChangeRequest,
): Promise<SecurityIssue> {
  return updateIssue(id, (issue, policy) =>
    changeStatus(issue, request, { now: Date.now(), actor: currentActor(), policy }),
  );
}

export async function changeIssuePriority(id: string, priority: Priority): Promise<SecurityIssue> {
  return updateIssue(id, (issue, policy) =>
    changePriority(issue, priority, { now: Date.now(), actor: currentActor(), policy }),
  );
}

export const IssueDetailsDraft = z.object({
  title: IssueTitle,
  description: LongText,
  severity: Severity,
  owner: PersonName,
  controlRefs: z.array(ControlRef).max(200),
  trackerKey: TrackerKey.nullable(),
  trackerUrl: TrackerUrl,
});
export type IssueDetailsDraft = z.input<typeof IssueDetailsDraft>;

export async function updateIssueDetails(id: string, draft: IssueDetailsDraft): Promise<void> {
  const fields = parseOrThrow(IssueDetailsDraft, draft);
  await updateIssue(id, (issue) => ({ ...issue, ...fields, updatedAt: new Date().toISOString() }));
}

export async function saveSlaPolicy(workspaceId: string, input: SlaPolicyInput): Promise<void> {
  const policy = parseOrThrow(SlaPolicyFields, input);
  await db.transaction('rw', db.slaPolicies, db.workspaces, async () => {
    if (!(await db.workspaces.get(workspaceId)))
      throw new Error('This workspace no longer exists.');
    const existing = await db.slaPolicies.where('workspaceId').equals(workspaceId).first();
    const now = new Date().toISOString();
    const row: StoredSlaPolicy = {
      ...policy,
      id: existing?.id ?? newId(),
      workspaceId,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await db.slaPolicies.put(parseOrThrow(StoredSlaPolicySchema, row));
  });
}

/**
 * Reopens every issue whose risk acceptance has expired. Runs at start-up and every minute, so
 * an acceptance runs out by itself; the audit log labels these changes `risk-expired`.
 */
export async function reopenExpiredRiskAcceptances(now = Date.now()): Promise<number> {
  const accepted = await db.issues.where('status').equals('risk-accepted').toArray();
  const due = accepted.filter(
    (issue) => issue.riskAcceptance !== null && Date.parse(issue.riskAcceptance.expiresAt) <= now,
  );
  if (due.length === 0) return 0;
  return db.audited('risk-expired', ['issues', 'slaPolicies'], async () => {
    let reopened = 0;
    for (const { id } of due) {
      const issue = await db.issues.get(id);
      if (!issue) continue;
      const policy = await readSlaPolicy(issue.workspaceId);
      const next = reopenExpiredRisk(issue, { now, actor: currentActor(), policy });
      if (next === null) continue;
      await db.issues.put(parseOrThrow(SecurityIssueSchema, next));
      reopened += 1;
    }
    return reopened;
  });
}
