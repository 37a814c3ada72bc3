import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sniffFile } from '../../../core/archive/format';
import {
  ArchiveFormatError,
  TAR_BLOCK,
  encodeTarHeader,
  parseTarHeader,
} from '../../../core/archive/tar';
import { verifyArchive } from '../../../core/archive/verify';
import { writeArchive } from '../../../core/archive/writer';
import { ARCHIVE_OPTIONS, memorySink, syntheticLedger } from '../../support/ledger';

async function archiveOf(ledger = syntheticLedger()): Promise<Uint8Array> {
  const sink = memorySink();
  await writeArchive(ledger.tables, sink, ARCHIVE_OPTIONS);
  return sink.bytes();
}

function streamOf(bytes: Uint8Array, chunk = 4096): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunk));
      offset += chunk;
    },
  });
}

const scratch = mkdtempSync(path.join(tmpdir(), 'archive-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('tar headers', () => {
  it('round-trip and refuse anything this program does not write', () => {
    const header = encodeTarHeader({
      name: 'tables/sprints/000001.jsonl',
      size: 1234,
      mtime: 1_700_000_000,
    });
    expect(parseTarHeader(header, 0)).toEqual({
      name: 'tables/sprints/000001.jsonl',
      size: 1234,
      mtime: 1_700_000_000,
    });
    expect(parseTarHeader(new Uint8Array(TAR_BLOCK), 0)).toBeNull();
    const unsafe = ['../etc/passwd', '/abs', 'a//b', 'a/./b', 'spaces here', 'x'.repeat(101)];
    for (const name of unsafe) {
      expect(() => encodeTarHeader({ name, size: 0, mtime: 0 }), name).toThrow(ArchiveFormatError);
    }
  });
});

