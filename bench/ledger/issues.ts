import { issueFromDraft } from '../../core/issues/raise';
import type { StatusChangeRequest } from '../../core/issues/workflow';
import { changeStatus } from '../../core/issues/workflow';
import type { Priority, SecurityIssue } from '../../core/model/issue';
import {
  IssueDraft as IssueDraftSchema,
  SecurityIssue as IssueSchema,
  issueKey,
} from '../../core/model/issue';
import type { PostMortem } from '../../core/model/postmortem';
import { PostMortem as PostMortemSchema } from '../../core/model/postmortem';
import type { SlaPolicy } from '../../core/model/sla-policy';

/**
 * A team's security issues over a year, made by the app's own rules: raised from a draft
 * (`issueFromDraft`, the SLA clock started by the policy) and moved through the workflow by
 * `changeStatus`, each step a change for the audit log. Every P1 gets a blameless post-mortem
 * whose action is raised as the next issue (as `addActionItem` does). Most issues end verified
 * and closed; some are closed without verification, some were risk-accepted, and a few are left
 * open, in progress, fixed or verified, overdue by now. The most recent weeks keep the
 * workflow's every status.
 */

/** Issues a team-year: 6 P1, 30 P2, 66 P3 and 48 P4 (the priority pattern, six times). */
export const ISSUES_A_YEAR = 150;

/** Priorities in raising order; the P3 after each P1 is its post-mortem's action. */
const PATTERN: readonly Priority[] = [
  'P1',
  'P3',
  'P2',
  'P3',
  'P4',
  'P3',
  'P2',
  'P4',
  'P3',
  'P3',
  'P2',
  'P4',
  'P3',
  'P4',
  'P3',
  'P2',
  'P4',
  'P3',
  'P4',
  'P3',
  'P2',
  'P4',
  'P3',
  'P4',
  'P3',
];

