import { describe, expect, it } from 'vitest';
import { listVersions, openLocker } from '../../main/services/locker/client';
import { initLocker } from '../../main/services/locker/init';
import { PART_SIZE } from '../../main/services/locker/upload';
import { pushBundle } from '../../main/services/locker/push';
import { verifyLocker } from '../../main/services/locker/verify';
import { certificatesFromFile } from '../../core/signing/der';
import { readFileSync } from 'node:fs';
import { gateway } from './engine';
import { connection, engine, locker, missing, newBucket, scratch, signedBundle } from './support';

const live = engine;
const describeLive = live === null ? describe.skip : describe;
if (live === null) console.warn(`Locker tests skipped: ${missing}`);

describeLive('an interrupted push, TLS and credentials', () => {
  if (live === null) return;

  it('the gateway stopped mid-upload: the next push resumes, nothing lost or written twice', async () => {
    const bucket = newBucket();
    const target = openLocker(connection(live, bucket));
    await initLocker(target, { mode: 'COMPLIANCE', retentionDays: 2, acceptMutable: false });
    const big = 6 * PART_SIZE + 12_345;
    const bundle = await signedBundle(scratch(), { files: [big] });
    const trust = {
      trusted: certificatesFromFile(new Uint8Array(readFileSync(bundle.certificate))),
      allowUntrusted: false,
    };
    let stopped = false;
    await expect(
      pushBundle(target, bundle.file, {
        trust,
        onProgress: (progress) => {
          if (!stopped && progress.phase === 'blobs' && progress.done >= 2 * PART_SIZE) {
            stopped = true;
            gateway('stop', live.dir);
          }
        },
      }),
    ).rejects.toThrow();
    expect(stopped).toBe(true);
    gateway('start', live.dir);

    const resumed = await pushBundle(target, bundle.file, { trust });
    expect(resumed.resumedParts).toBeGreaterThanOrEqual(2);
    expect(resumed.bytesSent).toBeLessThan(big);
    expect(resumed.blobs).toMatchObject({ uploaded: expect.any(Number) as number });
    const versions = [];
    for await (const version of listVersions(target)) versions.push(version);
    const perKey = new Map<string, number>();
    for (const version of versions) perKey.set(version.key, (perKey.get(version.key) ?? 0) + 1);
    expect([...perKey.values()].every((count) => count === 1)).toBe(true);
    const check = await verifyLocker(target, { trust });
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
  });

  it('TLS with the CA given by --ca; without it, the certificate is named as not trusted', async () => {
    const bucket = newBucket();
    const secure = ['--bucket', bucket, '--endpoint', live.tlsEndpoint];
    const refused = await locker(live, ['init', '--retention-days', '2', '--yes', ...secure]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('pass the CA that issued it with --ca FILE');
    const done = await locker(live, [
      'init',
      '--retention-days',
      '2',
      '--yes',
      '--ca',
      live.caFile,
      ...secure,
    ]);
    expect(done.err).toBe('');
    expect(done.code).toBe(0);
    const bundle = await signedBundle(scratch());
    const pushed = await locker(live, [
      'push',
      bundle.file,
      '--trust',
      bundle.certificate,
      '--ca',
      live.caFile,
      ...secure,
    ]);
    expect(pushed.code).toBe(0);
    const verified = await locker(live, [
      'verify',
      '--trust',
      bundle.certificate,
      '--ca',
      live.caFile,
      ...secure,
    ]);
    expect(verified.out).toContain('Verdict: intact.');
  });

  it('credentials are never printed, whatever happens', async () => {
    const bucket = newBucket();
    const at = ['--bucket', bucket, '--endpoint', live.endpoint];
    const wrong = 'wrong-secret-0123456789abcdefghijklmnop';
    const denied = await locker(live, ['init', '--retention-days', '2', '--yes', ...at], {
      AWS_SECRET_ACCESS_KEY: wrong,
    });
    expect(denied.code).toBe(2);
    expect(denied.err).toMatch(/SignatureDoesNotMatch|HTTP 403\): the credentials are wrong/);
    const made = await locker(live, ['init', '--retention-days', '2', '--yes', '--json', ...at]);
    const bundle = await signedBundle(scratch());
    const pushed = await locker(live, [
      'push',
      bundle.file,
      '--trust',
      bundle.certificate,
      '--json',
      ...at,
    ]);
    const verified = await locker(live, ['verify', '--json', '--trust', bundle.certificate, ...at]);
    for (const run of [denied, made, pushed, verified]) {
      for (const secret of [wrong, live.secretAccessKey]) {
        expect(run.out).not.toContain(secret);
        expect(run.err).not.toContain(secret);
      }
    }
    const missingKey = await locker(live, ['verify', ...at], { AWS_ACCESS_KEY_ID: '' });
    expect(missingKey.code).toBe(2);
    expect(missingKey.err).toContain('AWS_ACCESS_KEY_ID');
  });
});
