import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  DeleteObjectCommand,
  GetObjectLockConfigurationCommand,
  PutObjectCommand,
  PutObjectRetentionCommand,
  CreateBucketCommand,
} from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeHeader } from '../../core/locker/bundle-object';
import { blobKey, bundleKey, parseLockerKey } from '../../core/locker/layout';
import { listVersions, openLocker } from '../../main/services/locker/client';
import type { SignedBundle } from './support';
import {
  connection,
  engine,
  locker,
  missing,
  newBucket,
  rawS3,
  scratch,
  signedBundle,
} from './support';

/**
 * The team locker against a real Object Lock service (a local Ceph RGW): init, push, pull and
 * verify through the command line, and what Object Lock itself refuses.
 */

const live = engine;
const describeLive = live === null ? describe.skip : describe;
if (live === null) console.warn(`Locker tests skipped: ${missing}`);

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) =>
    name.endsWith('.dlbundle'),
  );
}

describeLive('demo-ledger locker on Ceph RGW', () => {
  if (live === null) return;
  const bucket = newBucket();
  const at = ['--bucket', bucket, '--endpoint', live.endpoint];
  const dir = scratch();
  let bundle: SignedBundle;

  beforeAll(async () => {
    bundle = await signedBundle(dir, { files: [3_000, 40 * 1024 * 1024] });
  });

  it('init creates the bucket with Object Lock and default retention, after confirmation', async () => {
    const unconfirmed = await locker(live, ['init', '--retention-days', '3', ...at]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.err).toContain('compliance mode cannot be undone');

    const created = await locker(live, ['init', '--retention-days', '3', '--yes', ...at]);
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    expect(created.out).toContain('created the bucket with Object Lock');
    expect(created.out).toContain('COMPLIANCE retention, 3 days');
    const configuration = await rawS3(live).send(
      new GetObjectLockConfigurationCommand({ Bucket: bucket }),
    );
    expect(configuration.ObjectLockConfiguration).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 3 } },
    });

    const again = await locker(live, ['init', '--retention-days', '3', '--yes', ...at]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('already a locker with this policy');
    const weaker = await locker(live, ['init', '--retention-days', '1', '--yes', ...at]);
    expect(weaker.code).toBe(2);
    expect(weaker.err).toContain('a policy, once written, is kept');
  });

  it('refuses a bucket without Object Lock unless told to accept it', async () => {
    const mutable = newBucket();
    await rawS3(live).send(new CreateBucketCommand({ Bucket: mutable }));
    const refused = await locker(live, [
      'init',
      '--retention-days',
      '3',
      '--mode',
      'governance',
      '--bucket',
      mutable,
      '--endpoint',
      live.endpoint,
    ]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('exists without Object Lock');
    const accepted = await locker(live, [
      'init',
      '--retention-days',
      '3',
      '--mode',
      'governance',
      '--accept-mutable',
      '--bucket',
      mutable,
      '--endpoint',
      live.endpoint,
    ]);
    expect(accepted.code).toBe(0);
    expect(accepted.out).toContain('WITHOUT Object Lock');
    const verify = await locker(live, ['verify', '--bucket', mutable, '--endpoint', live.endpoint]);
    expect(verify.code).toBe(1);
    expect(verify.out).toContain('nothing stops what it holds from being deleted');
  });

  it('push verifies the bundle first: an untrusted signer is refused', async () => {
    const refused = await locker(live, ['push', bundle.file, ...at]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('is not trusted');
    expect(await keys(bucket, 'bundles/')).toEqual([]);
  });

  it('push uploads each file once and the bundle without them; a second push uploads nothing', async () => {
    const first = await locker(live, ['push', bundle.file, '--trust', bundle.certificate, ...at]);
    expect(first.code).toBe(0);
    // Progress on standard error: the check, the files' bytes up to all of them, the bundle.
    const progress = first.err.trim().split('\n');
    expect(progress[0]).toBe(`${bundle.file}: verifying the bundle`);
    expect(progress).toContainEqual(
      expect.stringMatching(/files: 40\.\d MiB of 40\.\d MiB stored$/),
    );
    expect(progress.at(-1)).toMatch(/: the bundle: \d+\.\d MiB$/);
    expect(first.out).toMatch(/pushed as bundles\/audit\/[0-9a-f-]+\/20261127T100000Z-/);
    expect(first.out).toContain('3 of 3 files uploaded');
    const blobs = await keys(bucket, 'blobs/');
    expect(blobs).toHaveLength(3);
    for (const key of blobs) expect(parseLockerKey(key)?.type).toBe('blob');
    const stored = await keys(bucket, 'bundles/');
    expect(stored).toHaveLength(1);
    // The bundle object is small: the 40 MiB file is stored once, as a blob.
    const bundleSize = (await sizes(bucket)).get(stored[0] ?? '') ?? 0;
    expect(bundleSize).toBeLessThan(readFileSync(bundle.file).length - 40 * 1024 * 1024 + 4096);

    const second = await locker(live, [
      'push',
      bundle.file,
      '--trust',
      bundle.certificate,
      '--json',
      ...at,
    ]);
    expect(second.code).toBe(0);
    const report = JSON.parse(second.out) as {
      files: { blobs: { uploaded: number }; bundleUploaded: boolean; bytesSent: number }[];
    };
    expect(report.files[0]).toMatchObject({
      blobs: { uploaded: 0 },
      bundleUploaded: false,
      bytesSent: 0,
    });
    const text = await locker(live, ['push', bundle.file, '--trust', bundle.certificate, ...at]);
    expect(text.out).toContain('already in the locker');
  });

  it('a locked version can be neither deleted nor have its retention shortened', async () => {
    const [key] = await keys(bucket, 'blobs/');
    const versions = [];
    for await (const version of listVersions(openLocker(connection(live, bucket)), key))
      versions.push(version);
    const versionId = versions[0]?.versionId;
    const s3 = rawS3(live);
    await expect(
      s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId })),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(
      s3.send(
        new PutObjectRetentionCommand({
          Bucket: bucket,
          Key: key,
          VersionId: versionId,
          Retention: { Mode: 'COMPLIANCE', RetainUntilDate: new Date(Date.now() + 3_600_000) },
        }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('pull puts each bundle back together, verifies it, and writes it; again, nothing new', async () => {
    const out = scratch();
    const pulled = await locker(live, ['pull', '--out', out, '--trust', bundle.certificate, ...at]);
    expect(pulled.err).toBe('');
    expect(pulled.code).toBe(0);
    expect(pulled.out).toContain('1 pulled, 0 already in');
    const [name] = files(out);
    expect(name).toBeDefined();
    const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
    expect(digest(path.join(out, name ?? ''))).toBe(digest(bundle.file));
    const again = await locker(live, ['pull', '--out', out, '--trust', bundle.certificate, ...at]);
    expect(again.out).toContain('0 pulled, 1 already in');
    const later = await locker(live, ['pull', '--out', scratch(), '--since', '2027-01-01', ...at]);
    expect(later.out).toContain('0 pulled, 0 already in');
    const untrusted = await locker(live, ['pull', '--out', scratch(), ...at]);
    expect(untrusted.code).toBe(1);
    expect(untrusted.err).toContain('NOT pulled');
  });

  it('verify: intact, then an overwrite, a hidden blob and a weaker retention are each named', async () => {
    const clean = await locker(live, ['verify', '--trust', bundle.certificate, ...at]);
    expect(clean.out).toContain('Verdict: intact.');
    expect(clean.out).toMatch(/5 objects \(3 files, 1 bundles\), 5 versions/);
    expect(clean.code).toBe(0);

    const s3 = rawS3(live);
    const [small, , other] = await keys(bucket, 'blobs/');
    // A new version written over a blob, with the default retention: content unchanged below it.
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: small, Body: 'not the evidence' }));
    // A delete marker hides another blob (the locked version itself stays).
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: other }));
    // An object under the locker's name with a weaker retention than the policy.
    const weak = blobKey(createHash('sha256').update('weak').digest('hex'));
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: weak,
        Body: 'weak',
        ObjectLockMode: 'GOVERNANCE',
        ObjectLockRetainUntilDate: new Date(Date.now() + 3_600_000),
      }),
    );
    // A bundle object whose file is not in the locker (as if pushed around the locker's checks).
    const absent = createHash('sha256').update('never pushed').digest('hex');
    const orphan = bundleKey({
      kind: 'audit',
      scope: 'orphans',
      createdAt: new Date('2026-11-28T00:00:00Z'),
      id: 'orphan',
      extension: '.dlbundle',
    });
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: orphan,
        Body: encodeHeader({
          format: 'demo-ledger-locker-bundle',
          version: 1,
          name: 'orphan.dlbundle',
          size: 10,
          sha256: absent,
          kind: 'audit',
          blobs: [{ offset: 0, size: 10, sha256: absent }],
        }),
      }),
    );
    const damaged = await locker(live, ['verify', '--json', '--trust', bundle.certificate, ...at]);
    expect(damaged.code).toBe(1);
    const report = JSON.parse(damaged.out) as {
      ok: boolean;
      problems: { key: string; problem: string }[];
    };
    expect(report.ok).toBe(false);
    const problems = report.problems.map((problem) => `${problem.key}: ${problem.problem}`);
    expect(problems).toContainEqual(
      expect.stringContaining(`${small}: a newer version was written over the first`),
    );
    expect(problems).toContainEqual(`${other}: a delete marker hides this object`);
    expect(problems).toContainEqual(
      expect.stringContaining(`${weak}: retention mode GOVERNANCE, the policy says COMPLIANCE`),
    );
    expect(problems).toContain(`${orphan}: blob ${absent} that it holds is missing or damaged`);
    // The bundle pushed through the locker still checks out: its files' first versions are intact.
    expect(problems.filter((problem) => problem.includes('20261127T100000Z'))).toEqual([]);
  });
});

async function keys(bucket: string, prefix: string): Promise<string[]> {
  if (live === null) return [];
  const found: string[] = [];
  for await (const version of listVersions(openLocker(connection(live, bucket)), prefix))
    if (!found.includes(version.key)) found.push(version.key);
  return found.sort();
}

async function sizes(bucket: string): Promise<Map<string, number>> {
  const map = new Map<string, number>();
  if (live === null) return map;
  for await (const version of listVersions(openLocker(connection(live, bucket))))
    map.set(version.key, version.size);
  return map;
}
