import { COMMANDS } from '../../cli/commands';
import { runCli } from '../../cli/main';
import type { LockerEngine } from './locker-dev';

/** `demo-ledger locker …` run in process against the local Ceph (test/support/locker-dev.ts). */

export type { LockerEngine } from './locker-dev';
export { lockerDev, startLockerEngine } from './locker-dev';

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
