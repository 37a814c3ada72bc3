import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { COMMANDS } from '../../../cli/commands';
import type { DiffJson, InspectJson } from '../../../cli/commands/evidence-json';
import { runCli } from '../../../cli/main';
import { sharedFixture } from '../../fixtures';

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { name: 'demo-ledger', version: '0.0.0' }, COMMANDS, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: {},
  });
  return { code, stdout, stderr };
}

function sha256sum(file: string): string {
  const run = spawnSync('sha256sum', [file], { encoding: 'utf8' });
  return run.stdout.split(' ')[0] ?? '';
}

describe('demo-ledger inspect', { timeout: 30_000 }, () => {
  test('--json gives the documented fields; the hash agrees with sha256sum', async () => {
    const file = sharedFixture('junit/pytest-9-xunit2.xml');
    const { code, stdout } = await cli('inspect', file, '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as InspectJson;
    expect(json).toMatchObject({
      schema: 'demo-ledger/inspect@1',
      format: 'junit',
      ok: true,
      size: 2394,
      tests: { total: 9, passed: 4, failed: 2, errored: 1, skipped: 2, flaky: 0 },
      findings: null,
      ports: null,
    });
    expect(json.sha256).toBe(sha256sum(file));
  });

  test('Nmap: each open port as host/protocol/port/service', async () => {
    const { stdout } = await cli(
      'inspect',
      sharedFixture('nmap/nmap-localhost-current.xml'),
      '--json',
    );
    const json = JSON.parse(stdout) as InspectJson;
    expect(
      json.ports?.map(
        (port) => `${port.host}/${port.protocol}/${port.port}/${port.service.split(' ')[0] ?? ''}`,
      ),
    ).toEqual([
      '127.0.0.1/tcp/18080/http',
      '127.0.0.1/tcp/18082/http',
      '127.0.0.1/tcp/18443/ssl/http',
    ]);
  });

  test('the file’s own date: ZAP’s generated time (zone-less, read as UTC); none is undated', async () => {
    const zap = sharedFixture('zap/zap-results-second-scan.xml');
    const json = JSON.parse((await cli('inspect', zap, '--json')).stdout) as InspectJson;
    expect(json.producedAt).toBe('2021-06-18T09:21:51.000Z');
    expect(json.notes).toContain('The file gives its time without a time zone; read as UTC.');
    expect((await cli('inspect', zap)).stdout).toContain('  produced 2021-06-18T09:21:51.000Z');
    const sarif = sharedFixture('sarif/eslint-8-sarif-formatter.sarif');
    const undated = JSON.parse((await cli('inspect', sarif, '--json')).stdout) as InspectJson;
    expect(undated.producedAt).toBeNull();
    expect((await cli('inspect', sarif)).stdout).toContain(
      '  produced undated (the file carries no date of its own)',
    );
  });

  test('findings per severity and checks pass/fail in text output', async () => {
    const grype = await cli('inspect', sharedFixture('grype/grype-amazonlinux.json'));
    expect(grype.stdout).toMatch(/findings 16 total: 0 critical, 6 high, 6 medium, 1 low/);
    const xccdf = await cli(
      'inspect',
      sharedFixture('openscap/LARGE-oscap-1.3.7-ssg-debian-anssi-high-arf.xml.gz'),
    );
    expect(xccdf.stdout).toMatch(/checks {3}50 total: 20 pass, 2 fail, 28 not applicable/);
  });

  test('a file that cannot be parsed exits 1 with the reason; a missing file is a usage error', async () => {
    const broken = path.join(tmpdir(), `broken-${process.pid}.json`);
    await writeFile(broken, '{"bomFormat":"CycloneDX","components":[');
    const result = await cli('inspect', broken, '--json');
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as InspectJson).error).toMatch(/truncated/);
    expect((await cli('inspect', '/nonexistent/file.xml')).code).toBe(2);
    expect((await cli('inspect')).code).toBe(2);
    expect((await cli('inspect', 'a', '--bogus')).code).toBe(2);
  });
});

describe('demo-ledger diff', { timeout: 30_000 }, () => {
  const previous = sharedFixture('nmap/nmap-localhost-previous.xml');
  const current = sharedFixture('nmap/nmap-localhost-current.xml');

  test('--json: the Nmap drift, with unexpected ports from --expect-ports', async () => {
    const { code, stdout } = await cli(
      'diff',
      previous,
      current,
      '--json',
      '--expect-ports',
      '18080,18443/tcp',
    );
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as DiffJson;
    expect(json.schema).toBe('demo-ledger/diff@1');
    expect(json.previous.sha256).toBe(sha256sum(previous));
    expect(json.ports?.opened.map((port) => port.port)).toEqual([18082, 18443]);
    expect(json.ports?.closed.map((port) => port.port)).toEqual([18081]);
    expect(json.ports?.unchanged).toBe(1);
    expect(json.unexpectedPorts.map((finding) => finding.location)).toEqual([
      '127.0.0.1:18082/tcp',
    ]);
  });

  test('--fail-on-drift exits 1 when ports opened, 0 when nothing got worse', async () => {
    expect((await cli('diff', previous, current, '--fail-on-drift')).code).toBe(1);
    expect((await cli('diff', current, current, '--fail-on-drift')).code).toBe(0);
    expect((await cli('diff', previous)).code).toBe(2);
  });
});

describe('the README documents the JSON that is written', { timeout: 30_000 }, () => {
  test('inspect --json has exactly the documented top-level fields', async () => {
    const readme = await readFile(path.resolve('README.md'), 'utf8');
    const example = /`inspect --json`[^\n]*\n\n```json\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example, 'README has an inspect --json example').toBeDefined();
    const documented = Object.keys(JSON.parse(example ?? '{}') as object);
    const { stdout } = await cli(
      'inspect',
      sharedFixture('nmap/nmap-localhost-current.xml'),
      '--json',
    );
    expect(Object.keys(JSON.parse(stdout) as object)).toEqual(documented);
  });
});