/** Hours from raise to fix, by priority; the last of each is past the SLA window (a breach). */
const FIX_HOURS: Readonly<Record<Priority, readonly number[]>> = {
  P1: [6, 10, 30],
  P2: [30, 70, 200],
  P3: [120, 400, 1100],
  P4: [400, 1500, 2600],
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const COMPONENTS = ['checkout API', 'payment gateway', 'card vault', 'refund worker', 'web app'];
const OWNERS = ['Kim Ito', 'Ada Byrne', 'Sam Okafor', ''];

/** How an issue's story ends, by where it sits in the ledger. */
type Outcome =
  | 'closed-verified'
  | 'closed-unverified'
  | 'risk-closed'
  | 'risk-accepted'
  | 'verified'
  | 'fixed'
  | 'in-progress'
  | 'open';

const RECENT_OUTCOMES: readonly Outcome[] = [
  'open',
  'in-progress',
  'fixed',
  'verified',
  'risk-accepted',
  'closed-verified',
];

function outcomeOf(index: number, recent: boolean): Outcome {
  if (recent) return RECENT_OUTCOMES[index % RECENT_OUTCOMES.length] ?? 'open';
  const slot = index % 40;
  if (slot < 30) return 'closed-verified';
  if (slot < 34) return 'closed-unverified';
  if (slot < 36) return 'risk-closed';
  if (slot < 38) return 'verified';
  return slot === 38 ? 'in-progress' : 'fixed';
}

/** The workflow steps (hours after the raise) that lead to an outcome. */
function stepsTo(
  outcome: Outcome,
  fixHours: number,
  raisedAt: number,
): [number, StatusChangeRequest][] {
  const start: [number, StatusChangeRequest] = [1, { to: 'in-progress' }];
  const fix: [number, StatusChangeRequest] = [
    fixHours,
    { to: 'fixed', note: 'Patched and deployed' },
  ];
  const verify: [number, StatusChangeRequest] = [
    fixHours + 24,
    { to: 'verified', note: 'Rescanned: the finding is gone' },
  ];
  const expiresOn = (days: number) => new Date(raisedAt + days * DAY).toISOString().slice(0, 10);
  switch (outcome) {
    case 'open':
      return [];
    case 'in-progress':
      return [start];
    case 'fixed':
      return [start, fix];
    case 'verified':
      return [start, fix, verify];
    case 'closed-verified':
      return [start, fix, verify, [fixHours + 72, { to: 'closed' }]];
    case 'closed-unverified':
      return [start, [48, { to: 'closed', reason: 'Duplicate of an issue already being fixed' }]];
    case 'risk-accepted':
      return [
        [
          48,
          {
            to: 'risk-accepted',
            approver: 'Dana Reyes',
            reason: 'Compensating control in place until the gateway is replaced',
            expiresOn: '2027-06-30',
          },
        ],
      ];
    case 'risk-closed':
      return [
        [
          48,
          {
            to: 'risk-accepted',
            approver: 'Dana Reyes',
            reason: 'Component scheduled for retirement',
            expiresOn: expiresOn(180),
          },
        ],
        [170 * 24, { to: 'closed', reason: 'Component retired' }],
      ];
  }
}

export interface IssueChange {
  table: 'issues' | 'postMortems';
  before: SecurityIssue | PostMortem | undefined;
  after: SecurityIssue | PostMortem;
}

export interface IssueYear {
  workspaceId: string;
  actor: string;
  policy: SlaPolicy;
  /** Index of the year's first issue in the whole ledger (numbers follow from it). */
  firstIndex: number;
  /** When the year's first sprint starts, and its length. */
  yearStart: number;
  yearDays: number;
  /** Issues raised after this instant keep the workflow's every status (the latest weeks). */
  recentFrom: number;
  issueId: (index: number) => string;
  postMortemId: (index: number) => string;
  /** Ids of timeline entries and action items, numbered within the ledger. */
  partId: (index: number) => string;
  sprintIdAt: (instant: number) => string;
  controls: readonly string[];
}

/** A post-mortem's action, raised as the next issue. */
interface PendingAction {
  postMortem: PostMortem;
  dueDate: string;
  raisedAt: number;
}

/** The year's issues and post-mortems, each record's changes in the order they happened. */
export function* issueYear(year: IssueYear): Generator<IssueChange> {
  const context = (now: number) => ({ now, actor: year.actor, policy: year.policy });
  let actionOf: PendingAction | null = null;
  for (let j = 0; j < ISSUES_A_YEAR; j += 1) {
    const index = year.firstIndex + j;
    const priority = PATTERN[index % PATTERN.length] ?? 'P3';
    const action: PendingAction | null = actionOf;
    actionOf = null;
    const raisedAt: number =
      action?.raisedAt ??
      year.yearStart +
        Math.floor((j * year.yearDays) / ISSUES_A_YEAR) * DAY +
        (9 + (index % 8)) * HOUR;
    // Shifted each round of the pattern, so each priority meets every component.
    const component =
      COMPONENTS[(index + Math.floor(index / PATTERN.length)) % COMPONENTS.length] ?? 'web app';
    const control = year.controls[(index * 13) % year.controls.length] ?? '';
    const draft = IssueDraftSchema.parse({
      workspaceId: year.workspaceId,
      sprintId: year.sprintIdAt(raisedAt),
      title: action
        ? `Action: add a regression check to the ${component} pipeline`
        : `${priority === 'P1' ? 'Exploitable' : 'Reported'} weakness in the ${component} (${index + 1})`,
      description: action
        ? `Action from the post-mortem “${action.postMortem.title}”.`
        : `Found by the pipeline's scans of the ${component}.`,
      priority,
      owner: OWNERS[index % OWNERS.length],
      source: action
        ? { kind: 'post-mortem-action', postMortemId: action.postMortem.id }
        : { kind: 'manual' },
      controlRefs: [control],
      dueDate: action?.dueDate ?? null,
    });
    let issue: SecurityIssue = IssueSchema.parse(
      issueFromDraft(draft, {
        id: year.issueId(index),
        number: index + 1,
        now: raisedAt,
        actor: year.actor,
        policy: year.policy,
      }),
    );
    yield { table: 'issues', before: undefined, after: issue };
    const fixHours = FIX_HOURS[priority][index % 3] ?? 24;
    const outcome = outcomeOf(index, raisedAt >= year.recentFrom);
    for (const [hours, request] of stepsTo(outcome, fixHours, raisedAt)) {
      const next: SecurityIssue = IssueSchema.parse(
        changeStatus(issue, request, context(raisedAt + hours * HOUR)),
      );
      yield { table: 'issues', before: issue, after: next };
      issue = next;
    }
    if (action) {
      const before = action.postMortem;
      const after = PostMortemSchema.parse({
        ...before,
        actionItems: [
          {
            id: year.partId(index * 4 + 3),
            title: issue.title,
            owner: issue.owner || 'Kim Ito',
            dueDate: action.dueDate,
            issueId: issue.id,
          },
        ],
        updatedAt: new Date(raisedAt).toISOString(),
      });
      yield { table: 'postMortems', before, after };
    }
    if (priority === 'P1') {
      // Written two days after the fix; its action is raised then, as the next issue.
      const writtenAt: number = raisedAt + (fixHours + 48) * HOUR;
      const at = new Date(writtenAt).toISOString();
      const postMortem: PostMortem = PostMortemSchema.parse({
        id: year.postMortemId(index),
        workspaceId: year.workspaceId,
        issueId: issue.id,
        title: issue.title,
        summary: `An exploitable weakness in the ${component}, found by the nightly scan.`,
        impact: 'No customer data was exposed; the affected endpoint was reachable for a day.',
        detection: 'The nightly DAST scan flagged it.',
        contributingFactors: 'The framework default allowed it and no test covered the path.',
        wentWell: 'The alert reached the on-call engineer within minutes.',
        wasHard: 'Reproducing the finding outside production.',
        lessons: 'Secure defaults belong in the service template.',
        failedControls: issue.controlRefs,
        timeline: [
          {
            id: year.partId(index * 4),
            at: issue.raisedAt,
            text: `Issue raised (${priority}): ${issue.title}`,
          },
          {
            id: year.partId(index * 4 + 1),
            at: new Date(raisedAt + HOUR).toISOString(),
            text: 'On-call engineer confirmed the finding',
          },
          {
            id: year.partId(index * 4 + 2),
            at: issue.resolvedAt ?? new Date(raisedAt + 2 * HOUR).toISOString(),
            text:
              issue.resolvedAt === null
                ? `Mitigation in place while ${issueKey(issue)} is worked on`
                : `${issueKey(issue)} fixed and deployed`,
          },
        ],
        actionItems: [],
        createdAt: at,
        updatedAt: at,
      });
      yield { table: 'postMortems', before: undefined, after: postMortem };
      actionOf = {
        postMortem,
        dueDate: new Date(writtenAt + 30 * DAY).toISOString().slice(0, 10),
        raisedAt: writtenAt,
      };
    }
  }
}
