import type { ScenarioOptions } from './generate-common';
import { DEFAULT_START, MONTHS, pad, pick, seededRandom } from './generate-common';

export interface AuthTruth {
  failedLogins: number;
  successfulLogins: number;
  burst: { from: number; to: number; source: string };
  /** The host that went quiet: its last line, and the end of the period the others cover. */
  silence: { host: string; from: number; to: number } | null;
}

export interface AuthScenarioOptions extends ScenarioOptions {
  /** Hosts writing to the log (one syslog stream, as a central rsyslog receives it). */
  hosts?: readonly string[];
  /** One host stops sending after this share of the period (0–1). */
  quiet?: { host: string; after: number };
}

function syslogTime(ms: number): string {
  const date = new Date(ms);
  return `${MONTHS[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2, ' ')} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/**
 * An sshd auth.log: the team logging in through the day (a few typos), cron noise, and a
 * password-guessing burst from one address for twenty minutes at 55 % of the period, partly
 * reported by rsyslog as "message repeated N times". With more hosts, the others write cron
 * noise and the odd login (from their own seeded stream, so the first host's lines stay the
 * same); `quiet` makes one of them stop half-way, as a host whose log shipping failed.
 */
export class AuthLogScenario {
  readonly truth: AuthTruth;
  private readonly random: () => number;
  private readonly start: number;
  private readonly span: number;
  private readonly hosts: readonly string[];
  private readonly quiet: { host: string; after: number } | null;
  private readonly seed: number;

  constructor(options: AuthScenarioOptions = {}) {
    this.seed = options.seed ?? 2;
    this.random = seededRandom(this.seed);
    this.start = options.start ?? DEFAULT_START;
    this.span = (options.minutes ?? 360) * 60_000;
    this.hosts = options.hosts ?? ['web-1'];
    this.quiet = options.quiet ?? null;
    const burstFrom = this.start + Math.floor((this.span * 0.55) / 60_000) * 60_000;
    this.truth = {
      failedLogins: 0,
      successfulLogins: 0,
      burst: { from: burstFrom, to: burstFrom + 20 * 60_000, source: '203.0.113.77' },
      silence: null,
    };
  }

  *generate(): Generator<string> {
    const { random, truth } = this;
    const users = ['alice', 'bob', 'carol', 'deploy'];
    const first = this.hosts[0] ?? 'web-1';
    const others = this.hosts.slice(1).map((host, index) => ({
      host,
      random: seededRandom(this.seed * 7919 + index + 1),
      pid: 20_000 + index * 10_000,
      last: -Infinity,
    }));
    const quietFrom =
      this.quiet === null ? Infinity : this.start + Math.floor(this.span * this.quiet.after);
    let pid = 4000;
    let lastOfAll = -Infinity;
    for (let at = this.start; at < this.start + this.span; at += 60_000) {
      const line = (time: number, program: string, message: string) => {
        lastOfAll = Math.max(lastOfAll, time);
        return `${syslogTime(time)} ${first} ${program}[${(pid += 1)}]: ${message}`;
      };
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
      if ((at - this.start) % (5 * 60_000) === 0)
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
      for (const other of others) {
        if (other.host === this.quiet?.host && at >= quietFrom) continue;
        const otherLine = (time: number, program: string, message: string) => {
          other.last = Math.max(other.last, time);
          lastOfAll = Math.max(lastOfAll, time);
          return `${syslogTime(time)} ${other.host} ${program}[${(other.pid += 1)}]: ${message}`;
        };
        if ((at - this.start) % (5 * 60_000) === 0)
          yield otherLine(
            at + 2000,
            'CRON',
            'pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)',
          );
        if (other.random() < 0.05) {
          const user = pick(users, other.random);
          truth.successfulLogins += 1;
          yield otherLine(
            at + 30_000,
            'sshd',
            `Accepted publickey for ${user} from 192.0.2.20 port ${40000 + Math.floor(other.random() * 20000)} ssh2`,
          );
        }
      }
    }
    const silent = others.find((other) => other.host === this.quiet?.host);
    truth.silence = silent ? { host: silent.host, from: silent.last, to: lastOfAll } : null;
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
