import { z } from 'zod';
import { SEVERITY_FOR_PRIORITY } from '../model/issue';
import type { ImportedIssue, ImportProblem, ImportResult } from './imported';
import {
  ImportedIssue as ImportedIssueSchema,
  MAX_TRACKER_TEXT,
  TrackerFormatError,
  browseUrl,
  controlRefsFromText,
  priorityFromTracker,
  severityFromLabels,
  severityFromTracker,
  statusFromTracker,
} from './imported';
import { parseJsonText } from '../util/json';
import { parseTrackerDate, trackerInstant } from './dates';

/**
 * Jira REST JSON: a search result (`/rest/api/2/search`, `/rest/agile/1.0/sprint/N/issue`: an
 * object with `issues`), a bare array of issues, or one issue. Optionally with the field list
 * (`/rest/api/2/field`) to find custom fields named Severity and Controls. Descriptions may be
 * plain text (API v2) or Atlassian Document Format (API v3), read as plain text.
 */

const Named = z.object({ name: z.string().max(200) }).passthrough();

const JiraFields = z
  .object({
    summary: z.string().max(2000).nullish(),
    description: z.unknown().optional(),
    priority: Named.nullish(),
    status: z
      .object({
        name: z.string().max(200),
        statusCategory: z
          .object({ key: z.string().max(50) })
          .passthrough()
          .nullish(),
      })
      .passthrough()
      .nullish(),
    assignee: z
      .object({ displayName: z.string().max(200).nullish(), name: z.string().max(200).nullish() })
      .passthrough()
      .nullish(),
    created: z.string().max(60),
    resolutiondate: z.string().max(60).nullish(),
    duedate: z.string().max(60).nullish(),
    labels: z.array(z.string().max(255)).max(500).nullish(),
    resolution: Named.nullish(),
  })
  .passthrough();

