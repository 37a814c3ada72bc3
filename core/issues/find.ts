import type { SecurityIssue } from '../model/issue';

/**
 * What a person types to find an issue: its key (`SEC-42`, or just `42`) and words of its
 * title, in any order and case. Every part must match.
 */
export interface IssueQuery {
  /** The issue number named, when one was. */
  number: number | null;
  /** Lower-case words the title must contain. */
  words: string[];
}

const KEY = /^(?:sec-?)?(\d{1,9})$/i;
/** Longer queries are cut: nobody types more to find an issue, and matching stays cheap. */
const MAX_QUERY = 200;

export function parseIssueQuery(text: string): IssueQuery {
  let number: number | null = null;
  const words: string[] = [];
  for (const part of text.slice(0, MAX_QUERY).toLowerCase().split(/\s+/)) {
    if (part === '') continue;
    const key = KEY.exec(part);
    if (key && number === null) number = Number(key[1]);
    else words.push(part);
  }
  return { number, words };
}

export function isEmptyQuery(query: IssueQuery): boolean {
  return query.number === null && query.words.length === 0;
}

export function issueMatches(
  issue: Pick<SecurityIssue, 'number' | 'title'>,
  query: IssueQuery,
): boolean {
  if (query.number !== null && issue.number !== query.number) return false;
  const title = issue.title.toLowerCase();
  return query.words.every((word) => title.includes(word));
}
