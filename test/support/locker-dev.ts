import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * The local Ceph of `npm run locker:dev` (scripts/locker-dev.mjs): started, stopped and its
 * gateway stopped alone, for the locker's tests, its end-to-end test and its benchmark. Nothing
 * here imports the CLI, so Playwright specs can use it.
 */

export interface LockerEngine {
  endpoint: string;
  tlsEndpoint: string;
  caFile: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  dir: string;
  pids: number[];
}

const script = path.resolve(import.meta.dirname, '../../scripts/locker-dev.mjs');

/** `locker-dev.mjs ARGS… --dir DIR`, bounded in time. */
export function lockerDev(
  args: string[],
  dir: string,
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [script, ...args, '--dir', dir], {
    encoding: 'utf8',
    timeout: 240_000,
    killSignal: 'SIGKILL',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts an engine; null with the reason when it cannot (the Ceph packages are missing). */
export function startLockerEngine(
  dir: string,
  memoryMib: number,
): { engine: LockerEngine } | { engine: null; reason: string; missing: boolean } {
  const started = lockerDev(['start', '--memory-mib', String(memoryMib)], dir);
  if (started.status !== 0) {
    const reason = started.stderr.trim() || 'locker:dev did not start';
    return { engine: null, reason, missing: /missing /.test(started.stderr) };
  }
  const last = started.stdout.trim().split('\n').at(-1) ?? '';
  return { engine: JSON.parse(last) as LockerEngine };
}
