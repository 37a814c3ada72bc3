import { existsSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '..');

/** A folder of shared/: named by `variable`, else /work/shared/<folder>, else ../shared/<folder>. */
function sharedDir(variable: string, folder: string): string {
  const fromEnv = process.env[variable];
  if (fromEnv) return fromEnv;
  if (existsSync(`/work/shared/${folder}`)) return `/work/shared/${folder}`;
  return path.resolve(repoRoot, '../shared', folder);
}

/** The shared real-tool fixtures: $DEMO_LEDGER_FIXTURES, /work/shared/fixtures, or ../shared/fixtures. */
export function sharedFixturesDir(): string {
  return sharedDir('DEMO_LEDGER_FIXTURES', 'fixtures');
}

export function sharedFixture(...parts: string[]): string {
  return path.join(sharedFixturesDir(), ...parts);
}

/**
 * The conformance corpus (DefectDojo's parser-test samples and the counts its tests assert):
 * $DEMO_LEDGER_CONFORMANCE, /work/shared/conformance, or ../shared/conformance.
 */
export function conformanceDir(): string {
  return sharedDir('DEMO_LEDGER_CONFORMANCE', 'conformance');
}

export function conformanceFile(...parts: string[]): string {
  return path.join(conformanceDir(), ...parts);
}

/** Small fixtures made for this repository (see test/fixtures/README.md). */
export function localFixture(...parts: string[]): string {
  return path.join(repoRoot, 'test', 'fixtures', ...parts);
}

/** A file of this repository, by its path from the repository root. */
export function repoFile(...parts: string[]): string {
  return path.join(repoRoot, ...parts);
}
