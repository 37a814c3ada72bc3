import { describe, expect, it } from 'vitest';
import { findBlameHints } from '../../../../core/postmortem/blame';

const phrases = (text: string) => findBlameHints(text).map((hint) => hint.phrase);

describe('blameless-language hint', () => {
  it('flags phrasing that puts the cause on a person', () => {
    expect(phrases('Bob forgot to rotate the key.')).toEqual(['Bob forgot']);
    expect(phrases('It was human error.')).toEqual(['human error']);
    expect(phrases("This was Priya's fault.")).toEqual(["Priya's fault"]);
    expect(phrases('The developer failed to escape the input.')).toEqual([
      'The developer failed to',
    ]);
    expect(phrases('She should have checked the headers.')).toEqual(['She should have checked']);
    expect(phrases('A careless merge went out.')).toEqual(['careless']);
    expect(phrases('The intern missed the alert and we blame the rota.')).toEqual([
      'The intern missed',
      'blame',
    ]);
  });

  it('leaves system-focused descriptions alone', () => {
    for (const text of [
      'The pipeline did not run the dependency scan on release branches.',
      'The scanner missed the endpoint because it was not in the OpenAPI document.',
      'Jenkins failed to publish the SARIF report.',
      'We had no test covering output encoding in the search page.',
      'The review checklist did not mention session fixation.',
    ]) {
      expect(phrases(text), text).toEqual([]);
    }
  });

  it('gives positions and a suggestion for each hint', () => {
    const text = 'Timeline: then Alex ignored the page.';
    const [hint] = findBlameHints(text);
    expect(hint && text.slice(hint.start, hint.end)).toBe('Alex ignored');
    expect(hint?.suggestion).toMatch(/process or tooling/);
  });
});
