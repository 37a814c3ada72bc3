import { existsSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '..');

/**
 * Path of a file in the shared tool-output fixtures (see SOURCES.md there): `DEMO_LEDGER_FIXTURES`
 * when set, else /work/shared/fixtures when it exists, else `../shared/fixtures` beside the repo.
 */
export function sharedFixture(...parts: string[]): string {
  const fromEnv = process.env['DEMO_LEDGER_FIXTURES'];
  const base =
    fromEnv !== undefined && fromEnv !== ''
      ? fromEnv
      : existsSync('/work/shared/fixtures')
        ? '/work/shared/fixtures'
        : path.resolve(repoRoot, '../shared/fixtures');
  return path.join(base, ...parts);
}
