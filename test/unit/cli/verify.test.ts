import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeArchive } from '../../../core/archive/writer';
import { ARCHIVE_OPTIONS, memorySink, syntheticLedger } from '../../support/ledger';
import { runCommand } from './run';

const dir = mkdtempSync(path.join(tmpdir(), 'cli-verify-'));

async function backupFile(name: string, damage?: (bytes: Uint8Array) => void): Promise<string> {
  const sink = memorySink();
  await writeArchive(syntheticLedger({ workspaces: 2, blobs: 2 }).tables, sink, ARCHIVE_OPTIONS);
  const bytes = sink.bytes();
  damage?.(bytes);
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

function verify(...args: string[]) {
  return runCommand(['verify', ...args]);
}

describe('demo-ledger verify', () => {
  it('verifies an intact backup, in text and as JSON', async () => {
    const file = await backupFile('good.dlbackup');
    const text = await verify(file);
    expect(text.code).toBe(0);
    expect(text.out).toContain(`${file}: VERIFIED (backup, unsigned)`);
    expect(text.out).toMatch(/Audit chain: 8 entries intact, head 8 [0-9a-f]{64}/);
    const json = await verify('--json', file);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.out) as {
      ok: boolean;
      files: {
        kind: string;
        ok: boolean;
        archive: { chain: { entries: number }; tables: unknown[] };
      }[];
    };
    expect(report.ok).toBe(true);
    expect(report.files[0]).toMatchObject({ kind: 'backup', ok: true, problems: [] });
    expect(report.files[0]?.archive.chain.entries).toBe(8);
    expect(report.files[0]?.archive.tables).toContainEqual({ name: 'workspaces', rows: 2 });
    expect(report.files[0]).toMatchObject({ trust: { ok: true, verdict: 'unsigned' } });
  });

  it('explains --trust and --require-trust in its help, and how to get the app’s answer', async () => {
    const help = await verify('--help');
    expect(help.code).toBe(0);
    const text = help.out.replace(/\s+/g, ' ');
    expect(text).toContain(
      "--trust FILE Trust this certificate (PEM or DER; repeatable): a signer's own certificate or a CA that issued it.",
    );
    expect(text).toContain('Each trusted signature says which --trust file it chains to.');
    expect(text).toContain(
      'The app trusts your own signing identities and its trust list (Settings → Trusted certificates); for the same answer here, pass those certificates',
    );
    expect(text).toContain(
      '--require-trust Accepted for compatibility: trust is always required, so a valid signature by a certificate not trusted fails the file unless --allow-untrusted',
    );
  });

  it('fails an unsigned backup with --require-signed', async () => {
    const file = await backupFile('unsigned.dlbackup');
    const result = await verify('--require-signed', file);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`${file}: FAILED (backup, unsigned)`);
    expect(result.out).toContain('✗ The file is not signed (--require-signed).');
  });

  it('fails on one flipped byte, naming the damaged file, and exits 1', async () => {
    const good = await backupFile('reference.dlbackup');
    const text = new TextDecoder('latin1').decode(readFileSync(good));
    const at = text.lastIndexOf('Sprint 2');
    const bad = await backupFile('flipped.dlbackup', (bytes) => {
      bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    });
    const result = await verify('--json', good, bad);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out) as {
      ok: boolean;
      files: { ok: boolean; problems: string[] }[];
    };
    expect(report.ok).toBe(false);
    expect(report.files.map((entry) => entry.ok)).toEqual([true, false]);
    expect(report.files[1]?.problems[0]).toMatch(
      /^tables\/sprints\/000001\.jsonl is damaged or was changed/,
    );
  });

  it('recognises files by content and refuses what it does not know', async () => {
    const renamed = await backupFile('backup.pdf');
    expect((await verify(renamed)).code).toBe(0);
    const notes = path.join(dir, 'notes.dlbackup');
    writeFileSync(notes, 'just text');
    const unknown = await verify(notes);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain('This is not a file demo-ledger can verify');
    const missing = await verify(path.join(dir, 'absent.dlbackup'));
    expect(missing.out).toContain('The file does not exist.');
    expect((await verify()).code).toBe(2);
    expect((await verify('--frobnicate', notes)).code).toBe(2);
  });

  const built = existsSync(path.resolve(import.meta.dirname, '../../../out/node/cli.js'));
  it.skipIf(!built)('runs from the built command line', async () => {
    const file = await backupFile('built.dlbackup');
    const bin = path.resolve(import.meta.dirname, '../../../bin/demo-ledger.js');
    const result = spawnSync(process.execPath, [bin, 'verify', '--json', file], {
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { ok: boolean }).ok).toBe(true);
  });
});
