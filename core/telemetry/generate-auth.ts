import type { ScenarioOptions } from './generate-common';
import { DEFAULT_START, MONTHS, pad, pick, seededRandom } from './generate-common';

export interface AuthTruth {
  failedLogins: number;
  successfulLogins: number;
  burst: { from: number; to: number; source: string };
}

function syslogTime(ms: number): string {
  const date = new Date(ms);
  return `${MONTHS[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2, ' ')} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
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
