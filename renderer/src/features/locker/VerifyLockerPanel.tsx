import { useEffect, useRef, useState } from 'react';
import type { LockerVerifyProgress, LockerVerifyResult } from '../../../../core/locker/app';
import { getApi } from '../../app/api';
import { onHostEvent } from '../../app/host-events';
import { describeError } from '../../app/notifications';
import { FormError } from '../../components/FormFooter';
import { formatNumber } from '../../lib/format';

/**
 * "Verify the locker": main runs `demo-ledger locker verify`'s own check (every version's
 * retention, every object's content, every bundle put back together and verified under the
 * trust rule) and the verdict is shown as the audit log's is: intact, or what is wrong where.
 */
export function VerifyLockerPanel() {
  const [result, setResult] = useState<LockerVerifyResult | null>(null);
  const [progress, setProgress] = useState<LockerVerifyProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  useEffect(
    () =>
      onHostEvent('locker:verifyProgress', (next) => {
        if (running.current) setProgress(next);
      }),
    [],
  );
  const start = (): void => {
    running.current = true;
    setProgress({ checked: 0, versions: 0 });
    setError(null);
    setResult(null);
    getApi()
      .lockerVerify()
      .then(setResult, (failure: unknown) => setError(describeError(failure)))
      .finally(() => {
        running.current = false;
        setProgress(null);
      });
  };
  return (
    <section className="panel" aria-labelledby="locker-verify-heading">
      <h2 id="locker-verify-heading">Integrity of the locker</h2>
      <p className="muted">
        Reads every object and every version back: each must be kept under the locker’s retention,
        each file must hash to its name, and each bundle must go back together into the file that
        was published and verify against your trusted certificates. Nothing is written to the
        locker.
      </p>
      <div className="row-actions">
        <button type="button" className="button" disabled={progress !== null} onClick={start}>
          Verify the locker
        </button>
      </div>
      {progress ? (
        <div className="verify-progress">
          <progress
            max={Math.max(progress.versions, 1)}
            value={progress.checked}
            aria-label="Verifying the locker"
          />
          <span role="status">
            {progress.versions === 0
              ? 'Listing the locker…'
              : `Verifying… ${formatNumber(progress.checked)} of ${formatNumber(progress.versions)} object versions checked`}
          </span>
        </div>
      ) : null}
      <FormError message={error} />
      {result ? <Verdict result={result} /> : null}
    </section>
  );
}

function Verdict({ result }: { result: LockerVerifyResult }) {
  const counts = `${formatNumber(result.bundles)} bundle${result.bundles === 1 ? '' : 's'} and ${formatNumber(result.blobs)} evidence file${result.blobs === 1 ? '' : 's'} in ${formatNumber(result.versions)} object version${result.versions === 1 ? '' : 's'}`;
  const retention = result.policy.objectLock
    ? `each kept ${formatNumber(result.policy.retentionDays)} days in ${result.policy.mode.toLowerCase()} mode`
    : 'without Object Lock';
  if (result.ok) {
    return (
      <div className="verdict verdict-good" role="status">
        <p>
          Intact: {counts} verified at {result.where}, {retention}; every bundle verified against
          your trusted certificates.
        </p>
        {result.notes.map((note) => (
          <p key={note}>Note: {note}.</p>
        ))}
      </div>
    );
  }
  const more = result.problemCount - result.problems.length;
  return (
    <div className="verdict verdict-bad" role="status">
      <p>
        {formatNumber(result.problemCount)} problem{result.problemCount === 1 ? '' : 's'} in the
        locker at {result.where} ({counts}):
      </p>
      <ul aria-label="Problems in the locker">
        {result.problems.map((problem) => (
          <li key={`${problem.key} ${problem.versionId ?? ''} ${problem.problem}`}>
            <code>{problem.key}</code>
            {problem.versionId ? ` (version ${problem.versionId})` : ''}: {problem.problem}
          </li>
        ))}
      </ul>
      {more > 0 ? (
        <p>and {formatNumber(more)} more; `demo-ledger locker verify` lists them all.</p>
      ) : null}
    </div>
  );
}
