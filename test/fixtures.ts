import { existsSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '..');

/** The shared real-tool fixtures: $DEMO_LEDGER_FIXTURES, /work/shared/fixtures, or ../shared/fixtures. */
export function sharedFixturesDir(): string {
  const fromEnv = process.env['DEMO_LEDGER_FIXTURES'];
  if (fromEnv) return fromEnv;
  if (existsSync('/work/shared/fixtures')) return '/work/shared/fixtures';
  return path.resolve(repoRoot, '../shared/fixtures');
}

export function sharedFixture(...parts: string[]): string {
  return path.join(sharedFixturesDir(), ...parts);
}

/** Small fixtures made for this repository (see test/fixtures/README.md). */
export function localFixture(...parts: string[]): string {
  return path.join(repoRoot, 'test', 'fixtures', ...parts);
}

/** A file of this repository, by its path from the repository root. */
export function repoFile(...parts: string[]): string {
  return path.join(repoRoot, ...parts);
}
