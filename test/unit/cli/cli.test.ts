import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliCommand } from '../../../cli/command';
import { UsageError } from '../../../cli/command';
import { runCli } from '../../../cli/main';
import pkg from '../../../package.json';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: (text: string) => out.push(text),
      stderr: (text: string) => err.push(text),
      env: {},
    },
    out,
    err,
  };
}

const echo: CliCommand = {
  name: 'echo',
  summary: 'Print the arguments',
  usage: 'Usage: demo-ledger echo WORDS...',
  async run(args, io) {
    if (args.length === 0) throw new UsageError('nothing to echo');
    if (args[0] === 'fail') throw new Error('the file is invalid');
    io.stdout(`${args.join(' ')}\n`);
    return 0;
  },
};
const info = { name: 'demo-ledger', version: '9.9.9' };

describe('runCli', () => {
  it('prints help with the commands, and the version', async () => {
    const help = capture();
    expect(await runCli(['--help'], info, [echo], help.io)).toBe(0);
    expect(help.out.join('')).toMatch(
      /Usage: demo-ledger <command>[\s\S]*echo\s+Print the arguments/,
    );
    const version = capture();
    expect(await runCli(['--version'], info, [echo], version.io)).toBe(0);
    expect(version.out.join('')).toBe('9.9.9\n');
  });

  it('shows a command’s usage for --help after its name', async () => {
    const run = capture();
    expect(await runCli(['echo', '--help'], info, [echo], run.io)).toBe(0);
    expect(run.out.join('')).toContain('Usage: demo-ledger echo');
  });

  it('exits 2 on wrong usage and 1 when the command fails', async () => {
    const unknown = capture();
    expect(await runCli(['frobnicate'], info, [echo], unknown.io)).toBe(2);
    expect(unknown.err.join('')).toContain("unknown command 'frobnicate'");
    const usage = capture();
    expect(await runCli(['echo'], info, [echo], usage.io)).toBe(2);
    expect(usage.err.join('')).toContain('nothing to echo');
    const failed = capture();
    expect(await runCli(['echo', 'fail'], info, [echo], failed.io)).toBe(1);
    expect(failed.err.join('')).toContain('the file is invalid');
  });
});

describe('the built demo-ledger command', () => {
  const bin = path.resolve(import.meta.dirname, '../../../bin/demo-ledger.js');
  const built = existsSync(path.resolve(import.meta.dirname, '../../../out/node/cli.js'));

  it.skipIf(!built)('runs as plain Node and prints the package version', () => {
    const result = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(pkg.version);
  });

  it.skipIf(!built)('is declared under bin in package.json', () => {
    expect(pkg.bin['demo-ledger']).toBe('bin/demo-ledger.js');
  });
});
