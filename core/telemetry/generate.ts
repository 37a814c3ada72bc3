/**
 * Realistic, reproducible telemetry for tests, demos and benchmarks: a seeded generator of
 * access logs, sshd auth logs, JSON login events, change events and metric exports, each with an
 * attack burst at a known time. Every scenario records its ground truth (how many requests,
 * errors, XSS and SQL-injection attempts, failed and successful logins it wrote), so tests compare
 * the importer with what was generated rather than with numbers typed by hand.
 *
 * `scripts/generate-telemetry.ts` writes the files; see README (Telemetry).
 */

import type { ScenarioOptions } from './generate-common';
import { DEFAULT_START, MONTHS, pad, pick, seededRandom } from './generate-common';

export type { ScenarioOptions } from './generate-common';
export { DEFAULT_START, seededRandom } from './generate-common';
export type { AuthScenarioOptions, AuthTruth } from './generate-auth';
export { AuthLogScenario, loginEventLines } from './generate-auth';
export { changeEventsCsv, metricCsvLines } from './generate-changes';

export interface AccessTruth {
  requests: number;
  status4xx: number;
  status5xx: number;
  xssAttempts: number;
  sqlInjectionAttempts: number;
  burst: { from: number; to: number; source: string };
}

export const XSS_PAYLOADS: readonly string[] = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(document.cookie)>',
  'javascript:alert(1)',
  '<svg/onload=alert(1)>',
  '\'"><iframe src=javascript:alert(1)>',
  "<body onload=alert('xss')>",
  '<ScRiPt>prompt(1)</sCrIpT>',
  '%3Cscript%3Edocument.write(1)%3C%2Fscript%3E',
  '<details open ontoggle=alert(1)>',
  '" onmouseover="alert(1)',
];

export const SQLI_PAYLOADS: readonly string[] = [
  "1' OR '1'='1",
  '1 UNION SELECT username,password FROM users--',
  "'; DROP TABLE users;--",
  '1 AND SLEEP(5)',
  "admin'--",
  "1' AND 1=1#",
  '-1 UNION ALL SELECT NULL,@@version--',
  "1;WAITFOR DELAY '0:0:5'--",
  "' OR 1=1 -- ",
  '1/**/UNION/**/SELECT/**/table_name/**/FROM/**/information_schema.tables',
];

/** Ordinary traffic, including words and characters that must not be taken for attacks. */
export const BENIGN_TARGETS: readonly string[] = [
  '/',
  '/products/1042',
  '/products?category=shoes&sort=price&order=asc',
  '/search?q=select+the+best+running+shoes',
  '/search?q=union+station+opening+hours',
  '/search?q=o%27reilly+javascript+guide',
  '/search?q=drop+table+tennis+bats',
  '/search?q=script+writing+course',
  '/search?q=1%3D1+scale+model',
  '/blog/2026/11/select-and-from-a-beginners-guide',
  '/api/orders?status=open&sort=-created&page=2',
  '/api/users/me',
  '/static/app.3f2a9c.js',
  '/static/styles.css?v=12',
  '/images/logo.svg',
  '/login?next=%2Faccount%2Fsettings',
  '/account/settings',
  '/docs/javascript/onload-event',
  '/cart?add=1042&qty=2',
  '/feed.xml',
  '/api/search?filter=price%3E%3D10%26price%3C%3D50',
  '/about-us',
];

const AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
];

export function clfTime(ms: number): string {
  const date = new Date(ms);
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

/** Percent-encodes a payload as a scanner sends it; some are sent raw (nginx logs them as is). */
function encodePayload(payload: string, random: () => number): string {
  if (payload.includes('%')) return payload;
  return random() < 0.7
    ? encodeURIComponent(payload)
    : payload.replace(/ /g, '+').replace(/"/g, '%22');
}

function address(random: () => number): string {
  return `198.51.100.${1 + Math.floor(random() * 250)}`;
}

/**
 * An access log with `lines` requests spread over the period, a scanner sending XSS and SQL
 * injection payloads from one address for ten minutes at 40 % of the period, and a burst of 5xx
 * at 70 %.
 */
export class AccessLogScenario {
  readonly truth: AccessTruth;
  private readonly random: () => number;
  private readonly start: number;
  private readonly span: number;

  constructor(
    readonly lines: number,
    options: ScenarioOptions = {},
  ) {
    this.random = seededRandom(options.seed ?? 1);
    this.start = options.start ?? DEFAULT_START;
    this.span = (options.minutes ?? 360) * 60_000;
    const burstFrom = this.start + Math.floor((this.span * 0.4) / 60_000) * 60_000;
    this.truth = {
      requests: 0,
      status4xx: 0,
      status5xx: 0,
      xssAttempts: 0,
      sqlInjectionAttempts: 0,
      burst: { from: burstFrom, to: burstFrom + 10 * 60_000, source: '203.0.113.66' },
    };
  }

  *generate(): Generator<string> {
    const { random, truth } = this;
    const outageFrom = this.start + this.span * 0.7;
    const attackShare = Math.min(0.5, 600 / Math.max(1, this.lines));
    for (let index = 0; index < this.lines; index += 1) {
      let at = this.start + Math.floor((index / this.lines) * this.span);
      let source = address(random);
      let target = pick(BENIGN_TARGETS, random);
      let method = target.startsWith('/cart') ? 'POST' : 'GET';
      let status = random() < 0.03 ? 404 : random() < 0.002 ? 500 : 200;
      let agent = pick(AGENTS, random);
      const inBurst = at >= truth.burst.from && at < truth.burst.to;
      if (inBurst && random() < attackShare * 40) {
        source = truth.burst.source;
        agent = 'sqlmap/1.8.2#stable (https://sqlmap.org)';
        method = 'GET';
        if (random() < 0.5) {
          target = `/search?q=${encodePayload(pick(XSS_PAYLOADS, random), random)}`;
          truth.xssAttempts += 1;
        } else {
          target = `/products?id=${encodePayload(pick(SQLI_PAYLOADS, random), random)}`;
          truth.sqlInjectionAttempts += 1;
        }
        status = random() < 0.6 ? 403 : random() < 0.5 ? 500 : 200;
        at += Math.floor(random() * 1000);
      } else if (at >= outageFrom && at < outageFrom + 5 * 60_000 && random() < 0.3) {
        status = 502;
      }
      truth.requests += 1;
      if (status >= 400 && status < 500) truth.status4xx += 1;
      if (status >= 500) truth.status5xx += 1;
      const bytes = status === 200 ? 512 + Math.floor(random() * 40_000) : 153;
      yield `${source} - - [${clfTime(at)}] "${method} ${target} HTTP/1.1" ${status} ${bytes} "-" "${agent}"`;
    }
  }
}
