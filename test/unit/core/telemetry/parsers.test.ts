import { describe, expect, it } from 'vitest';
import { createAccessLineParser } from '../../../../core/telemetry/access-log';
import { createSyslogParser, loginFromJson } from '../../../../core/telemetry/auth-log';
import { changeFromDpkgLine, changeFromRecord } from '../../../../core/telemetry/changes';
import {
  CsvError,
  CsvRecordReader,
  detectDelimiter,
  splitRecord,
} from '../../../../core/telemetry/csv';
import { LineSplitter } from '../../../../core/util/lines';
import {
  MetricMapping,
  guessMapping,
  pointsFromRow,
  seriesKey,
} from '../../../../core/telemetry/metrics';
import { parseClfTime, parseTimestamp } from '../../../../core/telemetry/time';

describe('access-log lines', () => {
  const parse = createAccessLineParser();

  it('reads the combined format', () => {
    expect(
      parse(
        '203.0.113.9 - alice [26/Nov/2026:18:10:05 +0100] "GET /search?q=x HTTP/1.1" 404 153 "https://example.com/" "Mozilla/5.0 (X11)"',
      ),
    ).toEqual({
      at: Date.UTC(2026, 10, 26, 17, 10, 5),
      source: '203.0.113.9',
      method: 'GET',
      target: '/search?q=x',
      status: 404,
    });
  });

  it('reads the common format, IPv6 clients and escaped quotes in the request', () => {
    const common = parse('::1 - - [01/Jan/2026:00:00:00 +0000] "POST /login HTTP/2.0" 302 -');
    expect(common).toMatchObject({ source: '::1', method: 'POST', target: '/login', status: 302 });
    const escaped = parse(
      '10.0.0.1 - - [01/Jan/2026:00:00:00 +0000] "GET /?q=\\"><script> HTTP/1.1" 400 0 "-" "-"',
    );
    expect(escaped).toMatchObject({ target: '/?q=\\"><script>', status: 400 });
  });

  it('keeps malformed request lines (TLS probes, garbage) as requests with the raw text as target', () => {
    expect(
      parse('10.0.0.1 - - [01/Jan/2026:00:00:00 +0000] "\\x16\\x03\\x01" 400 157 "-" "-"'),
    ).toMatchObject({
      method: '',
      target: '\\x16\\x03\\x01',
      status: 400,
    });
  });

  it('reads quoted user fields, escaped backslashes before the closing quote, and "-" sizes', () => {
    expect(
      parse('1.2.3.4 - "jo smith" [01/Jan/2026:00:00:00 +0000] "GET /x HTTP/1.1" 200 -'),
    ).toMatchObject({
      target: '/x',
      status: 200,
    });
    expect(
      parse('1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET /a\\\\ HTTP/1.1" 404 12 "-" "-"'),
    ).toMatchObject({
      target: '/a\\\\',
      status: 404,
    });
  });

  it('rejects lines that break the format anywhere', () => {
    for (const line of [
      '1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200',
      '1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 20x 1',
      '1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1 200 1',
      '1.2.3.4 - - 01/Jan/2026:00:00:00 +0000 "GET / HTTP/1.1" 200 1',
      '1.2.3.4 - - [] "GET / HTTP/1.1" 200 1',
      '1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 12x',
      ' - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1',
    ]) {
      expect(parse(line), line).toBe('not an access-log line in combined or common format');
    }
  });

  it('explains lines it cannot read', () => {
    expect(parse('hello world')).toMatch(/not an access-log line/);
    expect(parse('1.2.3.4 - - [99/Foo/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1')).toMatch(
      /unreadable time/,
    );
  });
});

