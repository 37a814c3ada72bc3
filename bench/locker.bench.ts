import { spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { createHash } from 'node:crypto';
import { mkdirSync, openSync, closeSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { blobKey } from '../core/locker/layout';
import { signedBundle } from '../test/support/locker-bundles';
import type { LockerEngine } from '../test/support/locker-engine';
import { lockerDev, runLocker, startLockerEngine } from '../test/support/locker-engine';
import type { BenchContext, BenchResult } from './harness';
import { ratioResult } from './harness';

/**
 * The team locker against `rclone` on the same local Ceph gateway, in the same run:
 * - push: a signed bundle holding 1 GiB of evidence (8 files of 128 MiB) with `locker push`
 *   (which verifies the bundle first, then uploads each file once and the bundle without them),
 *   against `rclone copy` of the same 8 files;
 * - verify: `locker verify` over 10,000 stored objects (every version listed, its retention read,
 *   its content hashed against its name), against `rclone md5sum --download` of the same objects
 *   (which reads and hashes each once and checks nothing).
 */

const FILES = 8;
const FILE_MIB = 128;
const VERIFY_OBJECTS = 10_000;

function rclone(engine: LockerEngine, args: string[]): { ms: number; stdout: string } {
  const { AWS_CA_BUNDLE: _ignored, ...env } = process.env;
  const started = performance.now();
  const result = spawnSync('rclone', args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...env,
      RCLONE_CONFIG_BENCH_TYPE: 's3',
      RCLONE_CONFIG_BENCH_PROVIDER: 'Ceph',
      RCLONE_CONFIG_BENCH_ENDPOINT: engine.endpoint,
      RCLONE_CONFIG_BENCH_ACCESS_KEY_ID: engine.accessKeyId,
      RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY: engine.secretAccessKey,
      RCLONE_CONFIG_BENCH_REGION: engine.region,
      RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE: 'true',
    },
  });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`rclone ${args[0]} failed: ${result.stderr}`);
  return { ms, stdout: result.stdout };
}

function randomFile(file: string, bytes: number): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(8 * 1024 * 1024);
  try {
    for (let written = 0; written < bytes; written += chunk.byteLength) {
      randomFillSync(chunk);
      writeSync(fd, chunk, 0, Math.min(chunk.byteLength, bytes - written));
    }
  } finally {
    closeSync(fd);
  }
}

/** 10,000 small distinct files named and placed as the locker stores blobs. */
function blobTree(root: string): void {
  for (let index = 0; index < VERIFY_OBJECTS; index += 1) {
    const content = Buffer.from(`evidence ${index} ${'x'.repeat(index % 512)}\n`);
    const key = blobKey(createHash('sha256').update(content).digest('hex'));
    const file = path.join(root, key);
    mkdirSync(path.dirname(file), { recursive: true });
    const fd = openSync(file, 'w');
    writeSync(fd, content);
    closeSync(fd);
  }
}

/** A governance-mode locker (the engine is thrown away after the run, retention and all). */
async function newLocker(engine: LockerEngine, bucket: string): Promise<string[]> {
  const at = ['--bucket', bucket, '--endpoint', engine.endpoint, '--region', engine.region];
  const init = await runLocker(engine, [
    'init',
    '--retention-days',
    '1',
    '--mode',
    'governance',
    ...at,
  ]);
  if (init.code !== 0) throw new Error(`locker init failed: ${init.out}${init.err}`);
  return at;
}

export async function run({ tmpDir, log }: BenchContext): Promise<BenchResult[]> {
  const engineDir = path.join(tmpDir, 'engine');
  const started = startLockerEngine(engineDir, 3584);
  if (started.engine === null) {
    log(`skipped: the local Ceph did not start: ${started.reason}`);
    return [];
  }
  const { engine } = started;
  try {
    const filesDir = path.join(tmpDir, 'files');
    mkdirSync(filesDir);
    const files = Array.from({ length: FILES }, (_, index) => {
      const file = path.join(filesDir, `evidence-${index}.bin`);
      randomFile(file, FILE_MIB * 1024 * 1024);
      return file;
    });
    log(`signing a bundle of ${FILES} × ${FILE_MIB} MiB`);
    const bundle = await signedBundle(tmpDir, { files });

    const pushTo = await newLocker(engine, 'bench-locker');
    let begin = performance.now();
    const push = await runLocker(engine, [
      'push',
      bundle.file,
      '--trust',
      bundle.certificate,
      ...pushTo,
    ]);
    const pushMs = performance.now() - begin;
    if (push.code !== 0) throw new Error(`locker push failed: ${push.out}${push.err}`);
    const copy = rclone(engine, ['copy', filesDir, 'bench:bench-rclone']);
    log(`push ${Math.round(pushMs)} ms; rclone copy ${Math.round(copy.ms)} ms`);
    rclone(engine, ['purge', 'bench:bench-rclone']);

    // 10,000 objects: a fresh locker whose blobs are written by rclone into the locker's layout
    // (the bucket's default retention locks each), then read back by both.
    const verifyAt = await newLocker(engine, 'bench-verify');
    const tree = path.join(tmpDir, 'tree');
    blobTree(tree);
    log(`writing ${VERIFY_OBJECTS} objects`);
    rclone(engine, ['copy', '--transfers', '16', tree, 'bench:bench-verify']);
    begin = performance.now();
    const verify = await runLocker(engine, ['verify', '--json', ...verifyAt]);
    const verifyMs = performance.now() - begin;
    const report = JSON.parse(verify.out) as { ok: boolean; versions: number };
    if (verify.code !== 0 || !report.ok) throw new Error(`locker verify failed: ${verify.out}`);
    if (report.versions < VERIFY_OBJECTS)
      throw new Error(`locker verify saw ${report.versions} versions, not ${VERIFY_OBJECTS}`);
    const md5 = rclone(engine, ['md5sum', '--download', 'bench:bench-verify']);
    const hashed = md5.stdout.trim().split('\n').length;
    log(
      `verify ${Math.round(verifyMs)} ms; rclone md5sum --download ${Math.round(md5.ms)} ms (${hashed} objects)`,
    );

    return [
      ratioResult({
        name: `locker push of ${FILES * FILE_MIB} MiB in a signed bundle vs rclone copy`,
        value: pushMs,
        unit: 'ms',
        baseline: copy.ms,
        higherIsBetter: false,
        minRatio: 0.8,
      }),
      ratioResult({
        name: `locker verify of ${VERIFY_OBJECTS} objects vs rclone md5sum --download`,
        value: verifyMs,
        unit: 'ms',
        baseline: md5.ms,
        higherIsBetter: false,
        minRatio: 0.5,
      }),
    ];
  } finally {
    lockerDev(['stop'], engineDir);
  }
}
