import { describe, expect, it } from 'vitest';
import {
  QUERY_WORDS,
  TERMS_PER_FILE,
  TERM_LENGTH,
  queryWords,
  searchTerms,
} from '../../../core/evidence/search-terms';

describe('evidence search terms', () => {
  it('indexes each word whole and from each of its inner parts, lower case', () => {
    expect(searchTerms(['Semgrep-Results.sarif'])).toEqual([
      'semgrep-results.sarif',
      'results.sarif',
      'sarif',
    ]);
    expect(searchTerms(['nist-sp-800-53-rev5#RA-5(3)'])).toEqual([
      'nist-sp-800-53-rev5',
      'sp-800-53-rev5',
      '800-53-rev5',
      '53-rev5',
      'rev5',
      'ra-5',
      '5',
      '3',
    ]);
  });

  it('drops punctuation around words and keeps letters of any script', () => {
    expect(searchTerms(['“Zugriff: verweigert…” — (ÜBERPRÜFT)'])).toEqual([
      'zugriff',
      'verweigert',
      'überprüft',
    ]);
  });

  it('bounds what one file adds to the index, however long its text', () => {
    const long = `${'a'.repeat(10_000)} ${Array.from({ length: 5_000 }, (_, i) => `w${i}`).join(' ')}`;
    const terms = searchTerms([long]);
    expect(terms).toHaveLength(TERMS_PER_FILE);
    expect(terms[0]).toBe('a'.repeat(TERM_LENGTH));
    expect(terms.every((term) => term.length <= TERM_LENGTH)).toBe(true);
  });

  it('reads a query as its words, at most eight, each cut like the terms', () => {
    expect(queryWords('  RA-5   semgrep ')).toEqual(['ra-5', 'semgrep']);
    expect(queryWords('...')).toEqual([]);
    expect(queryWords(Array.from({ length: 20 }, (_, i) => `q${i}`).join(' '))).toHaveLength(
      QUERY_WORDS,
    );
    expect(queryWords('x'.repeat(100))).toEqual(['x'.repeat(TERM_LENGTH)]);
  });
});
