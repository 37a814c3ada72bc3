/**
 * The words evidence is found by: its file name, format, tool, source, linked controls, summary
 * line and notes, as lower-case terms that a search matches by prefix. A word is indexed whole
 * and from each of its inner parts (`semgrep-results.sarif` also as `results.sarif` and
 * `sarif`), so typing any part of a name finds it. Bounded: terms are cut to `TERM_LENGTH`
 * characters and a file has at most `TERMS_PER_FILE` of them.
 */

/** Longest term kept; a longer word is found by its first characters. */
export const TERM_LENGTH = 32;
/** Most terms one file is indexed by (the fields come in order of how often people search them). */
export const TERMS_PER_FILE = 200;
/** Most words of a query that are matched (all must match). */
export const QUERY_WORDS = 8;

/** What separates words: white space and punctuation that never belongs inside a name or an id. */
const SEPARATOR = /[\s"#%&'()*,;<=>?@[\\\]^`{|}~!$+/:]+/u;
const ALPHANUMERIC = /[\p{L}\p{N}]/u;

/** The word without leading or trailing punctuation (`-x.` → `x`); empty when nothing is left. */
function trimmed(word: string): string {
  let start = 0;
  let end = word.length;
  while (start < end && !ALPHANUMERIC.test(word.charAt(start))) start += 1;
  while (end > start && !ALPHANUMERIC.test(word.charAt(end - 1))) end -= 1;
  return word.slice(start, end);
}

/** The words of `text`, lower case, trimmed, each cut to `TERM_LENGTH`, first occurrence first. */
export function searchWords(text: string): string[] {
  const words = new Set<string>();
  for (const raw of text.toLowerCase().split(SEPARATOR)) {
    const word = trimmed(raw).slice(0, TERM_LENGTH);
    if (word !== '') words.add(word);
  }
  return [...words];
}

/** A word and every suffix of it that starts a new part (after `-`, `.`, `_` and the like). */
function suffixes(word: string): string[] {
  const found = [word];
  for (let index = 1; index < word.length; index += 1) {
    if (!ALPHANUMERIC.test(word.charAt(index - 1)) && ALPHANUMERIC.test(word.charAt(index))) {
      found.push(word.slice(index));
    }
  }
  return found;
}

/** The terms a file is indexed by, from its fields in order; at most `TERMS_PER_FILE`. */
export function searchTerms(fields: readonly string[]): string[] {
  const terms = new Set<string>();
  for (const field of fields) {
    for (const word of searchWords(field.slice(0, 4 * TERMS_PER_FILE * TERM_LENGTH))) {
      for (const term of suffixes(word)) {
        terms.add(term);
        if (terms.size >= TERMS_PER_FILE) return [...terms];
      }
    }
  }
  return [...terms];
}

/** The words of a search, as matched against terms (each a prefix of some term of a file). */
export function queryWords(query: string): string[] {
  return searchWords(query).slice(0, QUERY_WORDS);
}
