import { z } from 'zod';
import { Id, IsoDate, IsoDateTime, LongText } from '../model/common';
import type { IssueStatus, Priority, Severity } from '../model/issue';
import {
  IssueStatus as IssueStatusSchema,
  IssueTitle,
  PersonName,
  Priority as PrioritySchema,
  Severity as SeveritySchema,
  TrackerKey,
  TrackerUrl,
} from '../model/issue';
import { ControlRef } from '../model/refs';

/**
 * An issue read from the engineers' tracker (Jira REST JSON or CSV), before it is matched with
 * the workspace's issues. Both importers produce this; the CSV exporter writes exactly these
 * fields, so an export re-imports to the same data.
 */
export const ImportedIssue = z.object({
  /** Demo Ledger's own id when the row came from our export (matches on re-import). */
  ledgerId: Id.nullable(),
  trackerKey: TrackerKey.nullable(),
  trackerUrl: TrackerUrl,
  title: IssueTitle,
  description: LongText,
  priority: PrioritySchema,
  severity: SeveritySchema,
  status: IssueStatusSchema,
  owner: PersonName,
  raisedAt: IsoDateTime,
  resolvedAt: IsoDateTime.nullable(),
  /** The exact due instant when the tracker gave a time, else null. */
  dueAt: IsoDateTime.nullable(),
  /** A due date without a time (ends with that working day), else null. */
  dueDate: IsoDate.nullable(),
  controlRefs: z.array(ControlRef).max(200),
  closeReason: z.string().max(2000),
  riskAcceptance: z
    .object({
      approver: PersonName.min(1),
      reason: z.string().min(1).max(2000),
      expiresOn: IsoDate,
    })
    .nullable(),
});
export type ImportedIssue = z.infer<typeof ImportedIssue>;

export interface ImportProblem {
  /** Where: `issues.3.fields.created`, `row 12` … */
  where: string;
  message: string;
}

export interface ImportResult {
  issues: ImportedIssue[];
  problems: ImportProblem[];
}

export class TrackerFormatError extends Error {
  override readonly name = 'TrackerFormatError';
}

/** Tracker text larger than this is refused before parsing (a tracker export is far smaller). */
export const MAX_TRACKER_TEXT = 32 * 1024 * 1024;

const PRIORITY_NAMES: Readonly<Record<string, Priority>> = {
  p1: 'P1',
  highest: 'P1',
  blocker: 'P1',
  critical: 'P1',
  p2: 'P2',
  high: 'P2',
  major: 'P2',
  p3: 'P3',
  medium: 'P3',
  minor: 'P3',
  p4: 'P4',
  low: 'P4',
  lowest: 'P4',
  trivial: 'P4',
};

/** Jira's priority names (both the current and the classic scheme) and P1–P4 → our priority. */
export function priorityFromTracker(name: string | null | undefined): Priority | null {
  return PRIORITY_NAMES[(name ?? '').trim().toLowerCase()] ?? null;
}

export const JIRA_PRIORITY: Readonly<Record<Priority, string>> = {
  P1: 'Highest',
  P2: 'High',
  P3: 'Medium',
  P4: 'Low',
};

export const JIRA_STATUS: Readonly<Record<IssueStatus, string>> = {
  open: 'Open',
  'in-progress': 'In Progress',
  fixed: 'Fixed',
  verified: 'Verified',
  closed: 'Closed',
  'risk-accepted': 'Risk Accepted',
};

const STATUS_NAMES: Readonly<Record<string, IssueStatus>> = {
  open: 'open',
  'to do': 'open',
  todo: 'open',
  backlog: 'open',
  new: 'open',
  reopened: 'open',
  ready: 'open',
  'selected for development': 'open',
  'in progress': 'in-progress',
  'in review': 'in-progress',
  'in development': 'in-progress',
  fixed: 'fixed',
  resolved: 'fixed',
  verified: 'verified',
  done: 'closed',
  closed: 'closed',
  'risk accepted': 'risk-accepted',
};

/**
 * A tracker status name → ours; unknown names fall back on Jira's status category
 * (`new` → open, `indeterminate` → in progress, `done` → closed), else open.
 */
export function statusFromTracker(
  name: string | null | undefined,
  category?: string | null,
): IssueStatus {
  const known = STATUS_NAMES[(name ?? '').trim().toLowerCase().replace(/[_-]+/g, ' ')];
  if (known !== undefined) return known;
  if (category === 'done') return 'closed';
  if (category === 'indeterminate') return 'in-progress';
  return 'open';
}

export function severityFromTracker(value: string | null | undefined): Severity | null {
  const parsed = SeveritySchema.safeParse((value ?? '').trim().toLowerCase());
  return parsed.success ? parsed.data : null;
}

/** Labels `severity-high` or `severity:high` carry a severity. */
export function severityFromLabels(labels: readonly string[]): Severity | null {
  for (const label of labels) {
    const match = /^severity[-:](\w+)$/i.exec(label);
    const severity = severityFromTracker(match?.[1]);
    if (severity !== null) return severity;
  }
  return null;
}

/** Control references from free text: any `<catalog>#<control>` tokens, separated by spaces, commas or semicolons. */
export function controlRefsFromText(text: string | null | undefined): string[] {
  const refs = (text ?? '')
    .split(/[\s,;]+/)
    .map((token) => token.replace(/^control:/i, ''))
    .filter((token) => token.includes('#') && ControlRef.safeParse(token).success);
  return [...new Set(refs)];
}

/** The browse URL of an issue from its REST `self` link: `https://host/browse/KEY`. */
export function browseUrl(self: string | undefined, key: string): string {
  if (self === undefined) return '';
  try {
    const url = new URL(self);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return '';
    const base = url.pathname.split('/rest/')[0] ?? '';
    return `${url.origin}${base}/browse/${encodeURIComponent(key)}`;
  } catch {
    return '';
  }
}
