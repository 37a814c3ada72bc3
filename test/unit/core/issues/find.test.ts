import { describe, expect, it } from 'vitest';
import { isEmptyQuery, issueMatches, parseIssueQuery } from '../../../../core/issues/find';

const issue = { number: 42, title: 'SQL injection in card search' };

describe('finding an issue by what was typed', () => {
  it('reads a key in any case, with or without its prefix, and words of the title', () => {
    expect(parseIssueQuery('SEC-42')).toEqual({ number: 42, words: [] });
    expect(parseIssueQuery('  sec42 ')).toEqual({ number: 42, words: [] });
    expect(parseIssueQuery('42 Card')).toEqual({ number: 42, words: ['card'] });
    expect(parseIssueQuery('card  SEARCH')).toEqual({ number: null, words: ['card', 'search'] });
    expect(isEmptyQuery(parseIssueQuery('   '))).toBe(true);
  });

  it('matches when every part does', () => {
    expect(issueMatches(issue, parseIssueQuery('SEC-42'))).toBe(true);
    expect(issueMatches(issue, parseIssueQuery('search card'))).toBe(true);
    expect(issueMatches(issue, parseIssueQuery('SEC-42 card'))).toBe(true);
    expect(issueMatches(issue, parseIssueQuery('SEC-4'))).toBe(false);
    expect(issueMatches(issue, parseIssueQuery('card xss'))).toBe(false);
    expect(issueMatches(issue, parseIssueQuery(''))).toBe(true);
  });

  it('cuts a very long query instead of matching word by word over it', () => {
    const query = parseIssueQuery(`card ${'x'.repeat(10_000)}`);
    expect(query.words.join(' ').length).toBeLessThanOrEqual(200);
  });
});