const JiraIssue = z
  .object({
    key: z.string().max(100),
    self: z.string().max(2048).optional(),
    fields: JiraFields,
    changelog: z
      .object({
        histories: z
          .array(
            z
              .object({
                created: z.string().max(60).optional(),
                items: z.array(
                  z.object({ field: z.string(), toString: z.string().nullish() }).passthrough(),
                ),
              })
              .passthrough(),
          )
          .max(10_000),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();
type JiraIssue = z.infer<typeof JiraIssue>;

const JiraField = z.object({ id: z.string(), name: z.string() }).passthrough();

export interface JiraJsonOptions {
  /** Zone for dates written without an offset (the workspace's SLA zone). */
  timeZone: string;
  /** The parsed `/rest/api/2/field` list, to resolve custom fields by name. */
  fields?: unknown;
}

function parseJson(text: string, what: string): unknown {
  if (text.length > MAX_TRACKER_TEXT) {
    throw new TrackerFormatError(`${what} is larger than ${MAX_TRACKER_TEXT / 1024 / 1024} MiB.`);
  }
  try {
    return parseJsonText(text, what);
  } catch (error) {
    throw new TrackerFormatError(error instanceof Error ? error.message : String(error));
  }
}

/** Plain text from Atlassian Document Format (nested `content` with `text` leaves). */
function documentText(node: unknown, depth = 0): string {
  if (depth > 64 || typeof node !== 'object' || node === null) return '';
  const value = node as { type?: unknown; text?: unknown; content?: unknown };
  if (typeof value.text === 'string') return value.text;
  if (value.type === 'hardBreak') return '\n';
  const children = Array.isArray(value.content) ? value.content : [];
  const inner = children.map((child) => documentText(child, depth + 1));
  const block = ['doc', 'bulletList', 'orderedList', 'table', 'tableRow'].includes(
    String(value.type),
  );
  return inner.join(block ? '\n\n' : '').replace(/\n{3,}/g, '\n\n');
}

function descriptionOf(value: unknown): string {
  if (typeof value === 'string') return value;
  return documentText(value).trim();
}

function customFieldId(fields: unknown, name: RegExp): string | null {
  const parsed = z.array(JiraField).safeParse(fields);
  if (!parsed.success) return null;
  return parsed.data.find((field) => name.test(field.name.trim()))?.id ?? null;
}

function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const named = value as { value?: unknown; name?: unknown };
    if (typeof named.value === 'string') return named.value;
    if (typeof named.name === 'string') return named.name;
  }
  return null;
}

/** The title: the summary, else the latest summary the changelog recorded, else the key. */
function titleOf(issue: JiraIssue): string {
  const summary = (issue.fields.summary ?? '').trim();
  if (summary !== '') return summary;
  const fromHistory = (issue.changelog?.histories ?? [])
    .flatMap((history) => history.items)
    .filter((item) => item.field === 'summary' && (item.toString ?? '').trim() !== '')
    .at(-1)?.toString;
  return fromHistory?.trim() || `${issue.key} (no summary in Jira)`;
}

function toImported(
  issue: JiraIssue,
  options: JiraJsonOptions,
  ids: { severity: string | null; controls: string | null },
): unknown {
  const fields = issue.fields;
  const labels = fields.labels ?? [];
  const priority = priorityFromTracker(fields.priority?.name) ?? 'P3';
  const severity =
    severityFromTracker(ids.severity === null ? null : textOf(fields[ids.severity])) ??
    severityFromLabels(labels) ??
    SEVERITY_FOR_PRIORITY[priority];
  const status = statusFromTracker(fields.status?.name, fields.status?.statusCategory?.key ?? null);
  const created = trackerInstant(fields.created, options.timeZone);
  const due = fields.duedate ? parseTrackerDate(fields.duedate, options.timeZone) : null;
  const resolved = fields.resolutiondate
    ? trackerInstant(fields.resolutiondate, options.timeZone)
    : null;
  const controlText = [ids.controls === null ? null : textOf(fields[ids.controls]), ...labels].join(
    ' ',
  );
  const resolvedStatus = status === 'fixed' || status === 'verified' || status === 'closed';
  return {
    ledgerId: null,
    trackerKey: issue.key,
    trackerUrl: browseUrl(issue.self, issue.key),
    title: titleOf(issue),
    description: descriptionOf(fields.description),
    priority,
    severity,
    status,
    owner: fields.assignee?.displayName ?? fields.assignee?.name ?? '',
    raisedAt: created ?? fields.created,
    resolvedAt: resolvedStatus ? (resolved ?? created) : null,
    dueAt: due?.kind === 'instant' ? due.iso : null,
    dueDate: due?.kind === 'date' ? due.date : null,
    controlRefs: controlRefsFromText(controlText),
    closeReason:
      status === 'closed'
        ? `Closed in Jira${fields.resolution ? ` (${fields.resolution.name})` : ''}`
        : '',
    riskAcceptance: null,
  };
}

function issuesArray(data: unknown): { items: unknown[]; path: string } {
  const looksLikeIssue = (item: unknown) =>
    typeof item === 'object' && item !== null && 'fields' in item;
  if (Array.isArray(data) && (data.length === 0 || data.some(looksLikeIssue))) {
    return { items: data, path: '' };
  }
  if (typeof data === 'object' && data !== null && 'issues' in data) {
    const issues = data.issues;
    if (Array.isArray(issues)) return { items: issues, path: 'issues.' };
  }
  if (typeof data === 'object' && data !== null && 'key' in data && 'fields' in data) {
    return { items: [data], path: '' };
  }
  throw new TrackerFormatError(
    'This is not a Jira issue export: expected an object with "issues", an array of issues, or one issue.',
  );
}

function describePath(prefix: string, index: number, path: readonly PropertyKey[]): string {
  return [`${prefix}${index}`, ...path.map(String)].join('.');
}

/** Reads Jira REST JSON; issues that cannot be read are reported, the others returned. */
export function parseJiraJson(text: string, options: JiraJsonOptions): ImportResult {
  const data = parseJson(text, 'The Jira file');
  const fieldList =
    typeof options.fields === 'string'
      ? parseJson(options.fields, 'The Jira field list')
      : options.fields;
  const ids = {
    severity: customFieldId(fieldList, /^severity$/i),
    controls: customFieldId(fieldList, /^controls?$/i),
  };
  const { items, path } = issuesArray(data);
  const issues: ImportedIssue[] = [];
  const problems: ImportProblem[] = [];
  items.forEach((item, index) => {
    const raw = JiraIssue.safeParse(item);
    if (!raw.success) {
      const first = raw.error.issues[0];
      problems.push({
        where: describePath(path, index, first?.path ?? []),
        message: first?.message ?? 'unreadable issue',
      });
      return;
    }
    const imported = ImportedIssueSchema.safeParse(toImported(raw.data, options, ids));
    if (!imported.success) {
      const first = imported.error.issues[0];
      problems.push({
        where: `${describePath(path, index, [])} (${raw.data.key})`,
        message: `${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}`,
      });
      return;
    }
    issues.push(imported.data);
  });
  return { issues, problems };
}
