import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectTelemetry } from '../../../../core/telemetry/detect';
import {
  AccessLogScenario,
  AuthLogScenario,
  changeEventsCsv,
  loginEventLines,
  metricCsvLines,
  seededRandom,
} from '../../../../core/telemetry/generate';
import type { ImportOptions } from '../../../../core/telemetry/importer';
import { ImportError, TelemetryImporter, importText } from '../../../../core/telemetry/importer';
import { METRIC } from '../../../../core/telemetry/model';

const fixture = (name: string) =>
  readFileSync(path.resolve(import.meta.dirname, '../../../fixtures/telemetry', name), 'utf8');

/** Feeds the text in random-sized byte chunks, as a file stream would. */
function importInChunks(text: string, options: ImportOptions, seed: number) {
  const bytes = new TextEncoder().encode(text);
  const random = seededRandom(seed);
  const importer = new TelemetryImporter(options);
  for (let offset = 0; offset < bytes.length;) {
    const size = 1 + Math.floor(random() * 5000);
    importer.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return importer.finish();
}

describe('importing generated logs', () => {
  it('counts exactly what the access-log scenario wrote, including the attack burst', () => {
    const scenario = new AccessLogScenario(30_000, { seed: 7 });
    const text = [...scenario.generate()].join('\n');
    const result = importInChunks(text, { kind: 'access-log', format: 'text' }, 1);
    const { burst, ...truth } = scenario.truth;
    expect(result.totals).toMatchObject(truth);
    expect(truth.xssAttempts).toBeGreaterThan(50);
    expect(result.rejected).toBe(0);
    const xss = result.series.find((series) => series.key === METRIC.xss);
    const inBurst = [...(xss?.t ?? [])].filter((_at, index) => (xss?.v[index] ?? 0) > 0);
    expect(Math.min(...inBurst)).toBeGreaterThanOrEqual(burst.from);
    expect(Math.max(...inBurst)).toBeLessThan(burst.to);
    expect(result.sources[0]).toMatchObject({ source: burst.source });
  });

  it('gives the same figures whatever the chunk size', () => {
    const text = [...new AccessLogScenario(5_000, { seed: 3 }).generate()].join('\n');
    const whole = importText(text, { kind: 'access-log', format: 'text' });
    const chunked = importInChunks(text, { kind: 'access-log', format: 'text' }, 9);
    expect(chunked.totals).toEqual(whole.totals);
    expect(chunked.series.map((series) => [...series.v])).toEqual(
      whole.series.map((series) => [...series.v]),
    );
  });

  it('counts the auth-log scenario and ignores the other lines', () => {
    const scenario = new AuthLogScenario({ seed: 11 });
    const result = importText([...scenario.generate()].join('\n'), {
      kind: 'auth-log',
      format: 'text',
      year: 2026,
    });
    expect(result.totals.failedLogins).toBe(scenario.truth.failedLogins);
    expect(result.totals.successfulLogins).toBe(scenario.truth.successfulLogins);
    expect(result.ignored).toBeGreaterThan(0);
    expect(result.rejected).toBe(0);
    expect(result.sources[0]?.source).toBe(scenario.truth.burst.source);
  });

  it('reads NDJSON login events, CSV change events and a metric export', () => {
    const logins = importText([...loginEventLines()].join('\n'), {
      kind: 'auth-events',
      format: 'ndjson',
    });
    expect(logins.totals.failedLogins).toBeGreaterThan(500);
    const changes = importText(changeEventsCsv(), { kind: 'changes', format: 'csv' });
    expect(changes.events.map((event) => event.category)).toEqual([
      'package',
      'configuration',
      'security-group',
      'security-group',
      'cloud',
      'os',
    ]);
    const metrics = importText([...metricCsvLines({ minutes: 60 })].join('\n'), {
      kind: 'metrics',
      format: 'csv',
      mapping: { timestamp: 'timestamp', metric: 'metric', value: 'value', labels: ['host'] },
    });
    expect(metrics.totals.metricPoints).toBe(60 * 4);
    expect(metrics.series.map((series) => series.key)).toContain('cpu_percent{host="web-1"}');
  });

  it('reads a whole JSON document (array or CloudTrail Records)', () => {
    const trail = JSON.stringify({
      Records: [
        {
          eventTime: '2026-11-26T10:00:00Z',
          eventName: 'AuthorizeSecurityGroupIngress',
          eventSource: 'ec2.amazonaws.com',
        },
        {
          eventTime: '2026-11-26T11:00:00Z',
          eventName: 'CreateBucket',
          eventSource: 's3.amazonaws.com',
        },
      ],
    });
    const result = importText(trail, { kind: 'changes', format: 'json' });
    expect(result.events.map((event) => event.category)).toEqual(['security-group', 'cloud']);
    expect(() => importText('{"nothing": 1}', { kind: 'changes', format: 'json' })).toThrow(
      /expected a JSON array/,
    );
    expect(() => importText('[1,', { kind: 'changes', format: 'json' })).toThrow(/invalid JSON/);
  });
});

describe('importing real samples', () => {
  it('nginx access log: 20 requests, 4 XSS and 4 SQL-injection attempts', () => {
    const result = importText(fixture('nginx-1.22-access.log'), {
      kind: 'access-log',
      format: 'text',
    });
    expect(result.totals).toMatchObject({
      requests: 20,
      xssAttempts: 4,
      sqlInjectionAttempts: 4,
      status5xx: 1,
      status4xx: 16,
    });
  });

  it('sshd through rsyslog, traditional and RFC 3339 stamps: 6 failed, 2 successful', () => {
    for (const name of ['sshd-auth-traditional.log', 'sshd-auth-rfc3339.log']) {
      const result = importText(fixture(name), { kind: 'auth-log', format: 'text', year: 2026 });
      expect(result.totals, name).toMatchObject({ failedLogins: 6, successfulLogins: 2 });
      expect(result.rejected, name).toBe(0);
    }
  });

  it('dpkg.log: every install, upgrade and remove becomes a package change', () => {
    const text = fixture('dpkg.log');
    const result = importText(text, { kind: 'changes', format: 'text' });
    const expected = text
      .split('\n')
      .filter((line) => / (install|upgrade|remove|purge) /.test(line)).length;
    expect(result.events).toHaveLength(expected);
    expect(result.rejected).toBe(0);
  });

  it('detects the kind of each sample', () => {
    expect(detectTelemetry(fixture('nginx-1.22-access.log'))?.kind).toBe('access-log');
    expect(detectTelemetry(fixture('sshd-auth-rfc3339.log'))?.kind).toBe('auth-log');
    expect(detectTelemetry(fixture('dpkg.log'))).toMatchObject({ kind: 'changes', format: 'text' });
    expect(detectTelemetry([...loginEventLines()].slice(0, 50).join('\n'))).toMatchObject({
      kind: 'auth-events',
      format: 'ndjson',
    });
    expect(detectTelemetry(changeEventsCsv())).toMatchObject({ kind: 'changes', format: 'csv' });
    expect(detectTelemetry([...metricCsvLines()].slice(0, 50).join('\n'))).toMatchObject({
      kind: 'metrics',
      format: 'csv',
    });
    expect(detectTelemetry('just one line')).toBeNull();
  });
});

describe('hostile and broken input', () => {
  it('names the first unreadable line when nothing can be read', () => {
    expect(() => importText('hello\nworld\n', { kind: 'access-log', format: 'text' })).toThrow(
      /nothing in this file could be read as access-log \(text\); line 1: not an access-log line/,
    );
  });

  it('keeps the good lines, counts the bad ones and lists the first few with their line numbers', () => {
    const good = '1.2.3.4 - - [26/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "-"';
    const result = importText([good, 'garbage', good, `${'x'.repeat(70_000)}`, good].join('\n'), {
      kind: 'access-log',
      format: 'text',
    });
    expect(result.totals.requests).toBe(3);
    expect(result.rejected).toBe(2);
    expect(result.problems).toEqual([
      { line: 2, reason: 'not an access-log line in combined or common format' },
      { line: 4, reason: 'line longer than 64 KiB, skipped' },
    ]);
  });

  it('rejects a metric export without a mapping, and bad options', () => {
    expect(() => importText('a,b\n1,2', { kind: 'metrics', format: 'csv' })).toThrow(
      /column mapping/,
    );
    expect(
      () => new TelemetryImporter({ kind: 'access-log', format: 'text', bucketMs: 10 }),
    ).toThrow(ImportError);
    expect(() => importText('x', { kind: 'access-log', format: 'csv' })).toThrow(
      /cannot be read as csv/,
    );
  });

  it('refuses JSON documents over the limit with advice', () => {
    const importer = new TelemetryImporter({ kind: 'changes', format: 'json' });
    const chunk = 'x'.repeat(16 * 1024 * 1024);
    expect(() => {
      for (let index = 0; index < 5; index += 1) importer.pushText(chunk);
    }).toThrow(/export larger files as NDJSON/);
  });

  it('widens the interval instead of allocating millions of buckets for a far-off time stamp', () => {
    const line = (time: string) => `1.2.3.4 - - [${time}] "GET / HTTP/1.1" 200 1`;
    const result = importText(
      [line('01/Jan/1971:00:00:00 +0000'), line('26/Nov/2026:00:00:00 +0000')].join('\n'),
      {
        kind: 'access-log',
        format: 'text',
      },
    );
    expect(result.bucketMs).toBeGreaterThan(60_000);
    expect(result.series[0]?.t.length).toBeLessThanOrEqual(1_000_000);
    expect(result.totals.requests).toBe(2);
  });
});
