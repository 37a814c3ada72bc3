import { z } from 'zod';
import type { AgendaItemDraft } from '../model/demo';
import type { AgendaProblem } from './agenda-problems';
import { AgendaImportError } from './agenda-problems';

/**
 * Jira REST issues (API v2 and v3, Agile API) to agenda items. Only the few fields an agenda
 * needs are read; everything else in these large documents is ignored. Descriptions are kept as
 * plain text: v2 wiki markup as written, v3 Atlassian Document Format flattened to its text.
 */

const JiraUser = z
  .object({ displayName: z.string().optional(), name: z.string().optional() })
  .nullable()
  .optional();

const JiraIssue = z.object({
  key: z.string().trim().min(1, 'an issue has no key'),
  self: z.string().optional(),
  fields: z
    .object({
      summary: z.string().nullable().optional(),
      description: z.unknown().optional(),
      assignee: JiraUser,
    })
    .optional(),
});

const SearchResult = z.object({
  issues: z.array(z.unknown()),
  total: z.number().optional(),
});

const MAX_DESCRIPTION = 20_000;
const MAX_TITLE = 300;
const MAX_ADF_DEPTH = 40;

export interface ConvertedIssues {
  items: { draft: AgendaItemDraft; at: string }[];
  problems: AgendaProblem[];
  notes: string[];
}

export function jiraIssuesToAgenda(data: unknown): ConvertedIssues {
  const converted: ConvertedIssues = { items: [], problems: [], notes: [] };
  let issues: unknown[];
  let prefix: string;
  const search = SearchResult.safeParse(data);
  if (search.success) {
    issues = search.data.issues;
    prefix = 'issues';
    const total = search.data.total;
    if (total !== undefined && total > issues.length) {
      converted.notes.push(
        `This file holds ${issues.length} of the ${total} issues its search found (one page of results). Export the other pages to import them too.`,
      );
    }
  } else if (Array.isArray(data) && (data.length === 0 || data.some(hasKey))) {
    issues = data;
    prefix = '';
  } else if (hasKey(data)) {
    issues = [data];
    prefix = '';
  } else {
    throw new AgendaImportError(
      'This JSON is not a Jira export: expected a search result with "issues", an array of issues, or one issue with a "key".',
    );
  }

  issues.forEach((raw, index) => {
    const at = prefix === '' ? `[${index}]` : `${prefix}[${index}]`;
    const parsed = JiraIssue.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.map((part) =>
          typeof part === 'number' ? `[${part}]` : `.${String(part)}`,
        );
        converted.problems.push({ at: `${at}${path.join('')}`, message: issue.message });
      }
      return;
    }
    const { key, self, fields } = parsed.data;
    const summary = (fields?.summary ?? '').trim();
    let title = summary === '' ? key : summary;
    if (title.length > MAX_TITLE) {
      title = `${title.slice(0, MAX_TITLE - 1)}…`;
      converted.problems.push({
        at: `${at}.fields.summary`,
        message: 'summary shortened to 300 characters',
      });
    }
    let description = descriptionText(fields?.description);
    if (description.length > MAX_DESCRIPTION) {
      description = `${description.slice(0, MAX_DESCRIPTION - 1)}…`;
      converted.problems.push({
        at: `${at}.fields.description`,
        message: 'description shortened to 20,000 characters',
      });
    }
    const browse = browseLink(self, key);
    converted.items.push({
      at,
      draft: {
        key,
        title,
        description,
        owner: fields?.assignee?.displayName ?? fields?.assignee?.name ?? '',
        links: browse === null ? [] : [browse],
      },
    });
  });
  return converted;
}

function hasKey(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'key' in value;
}

/** `https://host/rest/api/2/issue/123` + `KEY-1` → `https://host/browse/KEY-1` (http(s) only). */
export function browseLink(self: string | undefined, key: string): string | null {
  if (self === undefined || !URL.canParse(self)) return null;
  const url = new URL(self);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const restAt = url.pathname.indexOf('/rest/');
  const base = restAt > 0 ? url.pathname.slice(0, restAt) : '';
  return `${url.origin}${base}/browse/${encodeURIComponent(key)}`;
}

/** Plain text from a v2 string or a v3 Atlassian Document Format tree. */
export function descriptionText(description: unknown): string {
  if (typeof description === 'string') return description.trim();
  if (typeof description !== 'object' || description === null) return '';
  const blocks: string[] = [];
  collectAdfText(description, blocks, 0);
  return blocks
    .join('')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const BLOCK_NODES = new Set([
  'paragraph',
  'heading',
  'listItem',
  'codeBlock',
  'blockquote',
  'rule',
]);

function collectAdfText(node: unknown, out: string[], depth: number): void {
  if (depth > MAX_ADF_DEPTH || typeof node !== 'object' || node === null) return;
  const record = node as { type?: unknown; text?: unknown; content?: unknown };
  if (record.type === 'text' && typeof record.text === 'string') out.push(record.text);
  if (record.type === 'hardBreak') out.push('\n');
  if (Array.isArray(record.content)) {
    for (const child of record.content) collectAdfText(child, out, depth + 1);
  }
  if (typeof record.type === 'string' && BLOCK_NODES.has(record.type)) out.push('\n');
}
