import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIGNATURE_PATH } from '../../../core/archive/format';
import { END_OF_ARCHIVE } from '../../../core/archive/tar';
import { verifyArchive } from '../../../core/archive/verify';
import type { SignedBundleFile } from '../../../core/ipc/contract';
import { readSlice } from '../../../core/bundle/contents';
import { reviewPath } from '../../../core/bundle/manifest';
import type { BundleScope, Row } from '../../../core/bundle/scope';
import { signedRef } from '../../../core/bundle/verify';
import { concatBytes } from '../../../core/util/bytes';
import type { Handlers } from '../../../main/handlers';
import { createHandlers, dispatch } from '../../../main/handlers';
import type { Platform } from '../../../main/platform';
import { unavailableSecretStorage } from '../../../main/platform';
import { BundleService } from '../../../main/services/bundles';
import { SigningService } from '../../../main/services/signing';
import { WriteSessions } from '../../../main/services/write-sessions';
import { IDS, MemoryLedger, demoLedger } from '../../support/bundle-ledger';
import { unsignedBundle } from '../../support/bundle-files';

const TEST_KDF = { N: 2 ** 12, r: 8, p: 1 };
const PASSPHRASE = 'correct horse battery';
const scope: BundleScope = { kind: 'sprint', workspaceId: IDS.workspace, sprintId: IDS.sprint };

/** One auditor's machine: a data folder, an identity, and the handler table. */
async function machine(name: string) {
  const root = mkdtempSync(path.join(tmpdir(), `bundle-${name}-`));
  const saveTo = { path: path.join(root, 'out', `${name}.dlbundle`) };
  const platform: Platform = {
    host: 'chromium',
    appName: 'Demo Ledger',
    appVersion: 'test',
    dataPath: path.join(root, 'data'),
    secrets: unavailableSecretStorage,
    chooseSavePath: async () => saveTo.path,
    chooseFolder: async () => null,
    openExternal: async () => undefined,
  };
  const writes = new WriteSessions();
  const signing = new SigningService(platform.dataPath, platform.secrets, TEST_KDF);
  const handlers = createHandlers({ platform, signing, writes });
  const call = async (channel: keyof Handlers, input?: unknown) =>
    dispatch(handlers, channel, input);
  const created = await call('identity:create', {
    owner: { personId: `person-${name}`, name },
    name,
    passphrase: PASSPHRASE,
  });
  const identity = (
    created as { value: { certificatePem: string; certificate: { fingerprint: string } } }
  ).value;
  const write = async (target: unknown, bytes: Uint8Array): Promise<string> => {
    const begun = (await call('file:beginWrite', { target })) as { value: { writeId: string } };
    for (let offset = 0; offset < bytes.length; offset += 4096) {
      await call('file:writeChunk', {
        writeId: begun.value.writeId,
        data: bytes.slice(offset, offset + 4096),
      });
    }
    return begun.value.writeId;
  };
  return {
    root,
    saveTo,
    platform,
    call,
    write,
    identity,
    signer: { fingerprint: identity.certificate.fingerprint, commonName: name },
    service: new BundleService(signing, writes),
  };
}

