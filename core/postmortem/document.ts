import type { IssueStatus, SecurityIssue } from '../model/issue';
import { issueKey } from '../model/issue';
import type { PostMortem } from '../model/postmortem';
import { POST_MORTEM_SECTIONS, SECTION_TITLES } from '../model/postmortem';
import { formatZoned } from '../time/zoned';

/**
 * A post-mortem as a plain document: headings, paragraphs, lists and tables, with every value
 * already formatted. Renderers draw it: Markdown here (markdown.ts); the PDF report pipeline
 * draws the same document, so both exports say the same thing.
 */
export type DocumentBlock =
  | { kind: 'text'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; headers: string[]; rows: string[][] };

export interface DocumentSection {
  heading: string;
  blocks: DocumentBlock[];
}

export interface PostMortemDocument {
  title: string;
  /** Label and value pairs shown under the title. */
  facts: [string, string][];
  sections: DocumentSection[];
}

export interface ActionIssueSummary {
  key: string;
  status: IssueStatus;
}

const NOT_WRITTEN = '_Not written yet._';

export function buildPostMortemDocument(
  postMortem: PostMortem,
  issue: SecurityIssue,
  actionIssues: ReadonlyMap<string, ActionIssueSummary>,
  timeZone: string,
): PostMortemDocument {
  const narrative = (text: string): DocumentBlock[] =>
    text.trim() === ''
      ? [{ kind: 'text', text: NOT_WRITTEN }]
      : [{ kind: 'text', text: text.trim() }];
  const timeline = [...postMortem.timeline].sort((a, b) => a.at.localeCompare(b.at));
  const sections: DocumentSection[] = [];
  const [summary, impact, ...rest] = POST_MORTEM_SECTIONS;
  for (const section of [summary, impact]) {
    if (section)
      sections.push({ heading: SECTION_TITLES[section], blocks: narrative(postMortem[section]) });
  }
  sections.push({
    heading: 'Timeline',
    blocks:
      timeline.length === 0
        ? [{ kind: 'text', text: NOT_WRITTEN }]
        : [
            {
              kind: 'table',
              headers: ['When', 'What happened'],
              rows: timeline.map((entry) => [
                formatZoned(Date.parse(entry.at), timeZone),
                entry.text,
              ]),
            },
          ],
  });
  for (const section of rest) {
    sections.push({ heading: SECTION_TITLES[section], blocks: narrative(postMortem[section]) });
  }
  sections.push({
    heading: 'Action items',
    blocks:
      postMortem.actionItems.length === 0
        ? [{ kind: 'text', text: NOT_WRITTEN }]
        : [
            {
              kind: 'table',
              headers: ['Action', 'Owner', 'Due', 'Tracked as', 'Status'],
              rows: postMortem.actionItems.map((action) => {
                const tracked =
                  action.issueId === null ? undefined : actionIssues.get(action.issueId);
                return [
                  action.title,
                  action.owner,
                  action.dueDate,
                  tracked?.key ?? '—',
                  tracked?.status ?? '—',
                ];
              }),
            },
          ],
  });
  sections.push({
    heading: 'Controls that failed',
    blocks:
      postMortem.failedControls.length === 0
        ? [{ kind: 'text', text: '_None recorded._' }]
        : [{ kind: 'list', items: postMortem.failedControls }],
  });
  return {
    title: postMortem.title,
    facts: [
      ['Issue', `${issueKey(issue)} — ${issue.title}`],
      ['Priority', `${issue.priority} (${issue.severity})`],
      ['Status', issue.status],
      ['Raised', formatZoned(Date.parse(issue.raisedAt), timeZone)],
      ...(issue.trackerKey
        ? ([['Tracker', issue.trackerUrl || issue.trackerKey]] as [string, string][])
        : []),
      ['Last updated', formatZoned(Date.parse(postMortem.updatedAt), timeZone)],
    ],
    sections,
  };
}
