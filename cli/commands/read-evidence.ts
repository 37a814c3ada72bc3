import { sha256OfChunks } from '../../core/evidence/hash';
import type { InspectResult } from '../../core/evidence/inspect';
import { inspectSource } from '../../core/evidence/inspect';
import { fileSource } from '../file-source';
import { UsageError } from '../command';

export interface ReadEvidence {
  file: string;
  size: number;
  sha256: string;
  result: InspectResult;
}

/** Hashes and inspects one file, streaming it (twice: once per concern, each bounded). */
export async function readEvidence(file: string): Promise<ReadEvidence> {
  const source = await fileSource(file).catch((error: unknown) => {
    const code = (error as { code?: string }).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `no such file: ${file}`
        : `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  const [{ sha256, size }, result] = await Promise.all([
    sha256OfChunks(source.open()),
    inspectSource(source),
  ]);
  return { file, size, sha256, result };
}
