import type { Detection } from '../../../../core/evidence/detect';
import type { InspectOutcome } from '../../../../core/evidence/model';

/** Messages between the ingest code and the evidence worker (hashing or parsing one file). */
export type WorkerRequest =
  /** `reader`: a port to a blob-reader worker that reads the file on another thread. */
  | { type: 'hash'; file: Blob; reader?: MessagePort }
  | { type: 'inspect'; file: Blob; name: string };

export type WorkerReply =
  | { type: 'progress'; bytes: number }
  | { type: 'hashed'; sha256: string; size: number; milliseconds: number }
  | { type: 'inspected'; detection: Detection; outcome: InspectOutcome }
  | { type: 'failed'; message: string };
