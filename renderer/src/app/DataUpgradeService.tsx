import { useEffect, useState } from 'react';
import { db } from '../db';
import type { DataUpgrade, UpgradeFailure, UpgradeProgress } from '../db/upgrades';
import { runDataUpgrades } from '../db/upgrades';
import { describeError } from './notifications';
import { DATA_UPGRADES } from './upgrades';
import { formatNumber } from '../lib/format';

type Run =
  | { phase: 'idle' }
  | { phase: 'running'; progress: UpgradeProgress | null }
  | { phase: 'failed'; failures: UpgradeFailure[] };

/**
 * Always mounted: brings stored records up to date after start-up (db/upgrades.ts), showing
 * what it is doing while it works and why it stopped if an upgrade fails. Nothing else waits
 * for it: the app stays usable, and an interrupted upgrade goes on at the next start.
 */
export function DataUpgradeService({
  upgrades = DATA_UPGRADES,
}: {
  upgrades?: readonly DataUpgrade[];
}) {
  const [run, setRun] = useState<Run>(() =>
    upgrades.length === 0 ? { phase: 'idle' } : { phase: 'running', progress: null },
  );
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (upgrades.length === 0) return;
    const controller = new AbortController();
    void runDataUpgrades(db, upgrades, {
      signal: controller.signal,
      onProgress: (progress) => {
        if (!controller.signal.aborted) setRun({ phase: 'running', progress });
      },
    }).then(
      ({ failed }) => {
        if (controller.signal.aborted) return;
        setRun(failed.length > 0 ? { phase: 'failed', failures: failed } : { phase: 'idle' });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setRun({ phase: 'failed', failures: [{ id: 'upgrades', title: 'Updating', error }] });
      },
    );
    return () => controller.abort();
  }, [upgrades, attempt]);

  if (run.phase === 'idle') return null;
  if (run.phase === 'failed') {
    return (
      <section className="data-upgrades" role="alert" aria-label="Updating stored records">
        {run.failures.map((failure) => (
          <p key={failure.id}>
            {failure.title} stopped: {describeError(failure.error)} Nothing already stored was lost;
            it will go on from where it stopped.
          </p>
        ))}
        <button
          type="button"
          onClick={() => {
            setRun({ phase: 'running', progress: null });
            setAttempt((value) => value + 1);
          }}
        >
          Try again
        </button>
      </section>
    );
  }
  const { progress } = run;
  return (
    <section className="data-upgrades" role="status" aria-label="Updating stored records">
      <p>
        {progress === null
          ? 'Updating stored records…'
          : progress.total === null
            ? `${progress.title}: ${formatNumber(progress.done)} done`
            : `${progress.title}: ${formatNumber(progress.done)} of ${formatNumber(progress.total)}`}
      </p>
      {progress?.total ? (
        <progress
          max={Math.max(1, progress.total)}
          value={progress.done}
          aria-label={progress.title}
        />
      ) : null}
    </section>
  );
}