describe('syslog authentication lines', () => {
  const parse = createSyslogParser({ year: 2026 });

  it('counts failed and accepted sshd logins with user and source', () => {
    expect(
      parse(
        'Nov 26 18:10:05 web-1 sshd[812]: Failed password for invalid user admin from 203.0.113.5 port 51234 ssh2',
      ),
    ).toEqual({
      at: Date.UTC(2026, 10, 26, 18, 10, 5),
      outcome: 'failure',
      user: 'admin',
      source: '203.0.113.5',
      count: 1,
    });
    expect(
      parse(
        'Nov  6 08:00:00 web-1 sshd[9]: Accepted publickey for alice from 192.0.2.4 port 50000 ssh2: ED25519 SHA256:abc',
      ),
    ).toMatchObject({
      outcome: 'success',
      user: 'alice',
      at: Date.UTC(2026, 10, 6, 8, 0, 0),
    });
    expect(
      parse(
        'Nov 26 18:10:05 web-1 sshd-session[77]: Failed publickey for root from 203.0.113.5 port 22 ssh2',
      ),
    ).toMatchObject({ outcome: 'failure' });
  });

  it('counts rsyslog "message repeated N times" as N failures', () => {
    expect(
      parse(
        'Nov 26 18:10:05 web-1 sshd[812]: message repeated 5 times: [ Failed password for root from 203.0.113.5 port 4242 ssh2]',
      ),
    ).toMatchObject({ outcome: 'failure', count: 5, user: 'root' });
  });

  it('reads RFC 3339 time stamps (Debian 12 rsyslog, journalctl -o short-iso)', () => {
    expect(
      parse(
        '2026-11-26T18:10:05.123456+01:00 web-1 sshd[1]: Failed password for root from ::1 port 2 ssh2',
      ),
    ).toMatchObject({
      at: Date.UTC(2026, 10, 26, 17, 10, 5, 123),
      source: '::1',
    });
  });

  it('ignores other programs and sshd lines that are not login outcomes, so nothing counts twice', () => {
    expect(
      parse('Nov 26 18:10:05 web-1 CRON[1]: pam_unix(cron:session): session opened for user root'),
    ).toBeNull();
    expect(
      parse('Nov 26 18:10:05 web-1 sshd[1]: Invalid user admin from 203.0.113.5 port 4444'),
    ).toBeNull();
    expect(
      parse(
        'Nov 26 18:10:05 web-1 sshd[1]: Connection closed by authenticating user root 203.0.113.5 port 22 [preauth]',
      ),
    ).toBeNull();
    expect(parse('random text')).toMatch(/not a syslog line/);
  });

  it('moves to the next year when the log passes from December to January', () => {
    const rolling = createSyslogParser({ year: 2025 });
    rolling('Dec 31 23:59:59 h sshd[1]: Failed password for root from 1.2.3.4 port 1 ssh2');
    expect(
      rolling('Jan  1 00:00:01 h sshd[1]: Failed password for root from 1.2.3.4 port 1 ssh2'),
    ).toMatchObject({
      at: Date.UTC(2026, 0, 1, 0, 0, 1),
    });
  });

  it('applies the given UTC offset to zone-less time stamps', () => {
    const local = createSyslogParser({ year: 2026, utcOffsetMinutes: 60 });
    expect(
      local('Nov 26 18:00:00 h sshd[1]: Accepted password for a from 1.2.3.4 port 1 ssh2'),
    ).toMatchObject({
      at: Date.UTC(2026, 10, 26, 17, 0, 0),
    });
  });
});

describe('JSON login events', () => {
  it('reads the simple shape and the Elastic Common Schema', () => {
    expect(
      loginFromJson({
        timestamp: '2026-11-26T18:00:00Z',
        outcome: 'failure',
        user: 'bob',
        source: '1.2.3.4',
      }),
    ).toEqual({
      at: Date.UTC(2026, 10, 26, 18),
      outcome: 'failure',
      user: 'bob',
      source: '1.2.3.4',
      count: 1,
    });
    expect(
      loginFromJson({
        '@timestamp': 1795716000,
        event: { outcome: 'success' },
        user: { name: 'carol' },
        source: { ip: '5.6.7.8' },
      }),
    ).toMatchObject({ outcome: 'success', user: 'carol', source: '5.6.7.8', at: 1795716000000 });
    expect(loginFromJson({ time: '2026-11-26 18:00:00', success: false })).toMatchObject({
      outcome: 'failure',
    });
  });

  it('explains what is missing', () => {
    expect(loginFromJson({ outcome: 'success' })).toMatch(/timestamp/);
    expect(loginFromJson({ timestamp: '2026-11-26T18:00:00Z', outcome: 'maybe' })).toMatch(
      /outcome/,
    );
    expect(loginFromJson(['x'])).toMatch(/object/);
  });
});

