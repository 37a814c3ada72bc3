/**
 * Realistic, reproducible telemetry for tests, demos and benchmarks: a seeded generator of
 * access logs, sshd auth logs, JSON login events, change events and metric exports, each with an
 * attack burst at a known time. Every scenario records its ground truth (how many requests,
 * errors, XSS and SQL-injection attempts, failed and successful logins it wrote), so tests compare
 * the importer with what was generated rather than with numbers typed by hand.
 *
 * `scripts/generate-telemetry.ts` writes the files; see README (Telemetry).
 */

/** mulberry32: small, fast, good enough for test data; the same seed gives the same files. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface ScenarioOptions {
  seed?: number;
  /** Start of the generated period (epoch ms, UTC). */
  start?: number;
  /** Length of the period in minutes. */
  minutes?: number;
}

export interface AccessTruth {
  requests: number;
  status4xx: number;
  status5xx: number;
  xssAttempts: number;
  sqlInjectionAttempts: number;
  burst: { from: number; to: number; source: string };
}

export interface AuthTruth {
  failedLogins: number;
  successfulLogins: number;
  burst: { from: number; to: number; source: string };
}

export const DEFAULT_START = Date.UTC(2026, 10, 24, 6, 0, 0);

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

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

export function clfTime(ms: number): string {
  const date = new Date(ms);
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

function syslogTime(ms: number): string {
  const date = new Date(ms);
  return `${MONTHS[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2, ' ')} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** Percent-encodes a payload as a scanner sends it; some are sent raw (nginx logs them as is). */
function encodePayload(payload: string, random: () => number): string {
  if (payload.includes('%')) return payload;
  return random() < 0.7
    ? encodeURIComponent(payload)
    : payload.replace(/ /g, '+').replace(/"/g, '%22');
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
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

/**
 * An sshd auth.log: the team logging in through the day (a few typos), cron noise, and a
 * password-guessing burst from one address for twenty minutes at 55 % of the period, partly
 * reported by rsyslog as "message repeated N times".
 */
export class AuthLogScenario {
  readonly truth: AuthTruth;
  private readonly random: () => number;
  private readonly start: number;
  private readonly span: number;

  constructor(options: ScenarioOptions = {}) {
    this.random = seededRandom(options.seed ?? 2);
    this.start = options.start ?? DEFAULT_START;
    this.span = (options.minutes ?? 360) * 60_000;
    const burstFrom = this.start + Math.floor((this.span * 0.55) / 60_000) * 60_000;
    this.truth = {
      failedLogins: 0,
      successfulLogins: 0,
      burst: { from: burstFrom, to: burstFrom + 20 * 60_000, source: '203.0.113.77' },
    };
  }

  *generate(): Generator<string> {
    const { random, truth } = this;
    const users = ['alice', 'bob', 'carol', 'deploy'];
    let pid = 4000;
    for (let at = this.start; at < this.start + this.span; at += 60_000) {
      const line = (time: number, program: string, message: string) =>
        `${syslogTime(time)} web-1 ${program}[${(pid += 1)}]: ${message}`;
      if (random() < 0.12) {
        const user = pick(users, random);
        const source = `192.0.2.${10 + Math.floor(random() * 5)}`;
        if (random() < 0.15) {
          truth.failedLogins += 1;
          yield line(
            at + 1000,
            'sshd',
            `Failed password for ${user} from ${source} port ${40000 + Math.floor(random() * 20000)} ssh2`,
          );
        }
        truth.successfulLogins += 1;
        yield line(
          at + 5000,
          'sshd',
          `Accepted publickey for ${user} from ${source} port ${40000 + Math.floor(random() * 20000)} ssh2: ED25519 SHA256:q1w2e3r4t5y6u7i8o9p0`,
        );
        yield line(
          at + 5000,
          'sshd',
          `pam_unix(sshd:session): session opened for user ${user}(uid=1000) by (uid=0)`,
        );
      }
      if (at % (5 * 60_000) === 0)
        yield line(
          at,
          'CRON',
          'pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)',
        );
      if (at >= truth.burst.from && at < truth.burst.to) {
        const attempts = 20 + Math.floor(random() * 30);
        for (let attempt = 0; attempt < attempts; attempt += 1) {
          const user = pick(['root', 'admin', 'oracle', 'test', 'ubuntu', 'postgres'], random);
          const invalid = user !== 'root';
          const time = at + Math.floor((attempt / attempts) * 60_000);
          const port = 30000 + Math.floor(random() * 30000);
          if (invalid)
            yield line(
              time,
              'sshd',
              `Invalid user ${user} from ${truth.burst.source} port ${port}`,
            );
          truth.failedLogins += 1;
          yield line(
            time,
            'sshd',
            `Failed password for ${invalid ? 'invalid user ' : ''}${user} from ${truth.burst.source} port ${port} ssh2`,
          );
        }
        const repeats = 2 + Math.floor(random() * 4);
        truth.failedLogins += repeats;
        yield line(
          at + 59_000,
          'sshd',
          `message repeated ${repeats} times: [ Failed password for root from ${truth.burst.source} port 45022 ssh2]`,
        );
      }
    }
  }
}

/** The same kind of story as JSON login events, one object per line (NDJSON). */
export function* loginEventLines(options: ScenarioOptions = {}): Generator<string> {
  const scenario = new AuthLogScenario({ ...options, seed: options.seed ?? 3 });
  const year = new Date(options.start ?? DEFAULT_START).getUTCFullYear();
  for (const line of scenario.generate()) {
    const match =
      /^(\w{3}) +(\d+) (\d\d:\d\d:\d\d) \S+ sshd\[\d+\]: (Failed|Accepted) \S+ for (?:invalid user )?(\S+) from (\S+)/.exec(
        line,
      );
    if (!match) continue;
    const month = MONTHS.indexOf(match[1] ?? '');
    const [hours, minutes, seconds] = (match[3] ?? '0:0:0').split(':').map(Number);
    const at = Date.UTC(year, month, Number(match[2]), hours, minutes, seconds);
    yield JSON.stringify({
      timestamp: new Date(at).toISOString(),
      event: 'login',
      outcome: match[4] === 'Failed' ? 'failure' : 'success',
      user: match[5],
      source: match[6],
    });
  }
}

/** Change events as CSV: a security group opened shortly before the brute-force burst. */
export function changeEventsCsv(options: ScenarioOptions = {}): string {
  const start = options.start ?? DEFAULT_START;
  const span = (options.minutes ?? 360) * 60_000;
  const at = (share: number) =>
    new Date(start + Math.floor((span * share) / 60_000) * 60_000).toISOString();
  const rows = [
    ['timestamp', 'category', 'summary', 'actor', 'target'],
    [at(0.1), 'package', 'upgrade openssl 3.0.14 -> 3.0.15', 'unattended-upgrades', 'web-1'],
    [at(0.3), 'configuration', 'nginx: enable request logging of query strings', 'carol', 'web-1'],
    [at(0.52), 'security-group', 'sg-0a12: allow tcp/22 from 0.0.0.0/0', 'deploy-bot', 'sg-0a12'],
    [at(0.62), 'security-group', 'sg-0a12: revoke tcp/22 from 0.0.0.0/0', 'alice', 'sg-0a12'],
    [
      at(0.69),
      'cloud',
      'terraform apply: resize db.t3.medium -> db.t3.large',
      'deploy-bot',
      'rds/orders',
    ],
    [at(0.8), 'os', 'kernel 6.1.0-27 -> 6.1.0-28, reboot', 'alice', 'web-1'],
  ];
  return `${rows.map((row) => row.map((field) => (/[",]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field)).join(',')).join('\n')}\n`;
}

/** A long-format metric export (timestamp, metric, value, host) with a CPU spike during the attack. */
export function* metricCsvLines(options: ScenarioOptions = {}): Generator<string> {
  const random = seededRandom(options.seed ?? 4);
  const start = options.start ?? DEFAULT_START;
  const minutes = options.minutes ?? 360;
  yield 'timestamp,metric,value,host';
  for (let minute = 0; minute < minutes; minute += 1) {
    const at = new Date(start + minute * 60_000).toISOString();
    for (const host of ['web-1', 'web-2']) {
      const spike =
        minute >= minutes * 0.4 && minute < minutes * 0.4 + 10 && host === 'web-1' ? 45 : 0;
      yield `${at},cpu_percent,${(20 + random() * 15 + spike).toFixed(1)},${host}`;
      yield `${at},memory_mb,${(900 + random() * 120).toFixed(0)},${host}`;
    }
  }
}
