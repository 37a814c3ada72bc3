import type { ReadingFlag } from '../../../../core/evidence/readers';
import { secretsInClear } from '../../../../core/evidence/secrets';
import type { LinkTarget, StatedPeriod } from '../../../../core/model';
import type { ReadEvidence, StoreRecord } from './commands';
import { storeEvidence } from './commands';
import { changesSincePrevious } from './queries';
import type { ReaderConnect } from './blob-reader.worker';
import type { WorkerReply, WorkerRequest } from './worker-protocol';
import { WorkerPool } from './worker-pool';
import { Semaphore } from '../../lib/semaphore';

/**
 * Ingest: each file is hashed and parsed by two workers at once, then stored (content once per
 * hash, then its attachment and links) in one audited transaction. Several files are processed
 * at the same time (`FILES_AT_ONCE`, shared by every caller), each with its own progress and
 * outcome: one file failing or being cancelled never holds up or loses the others. Workers come
 * from warm pools (worker-pool.ts), so a file does not wait for a thread to start.
 */

export interface IngestProgress {
  fileIndex: number;
  fileCount: number;
  fileName: string;
  size: number;
  /** `waiting`: other files are being read; this one starts when one of them is done. */
  phase: 'waiting' | 'reading' | 'storing' | 'done';
  hashedBytes: number;
  parsedBytes: number;
}

export interface IngestedFile {
  evidenceId: string;
  fileName: string;
  sha256: string;
  format: string;
  /** The counts a reviewer reads first, in one line (empty when the file was not summarised). */
  headline: string;
  parseError: string | null;
  /** Why the file shows nothing (scan failed or incomplete, not understood); null when read. */
  flag: ReadingFlag | null;
  /** The same content was already stored; only a new attachment was made. */
  reusedContent: boolean;
  /** A redacted copy was stored instead of the file: secrets replaced. */
  redacted: number | null;
  /** Every target the file was linked to. */
  links: LinkTarget[];
  /** What changed since the previous version of the same evidence, in one line; null if none. */
  changes: string | null;
  hashMilliseconds: number;
}

export interface IngestOptions {
  workspaceId: string;
  /** Attach every file to these targets too (a control, a demo item ...). */
  links?: readonly LinkTarget[];
  /** Targets decided per file from what was read (its format and summary), added to `links`. */
  linksFor?: (read: ReadEvidence) => readonly LinkTarget[];
  /** The period the person attaching states, for files that carry no date of their own. */
  statedPeriod?: StatedPeriod;
  signal?: AbortSignal;
  onProgress?: (progress: IngestProgress) => void;
  /** Another feature's record of each file, written in the transaction that stores it. */
  record?: StoreRecord;
  /**
   * Asked when a file holds secrets in clear (a Metasploit export with credentials): store it
   * as it is, or a redacted copy instead. Without it the file is stored as it is, and its page
   * says that it holds secrets.
   */
  chooseCopy?: (offer: SecretsOffer) => Promise<'original' | 'redacted'>;
}

/** A file about to be stored that holds secrets in clear. */
export interface SecretsOffer {
  fileName: string;
  format: string;
  /** How many secrets its reader found in clear (never the secrets). */
  secrets: number;
}

export class IngestCanceled extends Error {
  override readonly name = 'IngestCanceled';
  constructor() {
    super('Ingest canceled; nothing more was stored.');
  }
}

/** Files processed at once, by every caller together: enough to overlap reading, hashing and storing. */
export const FILES_AT_ONCE = 3;
/** Below this size the hasher reads the file itself: a reader thread only pays off for large files. */
const READER_THREAD_FROM = 16 * 1024 * 1024;
const IDLE_MS = 30_000;

const evidenceWorkers = new WorkerPool(
  () => new Worker(new URL('./evidence.worker.ts', import.meta.url), { type: 'module' }),
  { idleMs: IDLE_MS, warmCount: 2 },
);
const readerWorkers = new WorkerPool(
  () => new Worker(new URL('./blob-reader.worker.ts', import.meta.url), { type: 'module' }),
  { idleMs: IDLE_MS, warmCount: 0 },
);

/**
 * Keeps a hasher and a parser started until the returned function is called: presenter mode
 * holds them while it is open, so a file dropped there starts at once.
 */
export function holdIngestWarm(): () => void {
  return evidenceWorkers.holdWarm();
}

const slots = new Semaphore(FILES_AT_ONCE);

