import { isRecord, pick } from './fields';
import { monthIndex, parseTimestamp } from './time';

/**
 * Login outcomes from Linux authentication logs (`/var/log/auth.log`, `/var/log/secure`,
 * `journalctl -u ssh` in short or short-iso form) and from JSON login events.
 *
 * sshd lines counted (program `sshd` or `sshd-session`):
 * - `Failed <method> for [invalid user ]<user> from <address> port <n>`: one failed login;
 * - `message repeated <n> times: [ Failed ... ]` (rsyslog's reduction): n failed logins;
 * - `Accepted <method> for <user> from <address> port <n>`: one successful login.
 * Other lines (session opened, `Invalid user` notices that precede a `Failed` line, PAM
 * duplicates, other programs) are read and ignored, so nothing is counted twice.
 *
 * Syslog's traditional time stamp (`Nov 26 18:10:05`) has no year and no zone: the year comes
 * from the import options (and rolls over when the log passes from December to January); the
 * time is read as UTC unless an offset is given. RFC 3339 stamps carry both.
 */
export interface LoginRecord {
  at: number;
  outcome: 'success' | 'failure';
  user: string;
  source: string;
  count: number;
}

export interface SyslogOptions {
  year: number;
  /** Minutes east of UTC that the log's local time is in. */
  utcOffsetMinutes?: number;
  /** Told the time and host of every syslog line, counted or not: the source's arrival. */
  onLine?: (at: number, host: string) => void;
}

const TRADITIONAL =
  /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\S+) ([\w.-]+)(?:\[\d+\])?: (.*)$/;
const RFC3339 =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})) (\S+) ([\w.-]+)(?:\[\d+\])?: (.*)$/;
const FAILED =
  /^Failed (?:password|publickey|keyboard-interactive\/pam|keyboard-interactive|none|hostbased|gssapi-with-mic) for (?:invalid user )?(.*?) from (\S+) port \d+/;
const REPEATED =
  /^message repeated (\d+) times: \[ ?Failed \S+ for (?:invalid user )?(.*?) from (\S+) port \d+/;
const ACCEPTED = /^Accepted \S+ for (.*?) from (\S+) port \d+/;

/** A login, `null` for a line that is read and not counted, or a reason the line was rejected. */
export type SyslogLineParser = (line: string) => LoginRecord | null | string;

export function createSyslogParser(options: SyslogOptions): SyslogLineParser {
  let year = options.year;
  let lastMonth = -1;
  const offset = (options.utcOffsetMinutes ?? 0) * 60_000;
  return (line) => {
    let at: number | null;
    let host: string;
    let program: string;
    let message: string;
    const traditional = TRADITIONAL.exec(line);
    if (traditional) {
      const month = monthIndex(traditional[1] ?? '');
      if (month === undefined) return `unknown month "${traditional[1] ?? ''}"`;
      if (lastMonth === 11 && month === 0) year += 1;
      lastMonth = month;
      at =
        Date.UTC(
          year,
          month,
          Number(traditional[2]),
          Number(traditional[3]),
          Number(traditional[4]),
          Number(traditional[5]),
        ) - offset;
      host = traditional[6] ?? '';
      program = traditional[7] ?? '';
      message = traditional[8] ?? '';
    } else {
      const iso = RFC3339.exec(line);
      if (!iso) return 'not a syslog line (expected "Nov 26 18:10:05 host program[pid]: message")';
      at = parseTimestamp(iso[1]);
      if (at === null) return `unreadable time "${(iso[1] ?? '').slice(0, 40)}"`;
      host = iso[2] ?? '';
      program = iso[3] ?? '';
      message = iso[4] ?? '';
    }
    options.onLine?.(at, host);
    if (program !== 'sshd' && program !== 'sshd-session') return null;
    return loginOf(at, message);
  };
}

function loginOf(at: number, message: string): LoginRecord | null {
  const failed = FAILED.exec(message);
  if (failed) {
    return { at, outcome: 'failure', user: failed[1] ?? '', source: failed[2] ?? '', count: 1 };
  }
  const accepted = ACCEPTED.exec(message);
  if (accepted) {
    return { at, outcome: 'success', user: accepted[1] ?? '', source: accepted[2] ?? '', count: 1 };
  }
  const repeated = REPEATED.exec(message);
  if (repeated) {
    return {
      at,
      outcome: 'failure',
      user: repeated[2] ?? '',
      source: repeated[3] ?? '',
      count: Math.min(10_000, Number(repeated[1])),
    };
  }
  return null;
}

/** Whether a sample looks like a syslog authentication log. */
export function looksLikeSyslog(lines: readonly string[]): boolean {
  const candidates = lines.filter((line) => line.trim() !== '');
  if (candidates.length === 0) return false;
  const parsed = candidates.filter((line) => TRADITIONAL.test(line) || RFC3339.test(line));
  return parsed.length / candidates.length >= 0.6;
}

const SUCCESS_WORDS = new Set([
  'success',
  'succeeded',
  'successful',
  'ok',
  'accepted',
  'allowed',
  'true',
  'pass',
  'passed',
]);
const FAILURE_WORDS = new Set([
  'failure',
  'failed',
  'fail',
  'denied',
  'rejected',
  'false',
  'error',
  'invalid',
]);

/**
 * One JSON login event. Field names follow either this app's simple shape
 * `{"timestamp", "outcome": "success"|"failure", "user", "source"}` or the Elastic Common Schema
 * (`@timestamp`, `event.outcome`, `user.name`, `source.ip`); a boolean `success` works too.
 */
export function loginFromJson(value: unknown): LoginRecord | string {
  if (!isRecord(value)) return 'expected a JSON object per login event';
  const record = value;
  const time = pick(record, ['timestamp', '@timestamp', 'time', 'ts', 'date']);
  const at = parseTimestamp(time);
  if (at === null) return 'missing or unreadable "timestamp"';
  const rawOutcome = pick(record, ['event.outcome', 'outcome', 'result', 'status', 'success']);
  const word = String(rawOutcome).trim().toLowerCase();
  const outcome = SUCCESS_WORDS.has(word) ? 'success' : FAILURE_WORDS.has(word) ? 'failure' : null;
  if (outcome === null) return 'missing "outcome" (success or failure)';
  const user = pick(record, ['user.name', 'user', 'username', 'account']);
  const source = pick(record, ['source.ip', 'source', 'ip', 'src_ip', 'client_ip', 'remote_addr']);
  return {
    at,
    outcome,
    user: typeof user === 'string' ? user.slice(0, 200) : '',
    source: typeof source === 'string' ? source.slice(0, 100) : '',
    count: 1,
  };
}
