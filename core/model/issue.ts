import { z } from 'zod';
import { Id, IsoDate, IsoDateTime, LongText, Timestamps } from './common';
import { SOURCE_KEY_MAX } from '../evidence/source';
import { Fingerprint } from './fingerprint';
import { ControlRef } from './refs';

/** Security issues: what they are, where they came from, and how they move to closed. */

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const Priority = z.enum(PRIORITIES, { message: 'expected a priority P1 to P4' });
export type Priority = z.infer<typeof Priority>;

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export const Severity = z.enum(SEVERITIES, {
  message: 'expected a severity: critical, high, medium, low or info',
});
export type Severity = z.infer<typeof Severity>;

export const ISSUE_STATUSES = [
  'open',
  'in-progress',
  'fixed',
  'verified',
  'closed',
  'risk-accepted',
] as const;
export const IssueStatus = z.enum(ISSUE_STATUSES);
export type IssueStatus = z.infer<typeof IssueStatus>;

/** Statuses in which the remediation work is done and the SLA clock has stopped. */
export const RESOLVED_STATUSES: readonly IssueStatus[] = ['fixed', 'verified', 'closed'];

/**
 * An id of a row in another feature's table (demo items, evidence, verdicts, alerts): a UUID or
 * a content hash. Kept as a plain string so links survive before those tables exist.
 */
export const RefId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'not a valid reference id');
export type RefId = z.infer<typeof RefId>;

export const IssueTitle = z
  .string()
  .trim()
  .min(1, 'a title is required')
  .max(200, 'titles are limited to 200 characters');

export const PersonName = z.string().trim().max(120, 'names are limited to 120 characters');

/** Where an issue was raised from. Other features build these when they call `raiseIssue`. */
export const IssueSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('manual') }),
  z.object({
    kind: z.literal('demo-item'),
    demoItemId: RefId,
    sprintId: Id.nullable().default(null),
  }),
  z.object({
    kind: z.literal('evidence-finding'),
    evidenceId: RefId,
    fingerprint: Fingerprint,
    /**
     * Which pipeline output this evidence is a version of (e.g. `zap|ci.example/app|nightly`),
     * formed by the evidence feature (`sourceKeyOf`); later files with the same key can verify
     * the fix.
     */
    sourceKey: z.string().min(1).max(SOURCE_KEY_MAX),
    /** When the evidence was produced (its effective date), not when it was attached. */
    observedAt: IsoDateTime,
    ruleId: z.string().max(200).optional(),
    location: z.string().max(2000).optional(),
  }),
  z.object({
    kind: z.literal('control-verdict'),
    controlRef: ControlRef,
    verdictId: RefId.nullable().default(null),
  }),
  z.object({
    kind: z.literal('telemetry-alert'),
    alertId: RefId,
    ruleId: z.string().max(200).optional(),
  }),
  z.object({ kind: z.literal('post-mortem-action'), postMortemId: Id }),
  z.object({
    kind: z.literal('tracker-import'),
    tracker: z.literal('jira'),
    key: z.string().min(1).max(100),
  }),
]);
export type IssueSource = z.output<typeof IssueSource>;
export type IssueSourceInput = z.input<typeof IssueSource>;
export type IssueSourceKind = IssueSource['kind'];

export const IssueLinks = z.object({
  demoItemIds: z.array(RefId).max(500).default([]),
  evidenceIds: z.array(RefId).max(500).default([]),
});
export type IssueLinks = z.output<typeof IssueLinks>;

/** A key like `SEC-42` and the issue's page in the engineers' tracker. */
export const TrackerKey = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_]*-\d+$/, 'expected a tracker key like SEC-42');
export const TrackerUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => value === '' || /^https?:\/\/[^\s]+$/i.test(value), {
    message: 'expected an http(s) link',
  });

/**
 * What is needed to raise an issue, from anywhere: the Issues area, presenter mode (a demo item),
 * an evidence finding, a failed control verdict or a telemetry alert. See `raiseIssue`.
 */
