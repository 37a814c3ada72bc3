import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Starts the local Ceph for the locker tests and stops it after them. When Debian's Ceph
 * packages are missing, the tests are skipped with that reason (`lockerEngine` is null).
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

declare module 'vitest' {
  export interface ProvidedContext {
    lockerEngine: LockerEngine | null;
    lockerEngineMissing: string;
  }
}

const script = path.resolve(import.meta.dirname, '../../scripts/locker-dev.mjs');
const dir = path.join(tmpdir(), `demo-ledger-locker-test-${process.pid}`);

function dev(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [script, ...args, '--dir', dir], {
    encoding: 'utf8',
    timeout: 240_000,
    killSignal: 'SIGKILL',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export default function setup(project: TestProject): () => void {
  const started = dev(['start', '--memory-mib', '1536']);
  const last = started.stdout.trim().split('\n').at(-1) ?? '';
  if (started.status !== 0) {
    project.provide('lockerEngine', null);
    project.provide('lockerEngineMissing', started.stderr.trim() || 'locker:dev did not start');
    if (!/missing /.test(started.stderr))
      throw new Error(`locker:dev start failed: ${started.stderr}`);
    return () => undefined;
  }
  project.provide('lockerEngine', JSON.parse(last) as LockerEngine);
  project.provide('lockerEngineMissing', '');
  return () => {
    dev(['stop']);
  };
}

/** Stops or starts the gateway alone (the cluster keeps its data). */
export function gateway(action: 'stop' | 'start', engineDir: string): void {
  const result = spawnSync(process.execPath, [script, 'gateway', action, '--dir', engineDir], {
    encoding: 'utf8',
    timeout: 240_000,
    killSignal: 'SIGKILL',
  });
  if (result.status !== 0) throw new Error(`gateway ${action} failed: ${result.stderr}`);
}