describe('change events', () => {
  it('reads rows with a category or infers it from the summary', () => {
    expect(
      changeFromRecord({
        timestamp: '2026-11-26T10:00:00Z',
        category: 'security-group',
        summary: 'open 22',
        actor: 'bot',
        target: 'sg-1',
      }),
    ).toEqual({
      at: Date.UTC(2026, 10, 26, 10),
      category: 'security-group',
      summary: 'open 22',
      actor: 'bot',
      target: 'sg-1',
      host: '',
      tool: 'rows',
    });
    expect(
      changeFromRecord({ time: '2026-11-26T10:00:00Z', description: 'terraform apply on vpc-1' }),
    ).toMatchObject({ category: 'cloud' });
    expect(changeFromRecord({ time: '2026-11-26T10:00:00Z', type: 'apt upgrade' })).toMatchObject({
      category: 'package',
    });
    expect(changeFromRecord({ time: '2026-11-26T10:00:00Z' })).toMatch(/summary/);
  });

  it('reads AWS CloudTrail records', () => {
    expect(
      changeFromRecord({
        eventTime: '2026-11-26T10:00:00Z',
        eventName: 'AuthorizeSecurityGroupIngress',
        eventSource: 'ec2.amazonaws.com',
        userIdentity: { arn: 'arn:aws:iam::123456789012:user/deploy' },
      }),
    ).toMatchObject({
      category: 'security-group',
      summary: 'AuthorizeSecurityGroupIngress',
      actor: 'arn:aws:iam::123456789012:user/deploy',
    });
    expect(
      changeFromRecord({ eventTime: '2026-11-26T10:00:00Z', eventName: 'RunInstances' }),
    ).toMatchObject({ category: 'cloud' });
  });

  it('reads dpkg.log install, upgrade and remove lines and ignores status lines', () => {
    expect(
      changeFromDpkgLine(
        '2025-06-24 14:36:25 upgrade libsystemd0:amd64 252.36-1~deb12u1 252.38-1~deb12u1',
      ),
    ).toEqual({
      at: Date.UTC(2025, 5, 24, 14, 36, 25),
      category: 'package',
      summary: 'upgrade libsystemd0:amd64 252.38-1~deb12u1',
      actor: 'dpkg',
      target: 'libsystemd0:amd64',
      tool: 'dpkg',
    });
    expect(
      changeFromDpkgLine('2025-06-24 14:36:25 status installed libc-bin:amd64 2.36-9'),
    ).toBeNull();
    expect(changeFromDpkgLine('garbage')).toMatch(/dpkg/);
  });
});

describe('CSV records', () => {
  it('splits quoted fields with delimiters, doubled quotes and line breaks', () => {
    const reader = new CsvRecordReader(',');
    expect(reader.pushLine('a,"b, c","say ""hi"""', 1)).toEqual(['a', 'b, c', 'say "hi"']);
    expect(reader.pushLine('x,"two', 2)).toBeNull();
    expect(reader.pushLine('lines",y', 3)).toEqual(['x', 'two\nlines', 'y']);
    reader.finish();
  });

  it('names the line of an unterminated quote', () => {
    const reader = new CsvRecordReader(',', 100);
    reader.pushLine('ok,1', 1);
    expect(reader.pushLine('"open', 2)).toBeNull();
    expect(() => reader.pushLine('x'.repeat(200), 3)).toThrow(
      /line 2: a quoted field is not closed/,
    );
    const ended = new CsvRecordReader(',');
    ended.pushLine('"open', 7);
    expect(() => ended.finish()).toThrow(CsvError);
  });

  it('detects comma, semicolon and tab delimiters', () => {
    expect(detectDelimiter('a;b;c')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('"x;y",b,c')).toBe(',');
    expect(splitRecord('a;b', ';')).toEqual(['a', 'b']);
  });
});

