import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleScope } from '../../../core/bundle/scope';
import { derToPem } from '../../../core/signing/der';
import type { IdentityMaterial } from '../../../core/signing/keys';
import { identityValidAt } from '../../support/clock';
import { IDS, demoLedger } from '../../support/bundle-ledger';
import { declaredSigner, signArchive, signerOf, unsignedBundle } from '../../support/bundle-files';
import { runCommand } from './run';

const scope: BundleScope = { kind: 'sprint', workspaceId: IDS.workspace, sprintId: IDS.sprint };
const dir = mkdtempSync(path.join(tmpdir(), 'cli-verify-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function verify(...args: string[]) {
  return runCommand(['verify', ...args]);
}

interface BundleReport {
  ok: boolean;
  files: {
    kind: string;
    ok: boolean;
    problems: string[];
    bundle: {
      title: string | null;
      signatures: { role: string; signer: string; valid: boolean; trusted: boolean }[];
      archive: { chain: { ok: boolean; entries: number } };
    };
  }[];
}

function flipped(bytes: Uint8Array, at: number, name: string): string {
  const damaged = bytes.slice();
  damaged[at] = (damaged[at] ?? 0) ^ 0x01;
  const file = path.join(dir, name);
  writeFileSync(file, damaged);
  return file;
}

describe('demo-ledger verify: audit bundles', () => {
  let dana: IdentityMaterial;
  let signed: Uint8Array<ArrayBuffer>;
  let bundle: string;
  let danaPem: string;
  let otherPem: string;

  beforeAll(async () => {
    dana = await identityValidAt(
      { name: 'Dana Whitfield', organisation: 'Internal Audit', email: 'dana@example.com' },
      'ecdsa-p256',
    );
    const other = await identityValidAt(
      { name: 'Mallory', organisation: 'Elsewhere' },
      'ecdsa-p256',
    );
    const { bytes } = await unsignedBundle(
      demoLedger(),
      scope,
      await declaredSigner(dana, 'Dana Whitfield'),
    );
    signed = await signArchive(bytes, await signerOf(dana));
    bundle = path.join(dir, 'sprint-14.dlbundle');
    writeFileSync(bundle, signed);
    danaPem = path.join(dir, 'dana.pem');
    writeFileSync(danaPem, derToPem(dana.certificate));
    otherPem = path.join(dir, 'mallory.pem');
    writeFileSync(otherPem, derToPem(other.certificate));
  }, 300_000);

  it('accepts the exported bundle: hashes, chain, records and the exporter’s signature', async () => {
    const text = await verify('--trust', danaPem, bundle);
    expect(text.code, text.out).toBe(0);
    expect(text.out).toContain(`${bundle}: VERIFIED (bundle)`);
    expect(text.out).toContain('Bundle “Sprint 14” (sprint) of Payments');
    expect(text.out).toMatch(
      /Exported: Dana Whitfield, signed 2026-11-27T10:05:00.000Z: valid, trusted/,
    );

    const json = await verify('--json', '--require-trust', '--trust', danaPem, bundle);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.out) as BundleReport;
    expect(report.ok).toBe(true);
    expect(report.files[0]).toMatchObject({ kind: 'bundle', ok: true, problems: [] });
    expect(report.files[0]?.bundle.title).toBe('Sprint 14');
    expect(report.files[0]?.bundle.archive.chain.ok).toBe(true);
    expect(report.files[0]?.bundle.signatures).toMatchObject([
      { role: 'Exported', signer: 'Dana Whitfield', valid: true, trusted: true },
    ]);
  });

  it('a valid signature by an untrusted certificate fails, unless --allow-untrusted', async () => {
    for (const args of [['--trust', otherPem], ['--require-trust', '--trust', otherPem], []]) {
      const strict = await verify(...args, bundle);
      expect(strict.code).toBe(1);
      expect(strict.out).toContain(`${bundle}: FAILED (bundle, not trusted)`);
      expect(strict.out).toMatch(
        /✗ Exported \(Dana Whitfield\): the certificate is not trusted \(.+\); pass --trust/,
      );
    }
    const lenient = await verify('--allow-untrusted', '--trust', otherPem, bundle);
    expect(lenient.code).toBe(0);
    expect(lenient.out).toContain(
      `${bundle}: VERIFIED (bundle, accepted without trust (--allow-untrusted))`,
    );
    expect(lenient.out).toContain('valid, NOT TRUSTED, accepted without trust (--allow-untrusted)');
  });

  it('rejects a flipped byte in a record, naming the damaged file, and exits 1', async () => {
    const text = new TextDecoder('latin1').decode(signed);
    const bad = flipped(signed, text.lastIndexOf('Card tokenisation'), 'flipped-record.dlbundle');
    const result = await verify('--json', '--trust', danaPem, bundle, bad);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out) as BundleReport;
    expect(report.ok).toBe(false);
    expect(report.files.map((file) => file.ok)).toEqual([true, false]);
    expect(report.files[1]?.problems[0]).toMatch(
      /^tables\/demoItems\/\d+\.jsonl is damaged or was changed \(its SHA-256 does not match the manifest\)\.$/,
    );
    const plain = await verify('--trust', danaPem, bad);
    expect(plain.code).toBe(1);
    expect(plain.out).toContain(`${bad}: FAILED (bundle)`);
    expect(plain.out).toMatch(/✗ tables\/demoItems\/\d+\.jsonl is damaged or was changed/);
  });

  it('rejects a flipped byte in the signature, naming the signature', async () => {
    // The detached signature is the last entry: its content ends 1,024 bytes of tar end-of-archive
    // and the padding to a 512-byte block before it.
    const text = new TextDecoder('latin1').decode(signed);
    const header = text.lastIndexOf('manifest.json.sig');
    const bad = flipped(signed, header + 512 + 40, 'flipped-signature.dlbundle');
    const result = await verify('--trust', danaPem, bad);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`${bad}: FAILED (bundle)`);
    expect(result.out).toMatch(/✗ .*Signature: /);
  });

  it('rejects a bundle that was never signed', async () => {
    const { bytes } = await unsignedBundle(
      demoLedger(),
      scope,
      await declaredSigner(dana, 'Dana Whitfield'),
    );
    const unsigned = path.join(dir, 'unsigned.dlbundle');
    writeFileSync(unsigned, bytes);
    const result = await verify('--trust', danaPem, unsigned);
    expect(result.code).toBe(1);
    expect(result.out).toContain('✗ The bundle is not signed.');
  });

  const built = existsSync(path.resolve(import.meta.dirname, '../../../out/node/cli.js'));
  it.skipIf(!built)('the built command line accepts the bundle and rejects a tampered one', () => {
    const bin = path.resolve(import.meta.dirname, '../../../bin/demo-ledger.js');
    const good = spawnSync(process.execPath, [bin, 'verify', '--trust', danaPem, bundle], {
      encoding: 'utf8',
    });
    expect(good.status, good.stdout + good.stderr).toBe(0);
    const text = new TextDecoder('latin1').decode(signed);
    const bad = flipped(signed, text.lastIndexOf('Refund limits'), 'built-flipped.dlbundle');
    const tampered = spawnSync(process.execPath, [bin, 'verify', '--trust', danaPem, bad], {
      encoding: 'utf8',
    });
    expect(tampered.status).toBe(1);
    expect(tampered.stdout).toMatch(
      /FAILED \(bundle\)\n[\s\S]*✗ tables\/demoItems\/\d+\.jsonl is damaged/,
    );
  });
});
