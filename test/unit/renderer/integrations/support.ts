import { readFileSync } from 'node:fs';
import path from 'node:path';
import { vi } from 'vitest';
import { sourceFromBytes } from '../../../../core/evidence/bytes';
import { inspectSource } from '../../../../core/evidence/inspect';
import { sha256Hex } from '../../../../core/util/hash';
import type { Ingest } from '../../../../renderer/src/app/integrations/chart-evidence';
import { storeEvidence } from '../../../../renderer/src/features/evidence/commands';
import { sharedFixture } from '../../../fixtures';

/**
 * The evidence ingest without its Web Workers (happy-dom has none): each file hashed, read by
 * the real parsers and stored by the real `storeEvidence`, as the workers' replies would be.
 */
export const ingestInProcess: Ingest = async (files, options) => {
  const results = [];
  for (const file of files) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const sha256 = sha256Hex(bytes);
    const { detection, outcome } = await inspectSource(sourceFromBytes(file.name, bytes));
    const stored = await storeEvidence({
      workspaceId: options.workspaceId,
      file,
      sha256,
      detection,
      outcome,
      links: options.links ?? [],
      linksFor: options.linksFor,
      statedPeriod: options.statedPeriod,
    });
    results.push({ ...stored, fileName: file.name, sha256, changes: null, hashMilliseconds: 0 });
  }
  return results;
};

/**
 * Stores a shared fixture as evidence attached at the given time (the clock is set for it),
 * optionally edited first (a scan's own date moved to when the test says it ran).
 */
export async function attachFixture(
  workspaceId: string,
  relative: string,
  attachedAt: string,
  edit: (text: string) => string = (text) => text,
): Promise<string> {
  vi.setSystemTime(new Date(attachedAt));
  const text = edit(readFileSync(sharedFixture(relative), 'utf8'));
  const file = new File([text], path.basename(relative), { type: 'application/xml' });
  const [stored] = await ingestInProcess([file], { workspaceId });
  if (!stored) throw new Error(`${relative} was not stored`);
  return stored.evidenceId;
}