function runWorker(
  request: WorkerRequest,
  onProgress: (bytes: number) => void,
  signal: AbortSignal | undefined,
): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new IngestCanceled());
      return;
    }
    const worker = evidenceWorkers.acquire();
    // Large files get a second thread that reads them, so reading and hashing overlap.
    const reader =
      request.type === 'hash' && request.file.size >= READER_THREAD_FROM
        ? readerWorkers.acquire()
        : null;
    let settled = false;
    const end = (clean: boolean): void => {
      settled = true;
      signal?.removeEventListener('abort', stop);
      if (clean) evidenceWorkers.release(worker);
      else evidenceWorkers.discard(worker);
      if (reader && clean) readerWorkers.release(reader);
      else if (reader) readerWorkers.discard(reader);
    };
    const stop = (): void => {
      if (settled) return;
      end(false);
      reject(new IngestCanceled());
    };
    signal?.addEventListener('abort', stop, { once: true });
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (reply.type === 'progress') {
        onProgress(reply.bytes);
        return;
      }
      end(reply.type !== 'failed');
      if (reply.type === 'failed') reject(new Error(reply.message));
      else resolve(reply);
    };
    worker.onerror = (event) => {
      end(false);
      reject(new Error(event.message || 'The evidence worker failed.'));
    };
    if (reader) {
      reader.onerror = (event) => {
        end(false);
        reject(new Error(event.message || 'The file reader worker failed.'));
      };
    }
    if (reader && request.type === 'hash') {
      const channel = new MessageChannel();
      reader.postMessage({ type: 'connect', port: channel.port1 } satisfies ReaderConnect, [
        channel.port1,
      ]);
      worker.postMessage({ ...request, reader: channel.port2 } satisfies WorkerRequest, [
        channel.port2,
      ]);
    } else {
      worker.postMessage(request);
    }
  });
}

/**
 * If the parsing worker itself fails (out of memory, a crash), the file is still stored and
 * attached, as unreadable with the reason; only the hash is indispensable.
 */
function unreadable(error: unknown): WorkerReply {
  if (error instanceof IngestCanceled) throw error;
  return {
    type: 'inspected',
    detection: { format: 'binary', variant: 'unreadable', mediaType: 'application/octet-stream' },
    outcome: {
      ok: false,
      format: 'binary',
      error: `The file could not be read: ${error instanceof Error ? error.message : String(error)}`,
    },
  };
}

/**
 * Reads one stored or dropped file with the evidence readers on a worker thread. A crash of the
 * worker is an unreadable file with the reason, never a lost one.
 */
export async function inspectInWorker(
  file: Blob,
  name: string,
  onProgress: (bytes: number) => void = () => undefined,
  signal?: AbortSignal,
): Promise<Extract<WorkerReply, { type: 'inspected' }>> {
  const reply = await runWorker({ type: 'inspect', file, name }, onProgress, signal).catch(
    (error: unknown) => unreadable(error),
  );
  if (reply.type !== 'inspected') throw new Error('The evidence worker answered out of turn.');
  return reply;
}

/**
 * A stored file's findings read again on a worker thread, listing up to `limit` (the stored
 * summary lists at most MAX_ITEMS). `onProgress` hears the bytes read so far.
 */
export async function readFindingsInWorker(
  file: Blob,
  name: string,
  limit: number,
  onProgress: (bytes: number) => void,
  signal: AbortSignal,
): Promise<Extract<WorkerReply, { type: 'findings' }>> {
  const reply = await runWorker({ type: 'findings', file, name, limit }, onProgress, signal);
  if (reply.type !== 'findings') throw new Error('The evidence worker answered out of turn.');
  return reply;
}

/** One file's outcome: stored, or why not (`canceled` when the user stopped it). */
export type IngestOutcome =
  | { ok: true; file: IngestedFile }
  | { ok: false; fileName: string; error: unknown; canceled: boolean };

/**
 * Ingests every file, several at once, and resolves when all are done, with each file's outcome
 * in the order given. Each file is stored as soon as it is read, whatever happens to the others.
 */
export function ingestEach(
  files: readonly File[],
  options: IngestOptions,
): Promise<IngestOutcome[]> {
  return Promise.all(
    files.map((file, fileIndex) =>
      ingestOne(file, fileIndex, files.length, options).then(
        (stored): IngestOutcome => ({ ok: true, file: stored }),
        (error: unknown): IngestOutcome => ({
          ok: false,
          fileName: file.name,
          error,
          canceled: error instanceof IngestCanceled,
        }),
      ),
    ),
  );
}

/**
 * Like `ingestEach`, for callers that want all or an error: rejects with the first failure once
 * every file is done (files stored meanwhile stay stored).
 */