describe('archives', () => {
  it('verify when intact, and report what they hold', async () => {
    const ledger = syntheticLedger({
      workspaces: 3,
      sprintsPerWorkspace: 2,
      blobs: 2,
      blobBytes: 3000,
    });
    const verdict = await verifyArchive(streamOf(await archiveOf(ledger)));
    expect(verdict.problems).toEqual([]);
    expect(verdict.ok).toBe(true);
    expect(verdict.chain).toMatchObject({ ok: true, checked: 11, head: ledger.head });
    expect(verdict.manifest?.audit).toMatchObject({ entries: 11, head: ledger.head });
    expect(verdict.manifest?.blobs).toEqual({ count: 2, bytes: 6000 });
    expect(verdict.manifest?.database.tables.map((table) => [table.name, table.rows])).toEqual([
      ['auditLog', 11],
      ['meta', 1],
      ['settings', 1],
      ['workspaces', 3],
      ['sprints', 6],
      ['evidenceFiles', 2],
    ]);
    expect(verdict.tables.find((table) => table.name === 'workspaces')).toMatchObject({
      primaryKey: 'id',
      audited: true,
    });
  });

  it('are plain tar files: GNU tar unpacks them and sha256sum -c checks every file', async () => {
    const bytes = await archiveOf(syntheticLedger({ blobs: 2 }));
    const file = path.join(scratch, 'backup.dlbackup');
    writeFileSync(file, bytes);
    const list = spawnSync('tar', ['-tvf', file], { encoding: 'utf8' });
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toContain('demo-ledger-archive.json');
    expect(list.stdout).toContain('blobs/000002');
    const out = mkdtempSync(path.join(scratch, 'x-'));
    expect(spawnSync('tar', ['-xf', file, '-C', out]).status).toBe(0);
    const sums = spawnSync('sha256sum', ['--strict', '-c', 'SHA256SUMS'], {
      cwd: out,
      encoding: 'utf8',
    });
    expect(sums.status, sums.stdout + sums.stderr).toBe(0);
    expect(sums.stdout).toContain('manifest.json: OK');
    expect(sums.stdout).toContain('tables/auditLog/000001.jsonl: OK');
  });

  it('are recognised by their first bytes', async () => {
    const bytes = await archiveOf();
    expect(sniffFile(bytes.subarray(0, 1024))).toBe('demo-ledger-archive');
    expect(sniffFile(new TextEncoder().encode('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffFile(new Uint8Array(2000))).toBe('unknown');
  });

  it('detect a flipped byte in every part of the archive: headers, contents, padding, end', async () => {
    const bytes = await archiveOf(
      syntheticLedger({ workspaces: 1, sprintsPerWorkspace: 1, blobs: 1, blobBytes: 700 }),
    );
    const { entries } = await verifyArchive(streamOf(bytes));
    // Every byte of the first header and of the end marker (each is checked by its own rule),
    // and for every entry: header bytes, content bytes and padding bytes spread across it.
    const offsets = new Set<number>();
    const spread = (from: number, to: number, count: number): void => {
      for (let index = 0; index < count && from < to; index += 1) {
        offsets.add(from + Math.floor(((to - from - 1) * index) / Math.max(1, count - 1)));
      }
    };
    spread(0, TAR_BLOCK, TAR_BLOCK);
    spread(bytes.length - 2 * TAR_BLOCK, bytes.length, 2 * TAR_BLOCK);
    for (const entry of entries) {
      spread(entry.headerOffset, entry.dataOffset, 24);
      spread(entry.dataOffset, entry.dataOffset + entry.size, 12);
      const paddingEnd = entry.dataOffset + Math.ceil(entry.size / TAR_BLOCK) * TAR_BLOCK;
      spread(entry.dataOffset + entry.size, paddingEnd, 6);
    }
    const undetected: number[] = [];
    for (const offset of offsets) {
      const damaged = bytes.slice();
      damaged[offset] = (damaged[offset] ?? 0) ^ 0x01;
      if ((await verifyArchive(streamOf(damaged, 65536))).ok) undetected.push(offset);
    }
    expect(offsets.size).toBeGreaterThan(2000);
    expect(undetected).toEqual([]);
  }, 300_000);

  it('name the damaged file in plain words', async () => {
    const bytes = await archiveOf();
    const text = new TextDecoder('latin1').decode(bytes);
    const at = text.lastIndexOf('Workspace 1');
    const damaged = bytes.slice();
    damaged[at] = 'X'.charCodeAt(0);
    const verdict = await verifyArchive(streamOf(damaged));
    expect(verdict.ok).toBe(false);
    expect(verdict.problems[0]).toMatch(
      /^tables\/workspaces\/000001\.jsonl is damaged or was changed/,
    );
    expect(verdict.files.mismatched).toEqual(['tables/workspaces/000001.jsonl']);

    const header = bytes.slice();
    header[TAR_BLOCK * 2 + 3] = (header[TAR_BLOCK * 2 + 3] ?? 0) ^ 0x40;
    expect((await verifyArchive(streamOf(header))).problems[0]).toMatch(
      /damaged or not a Demo Ledger archive: a tar header is damaged \(checksum mismatch\)/,
    );
    const truncated = bytes.slice(0, bytes.length - 2000);
    expect((await verifyArchive(streamOf(truncated))).problems[0]).toMatch(/truncated/);
  });

  it('report records that differ from the chain, even with recomputed hashes', async () => {
    const ledger = syntheticLedger({ workspaces: 2 });
    const [first] = ledger.rows.get('workspaces') ?? [];
    (first?.value as { name: string }).name = 'Edited behind the app';
    ledger.rows.set('sprints', (ledger.rows.get('sprints') ?? []).slice(1));
    const verdict = await verifyArchive(streamOf(await archiveOf(ledger)));
    expect(verdict.ok).toBe(false);
    expect(verdict.mismatchCount).toBe(2);
    expect(verdict.mismatches.map((mismatch) => mismatch.problem).sort()).toEqual([
      'changed-outside-the-log',
      'deleted-outside-the-log',
    ]);
    expect(verdict.problems).toContain(
      '2 record(s) differ from what the audit log records (edited outside the app).',
    );
  });

  it('report the first broken link, and a log cut short', async () => {
    const edited = syntheticLedger({ workspaces: 3 });
    const log = edited.rows.get('auditLog') ?? [];
    (log[2]?.value as { actor: string }).actor = 'mallory';
    const broken = await verifyArchive(streamOf(await archiveOf(edited)));
    expect(broken.chain).toMatchObject({
      ok: false,
      checked: 2,
      firstBreak: { seq: 3, reason: 'hash-mismatch' },
    });
    expect(broken.problems[0]).toMatch(/chain is broken at entry 3 \(hash mismatch\)/);

    const cut = syntheticLedger({ workspaces: 2, sprintsPerWorkspace: 0, blobs: 0 });
    cut.rows.set('auditLog', (cut.rows.get('auditLog') ?? []).slice(0, 1));
    cut.rows.set('workspaces', (cut.rows.get('workspaces') ?? []).slice(0, 1));
    const verdict = await verifyArchive(streamOf(await archiveOf(cut)));
    expect(verdict.problems).toContain(
      'The stored chain head does not match the last audit entry (entries were removed or added).',
    );
  });
});
