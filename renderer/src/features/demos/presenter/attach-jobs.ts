import { describeError, notify } from '../../../app/notifications';
import { createSharedValue } from '../../../lib/sharedValue';
import { ITEM_EVIDENCE_TABLES, recordEvidence } from '../record-commands';
import type { AttachedFile, AttachProgress, EvidenceAttach, EvidenceTarget } from '../slots';

/**
 * Files being attached in presenter mode, one job per file. Jobs live outside the component:
 * the meeting goes on while they run (other items, verdicts, notes), a second drop joins the
 * first, and leaving presenter mode does not stop what was dropped. Each job has its own
 * progress and its own cancel; the store processes several at once.
 */
export interface AttachJob {
  id: number;
  demoId: string;
  itemId: string;
  /** How the item is named in the list (its key, else its title). */
  itemLabel: string;
  progress: AttachProgress;
  cancel: () => void;
}

const jobs = createSharedValue<readonly AttachJob[]>([]);
let nextJob = 1;

function update(id: number, change: (job: AttachJob) => AttachJob | null): void {
  jobs.set(
    jobs.get().flatMap((job) => {
      if (job.id !== id) return [job];
      const next = change(job);
      return next ? [next] : [];
    }),
  );
}

export function useAttachJobs(demoId: string): readonly AttachJob[] {
  return jobs.use().filter((job) => job.demoId === demoId);
}

export function cancelAttachJobs(demoId: string): void {
  for (const job of jobs.get()) if (job.demoId === demoId) job.cancel();
}

type Outcome =
  | { kind: 'attached'; file: AttachedFile }
  | { kind: 'canceled'; name: string }
  | { kind: 'failed'; name: string; reason: string };

/**
 * Attaches each file to the target item through the evidence slot, each file its own job, and
 * says once, when all of this drop are done, what was attached, cancelled or refused.
 */
export async function attachDropped(
  files: readonly File[],
  target: EvidenceTarget,
  itemLabel: string,
  store: Pick<EvidenceAttach, 'attach'>,
): Promise<void> {
  const outcomes = await Promise.all(
    files.map(async (file): Promise<Outcome> => {
      const id = nextJob;
      nextJob += 1;
      const abort = new AbortController();
      jobs.set([
        ...jobs.get(),
        {
          id,
          demoId: target.demoId,
          itemId: target.itemId,
          itemLabel,
          progress: {
            fileName: file.name,
            fileIndex: 0,
            fileCount: 1,
            percent: 0,
            phase: 'waiting',
          },
          cancel: () => abort.abort(),
        },
      ]);
      try {
        const [attached] = await store.attach([file], target, {
          record: async (ref) => {
            await recordEvidence(target.itemId, [ref]);
          },
          recordTables: ITEM_EVIDENCE_TABLES,
          onProgress: (progress) => update(id, (job) => ({ ...job, progress })),
          signal: abort.signal,
        });
        return attached
          ? { kind: 'attached', file: attached }
          : { kind: 'failed', name: file.name, reason: 'nothing was stored' };
      } catch (error) {
        return abort.signal.aborted
          ? { kind: 'canceled', name: file.name }
          : { kind: 'failed', name: file.name, reason: describeError(error) };
      } finally {
        update(id, () => null);
      }
    }),
  );
  announce(outcomes, itemLabel);
}

function announce(outcomes: readonly Outcome[], itemLabel: string): void {
  const attached = outcomes.flatMap((outcome) =>
    outcome.kind === 'attached' ? [outcome.file] : [],
  );
  const failed = outcomes.flatMap((outcome) => (outcome.kind === 'failed' ? [outcome] : []));
  const canceled = outcomes.filter((outcome) => outcome.kind === 'canceled').length;
  if (attached.length > 0) {
    // A file that shows nothing is said as loudly as an error, and stays until dismissed.
    notify(
      attached.some((file) => file.flagged === true) ? 'error' : 'success',
      attached.length === 1 && attached[0]
        ? `Attached to ${itemLabel}: ${describe(attached[0])}`
        : `${attached.length} files attached to ${itemLabel}: ${attached.map(describe).join(' · ')}`,
    );
  }
  if (canceled > 0)
    notify(
      'info',
      `${canceled === 1 ? 'One file' : `${canceled} files`} not attached: cancelled before it was stored.`,
    );
  if (failed.length > 0)
    notify(
      'error',
      `Not attached to ${itemLabel}: ${failed.map((failure) => `${failure.name} (${failure.reason})`).join('; ')}`,
    );
}

/** Linked at once by meaning; the notice says where, and K changes it. */
function describe(file: AttachedFile): string {
  const linked =
    file.controls.length > 0
      ? `linked to ${file.controls.join(', ')}`
      : 'linked to none of the item’s controls';
  return `${file.name}: ${file.headline}${file.changes ? `; ${file.changes}` : ''}; ${linked} (K to change)`;
}
