import type { AttachJob } from './attach-jobs';

const PHASES: Readonly<Record<AttachJob['progress']['phase'], string>> = {
  waiting: 'Waiting',
  reading: 'Hashing and reading',
  storing: 'Storing',
};

/**
 * Files being attached, one line each: what is happening to it, how far, and its own Cancel
 * (nothing of a cancelled file is kept). Files dropped on another item say which.
 */
export function AttachJobs({ jobs, itemId }: { jobs: readonly AttachJob[]; itemId: string }) {
  if (jobs.length === 0) return null;
  return (
    <section className="attach-jobs" aria-label="Attaching evidence">
      <ul>
        {jobs.map((job) => (
          <li key={job.id} className="attach-job">
            <span className="attach-job-name">
              {job.progress.fileName}
              {job.itemId === itemId ? null : <span className="muted"> → {job.itemLabel}</span>}
            </span>
            <span className="attach-job-phase">{PHASES[job.progress.phase]}</span>
            <progress
              max={100}
              value={job.progress.phase === 'waiting' ? 0 : job.progress.percent}
              aria-label={`Progress for ${job.progress.fileName}`}
            >
              {job.progress.percent}%
            </progress>
            <button
              type="button"
              className="button small"
              onClick={job.cancel}
              aria-label={`Cancel ${job.progress.fileName}`}
            >
              Cancel
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
