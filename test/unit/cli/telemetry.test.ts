import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../cli/commands';
import { runCli } from '../../../cli/main';
import {
  AccessLogScenario,
  AuthLogScenario,
  changeEventsCsv,
} from '../../../core/telemetry/generate';

const dir = mkdtempSync(path.join(tmpdir(), 'telemetry-cli-'));
const access = new AccessLogScenario(8_000, { seed: 4 });
const accessFile = path.join(dir, 'access.log');
writeFileSync(accessFile, `${[...access.generate()].join('\n')}\n`);
const auth = new AuthLogScenario({ seed: 4 });
const authFile = path.join(dir, 'auth.log');
writeFileSync(authFile, [...auth.generate()].join('\n'));
const changesFile = path.join(dir, 'changes.csv');
writeFileSync(changesFile, changeEventsCsv());

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { name: 'demo-ledger', version: '0.0.0' }, COMMANDS, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: {},
  });
  return { code, stdout, stderr };
}

describe('demo-ledger telemetry', () => {
  it('prints the totals and alerts of an access log as JSON', async () => {
    const { code, stdout } = await cli('telemetry', accessFile, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      kind: string;
      totals: Record<string, number>;
      alerts: { rule: string; suggestedPriority: string; from: string }[];
    };
    const { burst, ...truth } = access.truth;
    expect(report.kind).toBe('access-log');
    expect(report.totals).toMatchObject(truth);
    expect(report.alerts.map((alert) => alert.rule)).toEqual(
      expect.arrayContaining(['xss-attempts', 'sqli-attempts']),
    );
    expect(Date.parse(report.alerts[0]?.from ?? '')).toBeGreaterThanOrEqual(burst.from);
  });

  it('detects an auth log, prints readable text and fails on alerts when asked', async () => {
    const { code, stdout } = await cli('telemetry', authFile, '--year', '2026', '--fail-on-alert');
    expect(code).toBe(1);
    expect(stdout).toContain(
      `Failed logins            ${auth.truth.failedLogins.toLocaleString('en')}`,
    );
    expect(stdout).toMatch(/1 alert:\n {2}P1 {2}Brute-force logins: 2026-11-24T/);
  });

  it('reads change events and reports no alerts', async () => {
    const { code, stdout } = await cli('telemetry', changesFile);
    expect(code).toBe(0);
    expect(stdout).toContain('Change events            6');
    expect(stdout).toContain('No alerts.');
  });

  it('lists the sources and raises a silent-source alert for a host that goes quiet', async () => {
    const quiet = new AuthLogScenario({
      seed: 4,
      hosts: ['web-1', 'web-2'],
      quiet: { host: 'web-2', after: 0.5 },
    });
    const file = path.join(dir, 'two-hosts.log');
    writeFileSync(file, [...quiet.generate()].join('\n'));
    const { stdout } = await cli('telemetry', file, '--year', '2026', '--json');
    const report = JSON.parse(stdout) as {
      sources: { host: string; kind: string; cadenceOrigin: string; silences: unknown[] }[];
      alerts: { rule: string; from: string; to: string; suggestedPriority: string }[];
    };
    expect(report.sources.map((one) => [one.host, one.kind, one.cadenceOrigin])).toEqual([
      ['web-1', 'auth-log', 'learned'],
      ['web-2', 'auth-log', 'learned'],
    ]);
    const silence = report.alerts.find((alert) => alert.rule === 'silent-source');
    expect(silence).toEqual(
      expect.objectContaining({
        from: new Date(quiet.truth.silence?.from ?? 0).toISOString(),
        to: new Date(quiet.truth.silence?.to ?? 0).toISOString(),
        suggestedPriority: 'P2',
      }),
    );
    const text = await cli('telemetry', file, '--year', '2026');
    expect(text.stdout).toMatch(/web-2 authentication log: .* 1 silence/);
    expect(text.stdout).toMatch(/P2 {2}Silent source: /);
  });

  it('explains wrong usage and unreadable files', async () => {
    expect((await cli('telemetry')).code).toBe(2);
    expect((await cli('telemetry', accessFile, '--kind', 'nope')).stderr).toMatch(
      /--kind must be one of/,
    );
    const garbage = path.join(dir, 'garbage.txt');
    writeFileSync(garbage, 'hello\n');
    const unknown = await cli('telemetry', garbage);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/cannot tell what .* holds; give --kind/);
    const wrong = await cli('telemetry', garbage, '--kind', 'access-log');
    expect(wrong.stderr).toMatch(/line 1: not an access-log line/);
    expect((await cli('telemetry', path.join(dir, 'missing.log'))).stderr).toMatch(/ENOENT/);
  });
});
