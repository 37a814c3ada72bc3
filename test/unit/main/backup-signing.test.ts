import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { SIGNATURE_PATH } from '../../../core/archive/format';
import { writeArchive } from '../../../core/archive/writer';
import type { Handlers } from '../../../main/handlers';
import { createHandlers, dispatch } from '../../../main/handlers';
import { unavailableSecretStorage } from '../../../main/platform';
import { SigningService } from '../../../main/services/signing';
import { ARCHIVE_OPTIONS, memorySink, syntheticLedger } from '../../support/ledger';
import { opensslCmsVerify } from '../../tools/cms';
import { tool } from '../../tools/run';
import { runCommand } from '../cli/run';

const TEST_KDF = { N: 2 ** 12, r: 8, p: 1 };
const PASSPHRASE = 'correct horse battery';

function setup() {
  const root = mkdtempSync(path.join(tmpdir(), 'backup-signing-'));
  const dataPath = path.join(root, 'data');
  const handlers = createHandlers({
    platform: {
      host: 'chromium',
      appName: 'Demo Ledger',
      appVersion: '1.2.3',
      dataPath,
      secrets: unavailableSecretStorage,
      chooseSavePath: vi.fn(async ({ suggestedName }: { suggestedName: string }) =>
        path.join(root, suggestedName),
      ),
      chooseFolder: vi.fn(async () => null),
      openExternal: vi.fn(async () => undefined),
    },
    signing: new SigningService(dataPath, unavailableSecretStorage, TEST_KDF),
  });
  const call = async <T>(channel: keyof Handlers, input?: unknown): Promise<T> => {
    const result = (await dispatch(handlers, channel, input)) as
      { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.value;
  };
  return { root, call };
}

interface Identity {
  certificate: { fingerprint: string; commonName: string };
  certificatePem: string;
}

/** A backup as the app writes it: verified as it arrives in chunks, then finished as a backup. */
async function backUp(
  call: ReturnType<typeof setup>['call'],
  name: string,
  backup: {
    signer: { fingerprint: string; commonName: string } | null;
    unsignedReason: string | null;
  },
) {
  const sink = memorySink();
  await writeArchive(syntheticLedger().tables, sink, { ...ARCHIVE_OPTIONS, backup });
  const { writeId } = await call<{ writeId: string }>('file:beginWrite', {
    target: { to: 'dialog', suggestedName: name },
    verify: 'backup',
  });
  await call('file:writeChunk', { writeId, data: sink.bytes() });
  return call<{
    path: string;
    signedBy: { commonName: string } | null;
    unsignedReason: string | null;
  }>('file:finishWrite', { writeId, verify: 'backup' });
}

describe('signed backups', () => {
  it('are signed by the unlocked identity their manifest names; verify and openssl agree', async () => {
    const { root, call } = setup();
    const identity = await call<Identity>('identity:create', {
      owner: { personId: 'p-dana', name: 'Dana Reyes' },
      name: 'Dana Reyes',
      organisation: 'Acme Audit',
      passphrase: PASSPHRASE,
    });
    const { fingerprint, commonName } = identity.certificate;
    // Locked: nothing unattended may sign with it, and nothing is kept.
    await call('identity:lock', {});
    await expect(
      backUp(call, 'locked.dlbackup', {
        signer: { fingerprint, commonName },
        unsignedReason: null,
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });

    await call('identity:unlock', { identity: fingerprint, passphrase: PASSPHRASE });
    const signed = await backUp(call, 'signed.dlbackup', {
      signer: { fingerprint, commonName },
      unsignedReason: null,
    });
    expect(signed).toMatchObject({ signedBy: { commonName: 'Dana Reyes' }, unsignedReason: null });

    // The outside judge: the signature over manifest.json, by the identity's certificate.
    const out = mkdtempSync(path.join(root, 'cms-'));
    expect(tool('tar', ['-xf', signed.path, '-C', out]).status).toBe(0);
    const pem = path.join(root, 'dana.pem');
    writeFileSync(pem, identity.certificatePem);
    expect(
      opensslCmsVerify(path.join(out, SIGNATURE_PATH), path.join(out, 'manifest.json'), pem),
    ).toMatchObject({ status: 0 });
    expect(tool('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: out }).status).toBe(0);

    const text = await runCommand(['verify', '--trust', pem, signed.path]);
    expect(text.code).toBe(0);
    expect(text.out).toContain('Signature: signed by Dana Reyes');
    expect(text.out).toMatch(
      /Signature: signed by Dana Reyes \(certificate [0-9a-f]{64}\), signed \S+: valid, trusted/,
    );
    const untrusted = await runCommand(['verify', '--require-trust', signed.path]);
    expect(untrusted.code).toBe(1);

    // Cut the signature off: the manifest still names the signer, so it is missing, not unsigned.
    const bytes = new Uint8Array(readFileSync(signed.path));
    const cut = path.join(root, 'cut.dlbackup');
    writeFileSync(cut, stripLastEntry(bytes));
    const stripped = await runCommand(['verify', '--trust', pem, cut]);
    expect(stripped.code).toBe(1);
    expect(stripped.out).toContain('Signature: MISSING');
    expect(stripped.out).toContain('carries no signature');
  });

  it('an unattended backup with no identity unlocked is written unsigned and says why', async () => {
    const { call } = setup();
    const reason = 'automatic backup: no identity of Dana Reyes was unlocked or remembered';
    const unsigned = await backUp(call, 'auto.dlbackup', { signer: null, unsignedReason: reason });
    expect(unsigned).toMatchObject({ signedBy: null, unsignedReason: reason });
    const text = await runCommand(['verify', unsigned.path]);
    expect(text.code).toBe(0);
    expect(text.out).toContain(`Signature: unsigned (${reason})`);
    const strict = await runCommand(['verify', '--require-signed', unsigned.path]);
    expect(strict.code).toBe(1);
  });
});

/** The archive without its last entry (the signature): its header and data, end marker kept. */
function stripLastEntry(bytes: Uint8Array): Uint8Array {
  const end = bytes.length - 1024;
  // The signature is the last entry: find its header by name, scanning back block by block.
  for (let at = end - 512; at >= 0; at -= 512) {
    const name = new TextDecoder().decode(bytes.subarray(at, at + SIGNATURE_PATH.length));
    if (name === SIGNATURE_PATH) {
      const result = new Uint8Array(at + 1024);
      result.set(bytes.subarray(0, at));
      return result;
    }
  }
  throw new Error('no signature entry');
}
