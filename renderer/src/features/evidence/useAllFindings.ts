import { useEffect, useState } from 'react';
import type { Finding, FindingSummary } from '../../../../core/evidence/model';
import { IngestCanceled, readFindingsInWorker } from './ingest';
import { readBlob } from './queries';

/**
 * Every finding of a stored file. The stored summary lists at most MAX_ITEMS (its counts are
 * exact); past that, the stored file itself is read again on a worker thread, listing up to
 * FINDINGS_READ_BUDGET findings within FINDINGS_READ_MS. Until it is read, and when reading
 * fails, the stored list is what there is, and the state says so.
 */

/** Findings a re-read lists at most: about 50 MB of rows in the window, whatever the file. */
export const FINDINGS_READ_BUDGET = 50_000;
/** How long a re-read may take before it is stopped (the file was read once already at attach). */
export const FINDINGS_READ_MS = 120_000;

export type AllFindings =
  /** The stored summary lists every finding. */
  | { state: 'stored'; items: readonly Finding[]; total: number }
  /** The stored list is shown while the file is read; `bytes` of `size` read so far. */
  | { state: 'reading'; items: readonly Finding[]; total: number; bytes: number; size: number }
  /** Read from the file: `items` lists all `total`, unless the budget stopped the list. */
  | { state: 'read'; items: readonly Finding[]; total: number; storedTotal: number }
  /** The file could not be read again: the stored list, and why. */
  | { state: 'failed'; items: readonly Finding[]; total: number; reason: string };

/** What the re-read has come to; the stored list fills in the rest when the page draws. */
type Progress =
  | { state: 'reading'; bytes: number; size: number }
  | { state: 'read'; items: readonly Finding[]; total: number }
  | { state: 'failed'; reason: string };

export function useAllFindings(
  sha256: string,
  fileName: string,
  stored: FindingSummary,
  budget = FINDINGS_READ_BUDGET,
): AllFindings {
  const complete = stored.items.length >= stored.total;
  const [progress, setProgress] = useState<{ key: string; progress: Progress } | null>(null);
  const key = `${sha256}|${budget}`;

  // Depends on the file, not on the summary object: a summary read again from the database
  // (after any write) is the same file and must not start the reading over.
  useEffect(() => {
    if (complete) return undefined;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, FINDINGS_READ_MS);
    const settle = (next: Progress): void => {
      // A result for another file (or after the page was left) never lands.
      if (!controller.signal.aborted || timedOut) setProgress({ key, progress: next });
    };
    void (async () => {
      const blob = await readBlob(sha256);
      if (!blob) {
        settle({ state: 'failed', reason: 'the stored file is missing' });
        return;
      }
      settle({ state: 'reading', bytes: 0, size: blob.size });
      const reply = await readFindingsInWorker(
        blob,
        fileName,
        budget,
        (bytes) => settle({ state: 'reading', bytes, size: blob.size }),
        controller.signal,
      );
      if (reply.error !== null || reply.findings === null)
        settle({ state: 'failed', reason: reply.error ?? 'it lists no findings now' });
      else settle({ state: 'read', items: reply.findings.items, total: reply.findings.total });
    })()
      .catch((error: unknown) => {
        if (error instanceof IngestCanceled && !timedOut) return;
        settle({
          state: 'failed',
          reason: timedOut
            ? `reading it took longer than ${FINDINGS_READ_MS / 1000} s`
            : error instanceof Error
              ? error.message
              : String(error),
        });
      })
      .finally(() => clearTimeout(timer));
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [complete, key, sha256, fileName, budget]);

  const base = { items: stored.items, total: stored.total };
  if (complete) return { state: 'stored', ...base };
  const now = progress?.key === key ? progress.progress : null;
  if (now === null) return { state: 'reading', ...base, bytes: 0, size: 0 };
  if (now.state === 'read')
    return { state: 'read', items: now.items, total: now.total, storedTotal: stored.total };
  return { ...base, ...now };
}
