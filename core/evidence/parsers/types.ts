import type { ByteChunks } from '../bytes';
import type { EvidenceSummary } from '../model';

export interface ParseContext {
  /** Dialect found by detection (e.g. `json lines`, `pretty`), when it changes how to read. */
  variant: string;
}

/** Reads a whole stream of one format into the normalised summary. */
export type Parser = (chunks: ByteChunks, context: ParseContext) => Promise<EvidenceSummary>;
