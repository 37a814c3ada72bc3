import { existsSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '..');

/**
 * A file from the shared fixtures (real tool outputs, see SOURCES.md there): from
 * DEMO_LEDGER_FIXTURES when set, else /work/shared/fixtures, else ../shared/fixtures next to the
 * repository.
 */
export function sharedFixture(...parts: string[]): string {
  const fromEnv = process.env['DEMO_LEDGER_FIXTURES'];
  const root =
    fromEnv !== undefined && fromEnv !== ''
      ? fromEnv
      : existsSync('/work/shared/fixtures')
        ? '/work/shared/fixtures'
        : path.resolve(repoRoot, '../shared/fixtures');
  return path.join(root, ...parts);
}

export function repoFile(...parts: string[]): string {
  return path.join(repoRoot, ...parts);
}
