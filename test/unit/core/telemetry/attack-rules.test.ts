import { describe, expect, it } from 'vitest';
import {
  ATTACK_RULES,
  classifyRequestTarget,
  normaliseTarget,
} from '../../../../core/telemetry/attack-rules';
import { BENIGN_TARGETS, SQLI_PAYLOADS, XSS_PAYLOADS } from '../../../../core/telemetry/generate';

/** Attempts as scanners and people send them (OWASP XSS filter evasion, sqlmap, Burp). */
const MORE_XSS = [
  '/?q=%3Cscript%3Ealert%28%27x%27%29%3C%2Fscript%3E',
  '/?q=%253Cscript%253Ealert(1)%253C%252Fscript%253E',
  '/profile?name=\\x22><script>alert(1)</script>',
  '/?x=&lt;img src=x onerror=alert(1)&gt;',
  '/?x=&#60;svg onload=alert(1)&#62;',
  '/redirect?url=javascript:alert(document.domain)',
  '/?q="><a href="javascript&colon;alert(1)">x</a>',
  '/?q=<iframe src=//evil.example>',
  '/page?next=data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  "/?q='-prompt(1)-'",
  '/?q=<img/src/onerror=alert(1)>',
  '/?q=" autofocus onfocus="alert(1)',
];

const MORE_SQLI = [
  '/item?id=1%27%20OR%20%271%27%3D%271',
  '/item?id=1%20UNION%20SELECT%20NULL%2CNULL--',
  "/login?user=admin'%23&pass=x",
  '/item?id=1 AND SLEEP(5)',
  '/item?id=1;SELECT pg_sleep(10)',
  "/item?id=1' AND extractvalue(1,concat(0x7e,version()))-- ",
  '/item?id=-1+union+all+select+1,2,group_concat(table_name)+from+information_schema.tables',
  "/search?q=x' or name like '%",
  '/item?id=1%2527%2520OR%25201%253D1--',
  '/item?id=1)%20OR%20(1=1',
  "/item?id=1' and true-- ",
  '/item?id=@@version',
];

/** Real requests that contain the words, quotes and symbols attacks also use. */
const MORE_BENIGN = [
  '/search?q=select',
  '/search?q=union',
  '/search?q=european+union+select+committee',
  '/search?q=rock+%27n%27+roll',
  '/search?q=the+script',
  '/search?q=drop+shipping',
  '/search?q=sleep+apnea+5+tips',
  '/articles/how-to-select-from-a-list',
  '/search?q=tom%27s+diner',
  "/search?q=o'reilly",
  '/products?sort=name&order=desc&page=3&size=20',
  '/api/v1/alerts?state=open',
  '/calendar?view=month&date=2026-11-26',
  '/api/items?ids=1,2,3&fields=name,price',
  '/files/report%20(final).pdf',
  '/search?q=%3C3',
  '/search?q=a+%3C+b+and+c+%3E+d',
  '/search?q=1%2B1%3D2',
  '/wiki/Script_(Unicode)',
  '/docs/api/onload',
  '/events/online-meetup',
  '/img/confirmation.png',
  '/static/js/vendor.min.js?v=2026.11.26',
  '/search?q=100%25+cotton',
  '/search?q=50%+off',
  '/track?utm_source=newsletter&utm_medium=email&utm_campaign=black-friday',
  '/api/graphql?query=%7Bviewer%7Blogin%7D%7D',
  '/search?q=select+distinct+colours',
  '/search?q=from+select+to+union',
  '/search?q=drop+table',
];

describe('attack-detection rules', () => {
  it.each([
    ...XSS_PAYLOADS.map((payload) => `/search?q=${encodeURIComponent(payload)}`),
    ...MORE_XSS,
  ])('flags XSS in %s', (target) => {
    const verdict = classifyRequestTarget(target);
    expect(verdict.xss).toBe(true);
    expect(verdict.rules.some((rule) => rule.startsWith('xss-'))).toBe(true);
  });

  it.each([
    ...SQLI_PAYLOADS.map((payload) => `/products?id=${encodeURIComponent(payload)}`),
    ...MORE_SQLI,
  ])('flags SQL injection in %s', (target) => {
    const verdict = classifyRequestTarget(target);
    expect(verdict.sqli).toBe(true);
    expect(verdict.rules.some((rule) => rule.startsWith('sqli-'))).toBe(true);
  });

  it.each([...BENIGN_TARGETS, ...MORE_BENIGN])('does not flag benign %s', (target) => {
    expect(classifyRequestTarget(target)).toEqual({ xss: false, sqli: false, rules: [] });
  });

  it('raw payloads (not URL-encoded) are flagged as well', () => {
    for (const payload of XSS_PAYLOADS)
      expect(classifyRequestTarget(`/?q=${payload}`).xss).toBe(true);
    for (const payload of SQLI_PAYLOADS)
      expect(classifyRequestTarget(`/?id=${payload}`).sqli).toBe(true);
  });

  it('normalises encodings a server would decode', () => {
    expect(normaliseTarget('/?q=%253Cscript%253E')).toBe('/?q=<script>');
    expect(normaliseTarget('/?q=\\x22%3E')).toBe('/?q=">');
    expect(normaliseTarget('/?q=&#x3C;b&#62;&lt;i&gt;')).toBe('/?q=<b><i>');
    expect(normaliseTarget('/?id=1/**/UNION/**/SELECT')).toBe('/?id=1 union select');
    expect(normaliseTarget('/?q=a+++b%ZZ')).toBe('/?q=a b%zz');
  });

  it('every rule has an id, a category and a description, and matches at least one sample', () => {
    const samples = [...XSS_PAYLOADS, ...SQLI_PAYLOADS, ...MORE_XSS, ...MORE_SQLI].map(
      normaliseTarget,
    );
    for (const rule of ATTACK_RULES) {
      expect(rule.id.startsWith(`${rule.category}-`)).toBe(true);
      expect(rule.description.length).toBeGreaterThan(10);
      expect(
        samples.some((sample) => rule.pattern.test(sample)),
        rule.id,
      ).toBe(true);
    }
  });

  it('copes with hostile 64 KiB request lines', () => {
    const quotes = `/?q=${"' or ".repeat(8000)}`;
    const spaces = `/?q=<${' '.repeat(60_000)}x`;
    const braces = `/?q=${'<a '.repeat(20_000)}`;
    expect(classifyRequestTarget(quotes).sqli).toBe(false);
    expect(classifyRequestTarget(spaces).xss).toBe(false);
    expect(classifyRequestTarget(braces).xss).toBe(false);
  });
});
