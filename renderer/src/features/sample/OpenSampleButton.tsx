import { useState } from 'react';
import { describeError, notify } from '../../app/notifications';
import { FormError } from '../../components/FormFooter';
import type { SampleProgress } from './build';
import { openSample } from './commands';

/**
 * Builds and opens the sample workspace, saying which step it is on; a failure is said and
 * leaves nothing of the sample behind.
 */
export function OpenSampleButton({
  className = 'button',
  children = 'Open the sample workspace',
  describedBy,
}: {
  className?: string;
  children?: React.ReactNode;
  describedBy?: string;
}) {
  const [progress, setProgress] = useState<SampleProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = progress !== null;
  const open = (): void => {
    setError(null);
    setProgress({ step: 'Starting', done: 0, total: 1 });
    openSample(setProgress).then(
      () => {
        setProgress(null);
        notify('success', 'The sample workspace is open: made-up data to explore.');
      },
      (failure: unknown) => {
        setProgress(null);
        setError(
          `The sample could not be built: ${describeError(failure)} Nothing of it was kept.`,
        );
      },
    );
  };
  return (
    <>
      <button
        type="button"
        className={className}
        onClick={open}
        disabled={busy}
        aria-describedby={describedBy}
      >
        {children}
      </button>
      {progress ? (
        <p className="muted" role="status" aria-live="polite">
          Building the sample: {progress.step} ({progress.done + 1} of {progress.total})…
        </p>
      ) : null}
      <FormError message={error} />
    </>
  );
}
