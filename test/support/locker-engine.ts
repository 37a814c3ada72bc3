import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { COMMANDS } from '../../cli/commands';
import { runCli } from '../../cli/main';

/**
 * The local Ceph of `npm run locker:dev` (scripts/locker-dev.mjs) for the locker's tests and its
 * benchmark, and `demo-ledger locker …` run in process against it.
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

/** `demo-ledger locker ARGS…` in process, with the engine's credentials in the environment. */
export async function runLocker(
  live: LockerEngine,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ['locker', ...args],
    { name: 'demo-ledger', version: 'test' },
    COMMANDS,
    {
      stdout: (text) => out.push(text),
      stderr: (text) => err.push(text),
      env: {
        AWS_ACCESS_KEY_ID: live.accessKeyId,
        AWS_SECRET_ACCESS_KEY: live.secretAccessKey,
        AWS_REGION: live.region,
        ...env,
      },
    },
  );
  return { code, out: out.join(''), err: err.join('') };
}