describe('metric mapping', () => {
  it('guesses the long format and the wide format', () => {
    expect(guessMapping(['time', 'name', 'value', 'host'], [])).toEqual({
      timestamp: 'time',
      metric: 'name',
      value: 'value',
      valueColumns: [],
      labels: ['host'],
    });
    expect(
      guessMapping(
        ['timestamp', 'cpu', 'mem', 'host'],
        [{ timestamp: '1', cpu: '3', mem: '4', host: 'a' }],
      ),
    ).toEqual({
      timestamp: 'timestamp',
      valueColumns: ['cpu', 'mem'],
      labels: ['host'],
    });
  });

  it('turns rows into points with labels, and explains rejected rows', () => {
    const long = MetricMapping.parse({
      timestamp: 'time',
      metric: 'name',
      value: 'value',
      labels: ['host'],
    });
    expect(
      pointsFromRow({ time: '2026-11-26T00:00:00Z', name: 'cpu', value: '3.5', host: 'a' }, long),
    ).toEqual([{ at: Date.UTC(2026, 10, 26), metric: 'cpu', value: 3.5, labels: { host: 'a' } }]);
    expect(pointsFromRow({ time: 'yesterday', name: 'cpu', value: '1' }, long)).toMatch(
      /timestamp/,
    );
    expect(pointsFromRow({ time: '1', name: 'cpu', value: 'n/a' }, long)).toMatch(/no number/);
    const wide = MetricMapping.parse({ timestamp: 'ts', valueColumns: ['a', 'b'] });
    expect(pointsFromRow({ ts: 1795716000, a: 1, b: '' }, wide)).toEqual([
      { at: 1795716000000, metric: 'a', value: 1, labels: {} },
    ]);
  });

  it('refuses a mapping without values', () => {
    expect(MetricMapping.safeParse({ timestamp: 'ts' }).success).toBe(false);
  });

  it('names series by metric and sorted labels', () => {
    expect(seriesKey('cpu', { zone: 'b', host: 'a' })).toBe('cpu{host="a",zone="b"}');
    expect(seriesKey('cpu', {})).toBe('cpu');
  });
});

describe('time stamps', () => {
  it('reads CLF, ISO 8601 with and without offsets, epoch seconds and milliseconds', () => {
    expect(parseClfTime('26/Nov/2026:18:10:05 -0130')).toBe(Date.UTC(2026, 10, 26, 19, 40, 5));
    expect(parseTimestamp('2026-11-26T18:10:05Z')).toBe(Date.UTC(2026, 10, 26, 18, 10, 5));
    expect(parseTimestamp('2026-11-26 18:10')).toBe(Date.UTC(2026, 10, 26, 18, 10));
    expect(parseTimestamp('2026-11-26T18:10:05.123456789+0200')).toBe(
      Date.UTC(2026, 10, 26, 16, 10, 5, 123),
    );
    expect(parseTimestamp(1795716000)).toBe(1795716000000);
    expect(parseTimestamp('1795716000123')).toBe(1795716000123);
    expect(parseTimestamp('next tuesday')).toBeNull();
    expect(parseTimestamp(-5)).toBeNull();
  });
});

describe('line splitting', () => {
  it('joins lines across chunks, including a UTF-8 character cut in two, and drops CR', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line ?? '<overlong>'));
    const bytes = new TextEncoder().encode('first\r\nsécond\nthird');
    for (const byte of bytes) splitter.push(Uint8Array.of(byte));
    splitter.finish();
    expect(lines).toEqual(['first', 'sécond', 'third']);
    expect(splitter.lines).toBe(3);
  });

  it('reports lines over the limit without keeping them', () => {
    const lines: (string | null)[] = [];
    const splitter = new LineSplitter((line) => lines.push(line), 10);
    splitter.pushText('short\n');
    splitter.pushText('x'.repeat(8));
    splitter.pushText('y'.repeat(8));
    splitter.pushText('z'.repeat(1000));
    splitter.pushText('\nafter\n');
    splitter.finish();
    expect(lines).toEqual(['short', null, 'after']);
  });
});
