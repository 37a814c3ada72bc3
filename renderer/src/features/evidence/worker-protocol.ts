import type { Detection } from '../../../../core/evidence/detect';
import type { FindingSummary, FormatId, InspectOutcome } from '../../../../core/evidence/model';

/** Messages between the ingest code and the evidence worker (hashing or parsing one file). */
export type WorkerRequest =
  /** `reader`: a port to a blob-reader worker that reads the file on another thread. */
  | { type: 'hash'; file: Blob; reader?: MessagePort }
  | { type: 'inspect'; file: Blob; name: string }
  /** The file's findings, listing up to `limit` of them (the counts are exact). */
  | { type: 'findings'; file: Blob; name: string; limit: number }
  /** A copy of a file of `format` with its secrets replaced (core/evidence/redact.ts). */
  | { type: 'redact'; file: Blob; format: FormatId };

export type WorkerReply =
  | { type: 'progress'; bytes: number }
  | { type: 'hashed'; sha256: string; size: number; milliseconds: number }
  | { type: 'inspected'; detection: Detection; outcome: InspectOutcome }
  | { type: 'redacted'; copy: Blob; replaced: number }
  /** `findings` is null when the file holds no list of findings; `error` when it was unreadable. */
  | { type: 'findings'; findings: FindingSummary | null; error: string | null }
  | { type: 'failed'; message: string };