describe('signing bundles in main', () => {
  it('signs only after the passphrase, appends the signature after SHA256SUMS, and verifies', async () => {
    const alice = await machine('alice');
    const { bytes } = await unsignedBundle(demoLedger(), scope, alice.signer);
    const writeId = await alice.write({ to: 'dialog', suggestedName: 'sprint.dlbundle' }, bytes);
    expect(
      await alice.call('bundle:finish', {
        writeId,
        identity: alice.identity.certificate.fingerprint,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'Enter the passphrase of your signing identity.' },
    });
    // The write is still open: the same bytes are signed once the key is unlocked.
    const finished = await alice.call('bundle:finish', {
      writeId,
      identity: alice.identity.certificate.fingerprint,
      passphrase: PASSPHRASE,
    });
    expect(finished.ok).toBe(true);
    const saved = (finished as { value: SignedBundleFile }).value;
    expect(saved.path).toBe(alice.saveTo.path);
    expect(saved.signature).toMatchObject({
      valid: true,
      signer: { commonName: 'alice' },
      trust: { trusted: true },
    });
    const file = readFileSync(saved.path);
    expect(file.subarray(0, bytes.length - END_OF_ARCHIVE.length)).toEqual(
      Buffer.from(bytes.subarray(0, bytes.length - END_OF_ARCHIVE.length)),
    );
    const listing = spawnSync('tar', ['-tf', saved.path], { encoding: 'utf8' });
    expect(listing.stdout.trim().split('\n').slice(-3)).toEqual([
      'manifest.json',
      'SHA256SUMS',
      SIGNATURE_PATH,
    ]);
    const verdict = await alice.service.verifyFile(saved.path);
    expect(verdict).toMatchObject({ ok: true, trusted: true });
  });

  it('refuses a bundle naming another signer, or one damaged on the way, and keeps nothing', async () => {
    const alice = await machine('alice');
    const other = { fingerprint: 'e'.repeat(64), commonName: 'Eve' };
    const { bytes } = await unsignedBundle(demoLedger(), scope, other);
    const writeId = await alice.write({ to: 'dialog', suggestedName: 'x.dlbundle' }, bytes);
    expect(
      await alice.call('bundle:finish', {
        writeId,
        identity: alice.identity.certificate.fingerprint,
        passphrase: PASSPHRASE,
      }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        message: 'The bundle names another signer than your signing identity; export it again.',
      },
    });
    const { bytes: good } = await unsignedBundle(demoLedger(), scope, alice.signer);
    const damaged = good.slice();
    const at = Buffer.from(damaged).indexOf('Card tokenisation');
    damaged[at] = (damaged[at] ?? 0) ^ 1;
    const second = await alice.write({ to: 'dialog', suggestedName: 'y.dlbundle' }, damaged);
    const refused = await alice.call('bundle:finish', {
      writeId: second,
      identity: alice.identity.certificate.fingerprint,
      passphrase: PASSPHRASE,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect((refused as { error: { message: string } }).error.message).toMatch(
      /^The bundle did not verify and was not signed: tables\/\w+\/000001.jsonl is damaged/,
    );
    expect(existsSync(alice.saveTo.path)).toBe(false);
    expect(readdirSync(path.dirname(alice.saveTo.path))).toEqual([]);
  });
});

describe('co-signing a review in main', () => {
  async function exchange() {
    const alice = await machine('alice');
    const bob = await machine('bob');
    const { bytes } = await unsignedBundle(demoLedger(), scope, alice.signer);
    const signed = (
      (await alice.call('bundle:finish', {
        writeId: await alice.write({ to: 'dialog', suggestedName: 'a.dlbundle' }, bytes),
        identity: alice.identity.certificate.fingerprint,
        passphrase: PASSPHRASE,
      })) as { value: SignedBundleFile }
    ).value;
    const original = new Uint8Array(readFileSync(signed.path));
    // Bob trusts Alice's certificate; the signature checks against his trust list.
    await bob.call('trust:add', { data: new TextEncoder().encode(alice.identity.certificatePem) });
    const archive = await verifyArchive(new Blob([original]).stream());
    const check = await bob.call('bundle:verifySignature', {
      content: archive.manifestBytes,
      signature: archive.signature,
    });
    expect(check).toMatchObject({ ok: true, value: { valid: true, trust: { trusted: true } } });
    // Bob imports and changes one record.
    const reviewer = new MemoryLedger('bob');
    for (const [id, record] of (await readSlice(new Blob([original]), archive)).records) {
      reviewer.put(id.split('\u0000')[0] ?? '', record.value as Row, 'import');
    }
    const since = reviewer.head;
    reviewer.update('demoNotes', IDS.question, { answer: 'Quarterly' });
    const ref = signedRef(
      archive.manifestBytes ?? new Uint8Array(),
      archive.signature ?? new Uint8Array(),
    );
    return { alice, bob, original, reviewer, since, ref };
  }

  it('binds the review to the original, co-signs it and appends it after the original bytes', async () => {
    const { alice, bob, original, reviewer, since, ref } = await exchange();
    const review = await unsignedBundle(reviewer, scope, bob.signer, {
      since,
      review: { number: 1, original: ref, previous: null },
    });
    const originalWriteId = await bob.write(
      { to: 'scratch', suggestedName: 'original.dlbundle' },
      original,
    );
    const reviewWriteId = await bob.write(
      { to: 'scratch', suggestedName: 'review.dlbundle' },
      review.bytes,
    );
    const input = {
      originalWriteId,
      reviewWriteId,
      suggestedName: 'reviewed.dlbundle',
      identity: bob.identity.certificate.fingerprint,
    };
    expect(await bob.call('bundle:finishReview', input)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const finished = await bob.call('bundle:finishReview', { ...input, passphrase: PASSPHRASE });
    expect(finished).toMatchObject({ ok: true });
    const saved = (finished as { value: { bundle: SignedBundleFile } }).value.bundle;
    expect(saved.signature).toMatchObject({ valid: true, signer: { commonName: 'bob' } });
    const reviewed = new Uint8Array(readFileSync(saved.path));
    const listing = spawnSync('tar', ['-tf', saved.path], { encoding: 'utf8' })
      .stdout.trim()
      .split('\n');
    expect(listing.slice(-2)).toEqual([SIGNATURE_PATH, reviewPath(1)]);
    const head = original.length - END_OF_ARCHIVE.length;
    expect(concatBytes([reviewed.subarray(0, head), END_OF_ARCHIVE])).toEqual(original);
    // Alice trusts Bob: both signatures verify and are trusted on her machine.
    await alice.call('trust:add', { data: new TextEncoder().encode(bob.identity.certificatePem) });
    const verdict = await alice.service.verifyFile(saved.path);
    expect(verdict).toMatchObject({ ok: true, trusted: true });
    expect(readdirSync(path.join(bob.platform.dataPath, 'scratch'))).toEqual([]);
  });

  it('refuses a review that does not belong to the bundle sent with it, and cleans up', async () => {
    const { bob, original, reviewer, since } = await exchange();
    const wrong = { manifestSha256: '1'.repeat(64), signatureSha256: '2'.repeat(64) };
    const review = await unsignedBundle(reviewer, scope, bob.signer, {
      since,
      review: { number: 1, original: wrong, previous: null },
    });
    const result = await bob.call('bundle:finishReview', {
      originalWriteId: await bob.write({ to: 'scratch', suggestedName: 'o.dlbundle' }, original),
      reviewWriteId: await bob.write({ to: 'scratch', suggestedName: 'r.dlbundle' }, review.bytes),
      suggestedName: 'reviewed.dlbundle',
      identity: bob.identity.certificate.fingerprint,
      passphrase: PASSPHRASE,
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        message: 'The review does not belong to the bundle it was sent with.',
      },
    });
    expect(readdirSync(path.join(bob.platform.dataPath, 'scratch'))).toEqual([]);
    expect(existsSync(bob.saveTo.path)).toBe(false);
  });
});
