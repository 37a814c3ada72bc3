import './first-run.css';
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { useQuery } from '../../lib/useQuery';
import type { FirstRunStep } from './steps';
import { FIRST_RUN_STEPS } from './steps';

/** Which first-run steps are still pending; undefined while it is being read. */
function usePendingSteps(steps: readonly FirstRunStep[]): boolean[] | undefined {
  return useQuery(() => Promise.all(steps.map((step) => step.pending())), [steps]).data;
}

/**
 * Shows the first pending first-run step instead of the app, and the app once every step is
 * taken. `onReady` is called once it is known which of the two to show.
 */
export function FirstRunGate({
  children,
  onReady,
  steps = FIRST_RUN_STEPS,
}: {
  children: ReactNode;
  onReady: () => void;
  steps?: readonly FirstRunStep[];
}) {
  const pending = usePendingSteps(steps);
  const loaded = pending !== undefined;
  useEffect(() => {
    if (loaded) onReady();
  }, [loaded, onReady]);
  if (pending === undefined) return null;
  const index = pending.indexOf(true);
  const current = steps[index];
  if (current === undefined) return <>{children}</>;
  return (
    <main className="first-run" aria-labelledby="first-run-heading">
      <div className="first-run-card">
        <p className="brand first-run-brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          Demo Ledger
        </p>
        {steps.length > 1 ? (
          <ol className="first-run-steps" aria-label="First-run steps">
            {steps.map((step, position) => (
              <li
                key={step.id}
                aria-current={position === index ? 'step' : undefined}
                className={pending[position] === false ? 'done' : undefined}
              >
                {step.title}
              </li>
            ))}
          </ol>
        ) : null}
        <current.Component />
      </div>
    </main>
  );
}
