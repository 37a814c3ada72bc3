import { readFileSync } from 'node:fs';
import { sharedFixture } from '../fixtures';

/**
 * A large SARIF 2.1.0 file in the shape a real tool writes: CodeQL's own output (the shared
 * fixture `sarif/codeql-output.sarif`, its tool, rules and 72 results) with its results repeated
 * to `count`, each copy in a folder of its own (deep paths, as a monorepo has) and with its own
 * partial fingerprint, so every result is a distinct finding.
 */
export function largeSarif(count: number): Uint8Array<ArrayBuffer> {
  const log = JSON.parse(readFileSync(sharedFixture('sarif/codeql-output.sarif'), 'utf8')) as {
    runs: { results: SarifResult[] }[];
  };
  const run = log.runs[0];
  if (!run) throw new Error('The CodeQL fixture has no run.');
  const seeds = run.results;
  run.results = Array.from({ length: count }, (_, index) => {
    const seed = seeds[index % seeds.length];
    if (!seed) throw new Error('The CodeQL fixture has no results.');
    const copy = structuredClone(seed);
    const folder = `services/payments-platform/internal/module-${Math.floor(index / seeds.length)}`;
    for (const location of copy.locations ?? []) {
      const artifact = location.physicalLocation?.artifactLocation;
      if (artifact?.uri) artifact.uri = `${folder}/${artifact.uri}`;
    }
    copy.partialFingerprints = {
      ...copy.partialFingerprints,
      primaryLocationLineHash: `${copy.partialFingerprints?.['primaryLocationLineHash'] ?? ''}:${index}`,
    };
    return copy;
  });
  return new TextEncoder().encode(JSON.stringify(log));
}

interface SarifResult {
  locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[];
  partialFingerprints?: Record<string, string>;
}
