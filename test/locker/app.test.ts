import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { certificatesFromFile } from '../../core/signing/der';
import { listObjects, openLocker } from '../../main/services/locker/client';
import { initLocker } from '../../main/services/locker/init';
import { verifyLocker } from '../../main/services/locker/verify';
import type { SecretStorage } from '../../main/platform';
import { unavailableSecretStorage } from '../../main/platform';
import { TeamLocker } from '../../main/services/team-locker/service';
import { gateway } from './engine';
import { connection, engine, missing, newBucket, rawS3, scratch, signedBundle } from './support';

/**
 * The team locker as the app uses it (main/services/team-locker/), against the local Ceph: the
 * connection test naming what a bucket lacks, the outbox publishing through a gateway stop
 * and an app restart with nothing lost, pulls (each evidence file checked against its hash as it
 * is fetched) and the locker's verify.
 */

const live = engine;
const describeLive = live === null ? describe.skip : describe;
if (live === null) console.warn(`Locker tests skipped: ${missing}`);

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = performance.now() + 120_000;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describeLive('the team locker in the app', () => {
  if (live === null) return;

  function app(
    dataPath: string,
    trusted: Uint8Array[],
    secrets: SecretStorage = unavailableSecretStorage,
  ) {
    return new TeamLocker(dataPath, secrets, async () => trusted);
  }

  async function configure(locker: TeamLocker, bucket: string): Promise<void> {
    await locker.saveSettings(
      { endpoint: live!.tlsEndpoint, bucket, region: live!.region },
      { name: 'ca.pem', data: new Uint8Array(readFileSync(live!.caFile)) },
    );
    await locker.setCredentials({
      accessKeyId: live!.accessKeyId,
      secretAccessKey: live!.secretAccessKey,
      remember: false,
    });
  }

  /** What an export into the outbox does: the file lands in its folder and is queued. */
  async function queue(locker: TeamLocker, file: string): Promise<void> {
    await locker.outbox.list();
    const target = path.join(locker.outbox.folder, path.basename(file));
    copyFileSync(file, target);
    const bytes = readFileSync(target);
    await locker.outbox.add({
      path: target,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  }

  it('the connection test names what is missing: settings, credentials, Object Lock, the policy', async () => {
    const locker = app(scratch(), []);
    const none = await locker.test();
    expect(none.ok).toBe(false);
    expect(none.checks[0]).toMatchObject({ id: 'settings', ok: false });

    const plain = newBucket();
    await rawS3(live).send(new CreateBucketCommand({ Bucket: plain }));
    await locker.saveSettings(
      { endpoint: live.tlsEndpoint, bucket: plain, region: live.region },
      { name: 'ca.pem', data: new Uint8Array(readFileSync(live.caFile)) },
    );
    const noCredentials = await locker.test();
    expect(noCredentials.checks.find((check) => check.id === 'credentials')).toMatchObject({
      ok: false,
      detail: 'The team locker credentials have not been given in this session.',
    });

    await locker.setCredentials({
      accessKeyId: live.accessKeyId,
      secretAccessKey: 'not the secret at all',
      remember: false,
    });
    const wrong = await locker.test();
    expect(wrong.checks.find((check) => check.id === 'credentials')?.ok).toBe(false);
    expect(JSON.stringify(wrong)).not.toContain('not the secret at all');

    await locker.setCredentials({
      accessKeyId: live.accessKeyId,
      secretAccessKey: live.secretAccessKey,
      remember: false,
    });
    const unlocked = await locker.test();
    const byId = new Map(unlocked.checks.map((check) => [check.id, check]));
    expect(unlocked.ok).toBe(false);
    expect(byId.get('reachable')?.ok).toBe(true);
    expect(byId.get('bucket')?.ok).toBe(true);
    expect(byId.get('object-lock')).toMatchObject({ ok: false });
    expect(byId.get('object-lock')?.detail).toContain('only be turned on when a bucket is created');
    expect(byId.get('default-retention')?.ok).toBe(false);
    expect(byId.get('policy')?.ok).toBe(false);
    expect(byId.get('write')?.ok).toBe(true);

    const ready = newBucket();
    await initLocker(openLocker(connection(live, ready)), {
      mode: 'COMPLIANCE',
      retentionDays: 2,
      acceptMutable: false,
    });
    await locker.saveSettings(
      { endpoint: live.tlsEndpoint, bucket: ready, region: live.region },
      'keep',
    );
    const good = await locker.test();
    expect(good.checks.filter((check) => check.ok !== true)).toEqual([]);
    expect(good.ok).toBe(true);
    // The write probe left nothing behind.
    const stored = [];
    for await (const object of listObjects(openLocker(connection(live, ready)), ''))
      stored.push(object.key);
    expect(stored).toEqual(['demo-ledger/locker.json']);
  });

  it('credentials are refused for the keychain when it cannot keep a secret, and never written in clear', async () => {
    const dataPath = scratch();
    const locker = app(dataPath, []);
    await expect(
      locker.setCredentials({
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'secret-secret',
        remember: true,
      }),
    ).rejects.toThrow('cannot be remembered here');
    const basicText: SecretStorage = {
      isAvailable: () => false,
      unavailableReason: () => 'the keychain backend is basic_text',
      encrypt: () => {
        throw new Error('must not be called');
      },
      decrypt: () => {
        throw new Error('must not be called');
      },
    };
    const electron = app(dataPath, [], basicText);
    await expect(
      electron.setCredentials({
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'secret-secret',
        remember: true,
      }),
    ).rejects.toThrow('basic_text');
    const state = await electron.setCredentials({
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'secret-secret',
      remember: false,
    });
    expect(state.credentials).toMatchObject({ kept: 'session', accessKeyId: 'AKIDEXAMPLE' });
    expect(existsSync(path.join(dataPath, 'team-locker', 'credentials.bin'))).toBe(false);
    // A new process (an app restart) asks again.
    expect((await app(dataPath, [], basicText).state()).credentials.kept).toBe('none');
  });

  it('the outbox publishes through a gateway stop and a restart, nothing lost or sent twice', async () => {
    const bucket = newBucket();
    await initLocker(openLocker(connection(live, bucket)), {
      mode: 'COMPLIANCE',
      retentionDays: 2,
      acceptMutable: false,
    });
    const first = await signedBundle(scratch(), { files: [300_000], name: 'sprint-1.dlbundle' });
    const second = await signedBundle(scratch(), { files: [200_000], name: 'sprint-2.dlbundle' });
    const trusted = certificatesFromFile(new Uint8Array(readFileSync(first.certificate)));
    const dataPath = scratch();
    const running = app(dataPath, trusted);
    await configure(running, bucket);

    await running.outbox.list();
    await queue(running, first.file);
    await running.outbox.settled();
    const published = (await running.outbox.list()).items;
    expect(published).toMatchObject([{ state: 'published', attempts: 1, lastError: null }]);
    expect(published[0]?.key).toMatch(/^bundles\/audit\//);

    gateway('stop', live.dir);
    try {
      await queue(running, second.file);
      await running.outbox.settled();
      const held = (await running.outbox.list()).items.find(
        (item) => item.fileName === 'sprint-2.dlbundle',
      );
      expect(held).toMatchObject({ state: 'waiting', attempts: 1 });
      expect(held?.lastError).toMatch(/cannot reach|did not answer/);
      expect(held?.nextAttemptAt).not.toBeNull();
    } finally {
      gateway('start', live.dir);
    }

    // The app restarts: a new process, the same data folder; credentials are asked again.
    const restarted = app(dataPath, trusted);
    expect((await restarted.outbox.list()).items.map((item) => item.state)).toEqual([
      'published',
      'waiting',
    ]);
    restarted.outbox.kick();
    await restarted.outbox.settled();
    expect((await restarted.outbox.list()).blocked).toContain('credentials');
    await configure(restarted, bucket);
    await until('the waiting bundle to be published', async () => {
      restarted.outbox.kick();
      await restarted.outbox.settled();
      return (await restarted.outbox.list()).items.every((item) => item.state === 'published');
    });
    const items = (await restarted.outbox.list()).items;
    expect(items[1]).toMatchObject({ state: 'published', lastError: null });
    expect(items[1]!.attempts).toBeGreaterThanOrEqual(2);
    const check = await verifyLocker(openLocker(connection(live, bucket)), {
      trust: { trusted, allowUntrusted: false },
    });
    expect(check.problems).toEqual([]);
    const bundles = [];
    for await (const object of listObjects(openLocker(connection(live, bucket)), 'bundles/'))
      bundles.push(object.key);
    expect(bundles.sort()).toEqual(items.map((item) => item.key).sort());
  });

  it('a bundle signed by nobody trusted is refused with the reason, and not retried', async () => {
    const bucket = newBucket();
    await initLocker(openLocker(connection(live, bucket)), {
      mode: 'COMPLIANCE',
      retentionDays: 2,
      acceptMutable: false,
    });
    const bundle = await signedBundle(scratch());
    const locker = app(scratch(), []);
    await configure(locker, bucket);
    await queue(locker, bundle.file);
    await locker.outbox.settled();
    const [item] = (await locker.outbox.list()).items;
    expect(item).toMatchObject({ state: 'refused', nextAttemptAt: null });
    expect(item?.lastError).toContain('not pushed');
  });

  it('a teammate lists the locker, pulls a bundle verified before it is kept, reads it back byte for byte, verifies the locker; a damaged file is refused', async () => {
    const bucket = newBucket();
    await initLocker(openLocker(connection(live, bucket)), {
      mode: 'COMPLIANCE',
      retentionDays: 2,
      acceptMutable: false,
    });
    const bundle = await signedBundle(scratch(), { files: [150_000] });
    const trusted = certificatesFromFile(new Uint8Array(readFileSync(bundle.certificate)));
    const alice = app(scratch(), trusted);
    await configure(alice, bucket);
    await queue(alice, bundle.file);
    await alice.outbox.settled();
    const [published] = (await alice.outbox.list()).items;
    expect(published?.state).toBe('published');
    expect(await alice.list()).toMatchObject([{ key: published?.key, kind: 'audit', ours: true }]);

    const bobData = scratch();
    const stranger = app(bobData, []);
    await configure(stranger, bucket);
    const [listed] = await stranger.list();
    expect(listed).toMatchObject({ key: published?.key, ours: false });
    await expect(stranger.pull(listed!.key)).rejects.toThrow(
      /was not pulled: .*Nothing was stored/,
    );
    const pulledFolder = path.join(bobData, 'team-locker', 'pulled');
    expect(existsSync(pulledFolder) ? readdirSync(pulledFolder) : []).toEqual([]);

    const bob = app(bobData, trusted);
    await configure(bob, bucket);
    const pulled = await bob.pull(listed!.key);
    expect(pulled.signers).toEqual(['Dana Whitfield (Exported)']);
    const original = readFileSync(bundle.file);
    expect(pulled.sha256).toBe(createHash('sha256').update(original).digest('hex'));
    const parts: Uint8Array[] = [];
    for (let offset = 0; offset < pulled.size;) {
      const piece = await bob.readPulled(pulled.pullId, offset);
      parts.push(piece);
      offset += piece.byteLength;
    }
    expect(Buffer.concat(parts).equals(original)).toBe(true);
    expect(readdirSync(pulledFolder)).toEqual([]);
    await expect(bob.readPulled(pulled.pullId, 0)).rejects.toThrow('pull it again');

    // Verify the locker, as the page does: intact, with progress up to every version.
    const progress: { checked: number; versions: number }[] = [];
    const intact = await bob.verify((step) => progress.push(step));
    expect(intact).toMatchObject({ ok: true, bundles: 1, problems: [], problemCount: 0 });
    expect(intact.blobs).toBeGreaterThanOrEqual(1);
    expect(progress.at(-1)).toEqual({ checked: intact.versions, versions: intact.versions });

    // A new version written over an evidence file: a pull fetches the blob on demand, finds it
    // does not hash to its name, and keeps nothing; verify names the overwrite.
    const [blob] = await objectKeys(bucket, 'blobs/');
    await rawS3(live).send(
      new PutObjectCommand({ Bucket: bucket, Key: blob, Body: 'not the evidence' }),
    );
    await expect(bob.pull(listed!.key)).rejects.toThrow(
      /was not pulled: .*is not the content its name says.*Nothing was stored/,
    );
    expect(readdirSync(pulledFolder)).toEqual([]);
    const damaged = await bob.verify(() => undefined);
    expect(damaged.ok).toBe(false);
    expect(
      damaged.problems.filter(
        (problem) =>
          problem.key === blob &&
          problem.problem.includes('a newer version was written over the first'),
      ),
    ).toHaveLength(1);
  });
});

async function objectKeys(bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  if (live === null) return keys;
  for await (const object of listObjects(openLocker(connection(live, bucket)), prefix))
    keys.push(object.key);
  return keys;
}
