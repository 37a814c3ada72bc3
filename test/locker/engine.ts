import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import type { LockerEngine } from '../support/locker-engine';
import { lockerDev, startLockerEngine } from '../support/locker-engine';

/**
 * Starts the local Ceph for the locker tests and stops it after them. When Debian's Ceph
 * packages are missing, the tests are skipped with that reason (`lockerEngine` is null).
 */

export type { LockerEngine } from '../support/locker-engine';

declare module 'vitest' {
  export interface ProvidedContext {
    lockerEngine: LockerEngine | null;
    lockerEngineMissing: string;
  }
}

const dir = path.join(tmpdir(), `demo-ledger-locker-test-${process.pid}`);

export default function setup(project: TestProject): () => void {
  const started = startLockerEngine(dir, 1536);
  if (started.engine === null) {
    project.provide('lockerEngine', null);
    project.provide('lockerEngineMissing', started.reason);
    if (!started.missing) throw new Error(`locker:dev start failed: ${started.reason}`);
    return () => undefined;
  }
  project.provide('lockerEngine', started.engine);
  project.provide('lockerEngineMissing', '');
  return () => {
    lockerDev(['stop'], dir);
  };
}

/** Stops or starts the gateway alone (the cluster keeps its data). */
export function gateway(action: 'stop' | 'start', engineDir: string): void {
  const result = lockerDev(['gateway', action], engineDir);
  if (result.status !== 0) throw new Error(`gateway ${action} failed: ${result.stderr}`);
}
