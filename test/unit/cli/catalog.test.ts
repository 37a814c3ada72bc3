import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../cli/commands';
import { runCli } from '../../../cli/main';
import { sharedFixture } from '../../fixtures';

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

describe('demo-ledger catalog', () => {
  it('counts groups, controls and enhancements of the 800-53 OSCAL catalog', async () => {
    const result = await cli('catalog', sharedFixture('oscal/NIST_SP-800-53_rev5_catalog.json'));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Version:      5.0.1 (OSCAL 1.0.0)');
    expect(result.stdout).toMatch(/Groups: +20\nControls: +322\nEnhancements: +867/);
  });

  it('prints JSON with --json, for CSV too', async () => {
    const result = await cli(
      'catalog',
      path.resolve('test/fixtures/catalogs/sample.csv'),
      '--json',
      '--title',
      'Team',
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      valid: true,
      format: 'csv',
      title: 'Team',
      controls: 2,
      enhancements: 1,
      groups: 2,
    });
  });

  it('lists every error with its path and line and exits 1', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'catalog-cli-'));
    const file = path.join(dir, 'bad.json');
    writeFileSync(
      file,
      '{\n  "catalog": {\n    "uuid": "not-a-uuid",\n    "metadata": {}\n  }\n}\n',
    );
    const result = await cli('catalog', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('/catalog/uuid (line 3, column 5)');
    expect(result.stderr).toContain(
      '/catalog/metadata (line 4, column 5): is missing the required property title',
    );
    const json = await cli('catalog', file, '--json');
    expect((JSON.parse(json.stdout) as { errors: unknown[] }).errors.length).toBeGreaterThanOrEqual(
      5,
    );
  });

  it('exits 2 on wrong usage', async () => {
    expect((await cli('catalog')).code).toBe(2);
    expect((await cli('catalog', 'a', '--bogus')).code).toBe(2);
  });
});