export const IssueDraft = z.object({
  workspaceId: Id,
  /** The sprint whose demo it was raised in, if any. */
  sprintId: Id.nullable().default(null),
  title: IssueTitle,
  description: LongText.default(''),
  /** Defaults from the priority: P1 critical, P2 high, P3 medium, P4 low. */
  severity: Severity.optional(),
  priority: Priority,
  owner: PersonName.default(''),
  source: IssueSource.default({ kind: 'manual' }),
  controlRefs: z.array(ControlRef).max(200).default([]),
  links: IssueLinks.default({ demoItemIds: [], evidenceIds: [] }),
  trackerKey: TrackerKey.nullable().default(null),
  trackerUrl: TrackerUrl.default(''),
  /** A due date agreed for this issue, replacing the policy's (e.g. a post-mortem action). */
  dueDate: IsoDate.nullable().default(null),
});
export type IssueDraft = z.output<typeof IssueDraft>;
export type IssueDraftInput = z.input<typeof IssueDraft>;

/** One stretch of the SLA clock under one priority; a new one starts when the priority changes. */
export const SlaSegment = z.object({
  priority: Priority,
  startedAt: IsoDateTime,
  dueAt: IsoDateTime,
  /** When this stretch stopped: resolved, risk accepted, or superseded; null while running. */
  endedAt: IsoDateTime.nullable(),
  reason: z.enum(['raised', 'priority-changed', 'reopened', 'due-date-set', 'imported']),
});
export type SlaSegment = z.infer<typeof SlaSegment>;

export const StatusChange = z.object({
  at: IsoDateTime,
  by: z.string().max(120),
  from: IssueStatus.nullable(),
  to: IssueStatus,
  note: z.string().max(2000).default(''),
});
export type StatusChange = z.output<typeof StatusChange>;

export const RiskAcceptance = z.object({
  approver: PersonName.min(1, 'an approver is required'),
  reason: z.string().trim().min(1, 'a reason is required').max(2000),
  /** The last day the acceptance holds (in the workspace's time zone). */
  expiresOn: IsoDate,
  /** Midnight at the end of `expiresOn`: the issue reopens by itself from then. */
  expiresAt: IsoDateTime,
  acceptedAt: IsoDateTime,
  acceptedBy: z.string().max(120),
});
export type RiskAcceptance = z.infer<typeof RiskAcceptance>;

export const Verification = z.object({
  at: IsoDateTime,
  by: z.string().max(120),
  /** The later evidence file that no longer contains the finding, when verified by evidence. */
  evidenceId: RefId.nullable(),
  note: z.string().max(2000).default(''),
});
export type Verification = z.output<typeof Verification>;

export const Closure = z.object({
  at: IsoDateTime,
  by: z.string().max(120),
  /** Required unless the issue was verified first. */
  reason: z.string().max(2000),
  verified: z.boolean(),
});
export type Closure = z.infer<typeof Closure>;

export const SecurityIssue = z
  .object({
    id: Id,
    workspaceId: Id,
    /** Per workspace, shown as SEC-<number>. */
    number: z.number().int().min(1),
    raisedInSprintId: Id.nullable(),
    title: IssueTitle,
    description: LongText,
    severity: Severity,
    priority: Priority,
    status: IssueStatus,
    owner: PersonName,
    source: IssueSource,
    /** Copy of the source finding's fingerprint, indexed for deduplication. */
    fingerprint: Fingerprint.nullable(),
    controlRefs: z.array(ControlRef),
    links: IssueLinks,
    trackerKey: TrackerKey.nullable(),
    trackerUrl: TrackerUrl,
    raisedAt: IsoDateTime,
    raisedBy: z.string().max(120),
    /** Due instant of the current SLA segment (copied for sorting). */
    dueAt: IsoDateTime,
    slaHistory: z.array(SlaSegment).min(1),
    statusHistory: z.array(StatusChange).min(1),
    /** When the work was done (first reached fixed, verified or closed); null while open. */
    resolvedAt: IsoDateTime.nullable(),
    riskAcceptance: RiskAcceptance.nullable(),
    verification: Verification.nullable(),
    closure: Closure.nullable(),
  })
  .extend(Timestamps.shape);
export type SecurityIssue = z.output<typeof SecurityIssue>;

export function issueKey(issue: { number: number }): string {
  return `SEC-${issue.number}`;
}

export const SEVERITY_FOR_PRIORITY: Readonly<Record<Priority, Severity>> = {
  P1: 'critical',
  P2: 'high',
  P3: 'medium',
  P4: 'low',
};