export async function ingestFiles(
  files: readonly File[],
  options: IngestOptions,
): Promise<IngestedFile[]> {
  const outcomes = await ingestEach(files, options);
  const failed = outcomes.find((outcome) => !outcome.ok);
  if (failed) throw failed.error;
  return outcomes.flatMap((outcome) => (outcome.ok ? [outcome.file] : []));
}

async function ingestOne(
  file: File,
  fileIndex: number,
  fileCount: number,
  options: IngestOptions,
): Promise<IngestedFile> {
  const progress: IngestProgress = {
    fileIndex,
    fileCount,
    fileName: file.name,
    size: file.size,
    phase: 'waiting',
    hashedBytes: 0,
    parsedBytes: 0,
  };
  const report = (): void => options.onProgress?.({ ...progress });
  report();
  const release = await slots.acquire(options.signal).catch(() => {
    throw new IngestCanceled();
  });
  try {
    progress.phase = 'reading';
    report();
    // Timings go to the Performance timeline, where the benchmarks read them.
    const started = performance.now();
    const [hashed, inspected] = await Promise.all([
      runWorker(
        { type: 'hash', file },
        (bytes) => {
          progress.hashedBytes = bytes;
          report();
        },
        options.signal,
      ).then((reply) => {
        performance.measure(`evidence-hash:${file.name}`, { start: started });
        return reply;
      }),
      inspectInWorker(
        file,
        file.name,
        (bytes) => {
          progress.parsedBytes = bytes;
          report();
        },
        options.signal,
      ).then((reply) => {
        performance.measure(`evidence-read:${file.name}`, { start: started });
        return reply;
      }),
    ]);
    if (hashed.type !== 'hashed' || inspected.type !== 'inspected')
      throw new Error('The evidence worker answered out of turn.');
    if (options.signal?.aborted) throw new IngestCanceled();
    const chosen = await chosenCopy(file, hashed.sha256, inspected, options);
    progress.phase = 'storing';
    progress.hashedBytes = file.size;
    progress.parsedBytes = file.size;
    report();
    const stored = await storeEvidence({
      workspaceId: options.workspaceId,
      file: chosen.file,
      sha256: chosen.sha256,
      detection: chosen.inspected.detection,
      outcome: chosen.inspected.outcome,
      redactedFrom: chosen.redactedFrom,
      links: options.links ?? [],
      linksFor: options.linksFor,
      statedPeriod: options.statedPeriod,
      record: options.record,
    });
    performance.measure(`evidence-ingest:${file.name}`, { start: started });
    release();
    progress.phase = 'done';
    report();
    return {
      ...stored,
      changes: await changesSincePrevious(stored.evidenceId),
      fileName: file.name,
      sha256: chosen.sha256,
      redacted: chosen.redactedFrom?.secrets ?? null,
      hashMilliseconds: hashed.milliseconds,
    };
  } finally {
    release();
  }
}

type Inspected = Extract<WorkerReply, { type: 'inspected' }>;

interface ChosenCopy {
  file: File;
  sha256: string;
  inspected: Inspected;
  redactedFrom: { sha256: string; secrets: number } | undefined;
}

/**
 * The file to store: the one attached, or, when it holds secrets and the person chooses so, a
 * redacted copy made, hashed and read again on workers (the original's bytes are never stored).
 */
async function chosenCopy(
  file: File,
  sha256: string,
  inspected: Inspected,
  options: IngestOptions,
): Promise<ChosenCopy> {
  const original = { file, sha256, inspected, redactedFrom: undefined };
  const summary = inspected.outcome.ok ? inspected.outcome.summary : null;
  const secrets = summary ? secretsInClear(summary) : 0;
  if (secrets === 0 || !options.chooseCopy || !summary) return original;
  const choice = await options.chooseCopy({ fileName: file.name, format: summary.format, secrets });
  if (options.signal?.aborted) throw new IngestCanceled();
  if (choice === 'original') return original;
  const none = (): void => undefined;
  const redacted = await runWorker(
    { type: 'redact', file, format: summary.format },
    none,
    options.signal,
  );
  if (redacted.type !== 'redacted') throw new Error('The evidence worker answered out of turn.');
  const copy = new File([redacted.copy], file.name, { type: file.type });
  const [hashed, read] = await Promise.all([
    runWorker({ type: 'hash', file: copy }, none, options.signal),
    inspectInWorker(copy, file.name, none, options.signal),
  ]);
  if (hashed.type !== 'hashed') throw new Error('The evidence worker answered out of turn.');
  return {
    file: copy,
    sha256: hashed.sha256,
    inspected: read,
    redactedFrom: { sha256, secrets: redacted.replaced },
  };
}
