import { useEffect, useRef, useState } from 'react';
import { describeError } from '../../app/notifications';
import { db } from '../../db';
import { counted, formatNumber } from '../../lib/format';
import { useAuditHead } from './queries';
import type { LedgerVerdict, VerifyProgress } from './verify';
import type { VerifyJob } from './verifyClient';
import { VerifyCancelledError, startVerification } from './verifyClient';
import { FormError } from '../../components/FormFooter';

interface Props {
  /** The panel's heading; the audit log page calls it "Integrity". */
  title?: string;
  /** Offered next to a broken link or a mismatched record when the log can be browsed. */
  onShowEntry?: (seq: number) => void;
  onShowHistory?: (entity: string, key: string) => void;
  children?: React.ReactNode;
}

/** The chain head, and a check of the chain and of every record against it. */
export function VerifyPanel({ title = 'Audit log', onShowEntry, onShowHistory, children }: Props) {
  const head = useAuditHead();
  const [verdict, setVerdict] = useState<LedgerVerdict | null>(null);
  const [progress, setProgress] = useState<VerifyProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useRef<VerifyJob | null>(null);
  const checking = progress !== null;
  // Leaving the page stops a check nobody will read.
  useEffect(() => () => job.current?.cancel(), []);
  const start = () => {
    setProgress({ phase: 'chain', done: 0, total: head.data?.seq ?? 0 });
    setError(null);
    setVerdict(null);
    const running = startVerification(db, setProgress);
    job.current = running;
    running.result
      .then(setVerdict, (failure: unknown) => {
        if (!(failure instanceof VerifyCancelledError)) setError(describeError(failure));
      })
      .finally(() => {
        if (job.current === running) job.current = null;
        setProgress(null);
      });
  };
  return (
    <section className="panel" aria-labelledby="audit-heading">
      <h2 id="audit-heading">{title}</h2>
      <p className="muted">
        Every change is appended to a hash chain in the same transaction as the change itself. The
        head below pins the whole ledger; reports print it.
      </p>
      <dl className="facts">
        <div>
          <dt>Entries</dt>
          <dd>{head.data?.seq ?? 0}</dd>
        </div>
        <div>
          <dt>Head hash</dt>
          <dd>
            <code className="hash">{head.data?.hash ?? '—'}</code>
          </dd>
        </div>
      </dl>
      <div className="row-actions">
        {checking ? (
          <button type="button" className="button" onClick={() => job.current?.cancel()}>
            Cancel verification
          </button>
        ) : (
          <button type="button" className="button" onClick={start}>
            Verify the audit log
          </button>
        )}
        {children}
      </div>
      {progress ? <ProgressText progress={progress} /> : null}
      <FormError message={error} />
      {verdict ? (
        <VerdictText verdict={verdict} onShowEntry={onShowEntry} onShowHistory={onShowHistory} />
      ) : null}
    </section>
  );
}

function VerdictText({
  verdict,
  onShowEntry,
  onShowHistory,
}: { verdict: LedgerVerdict } & Pick<Props, 'onShowEntry' | 'onShowHistory'>) {
  if (!verdict.chain.ok) {
    const broken = verdict.chain.firstBreak;
    return (
      <div className="verdict verdict-bad" role="status">
        <p>
          The chain is broken at entry {broken?.seq} ({broken?.reason.replaceAll('-', ' ')});{' '}
          {counted(verdict.chain.checked, 'entry', 'entries')} before it{' '}
          {verdict.chain.checked === 1 ? 'is' : 'are'} intact. The log or a record was changed
          outside the app.
        </p>
        {onShowEntry && broken ? (
          <button type="button" className="button small" onClick={() => onShowEntry(broken.seq)}>
            Show entry {broken.seq}
          </button>
        ) : null}
      </div>
    );
  }
  if (!verdict.headMatches) {
    return (
      <p className="verdict verdict-bad" role="status">
        The log ends at entry {verdict.chain.head.seq}, but the recorded head is entry{' '}
        {verdict.storedHead.seq}: entries were removed from or added to the end of the log outside
        the app.
      </p>
    );
  }
  if (verdict.mismatches.length > 0) {
    return (
      <div className="verdict verdict-bad" role="status">
        <p>
          The chain is intact, but {counted(verdict.mismatches.length, 'record')}{' '}
          {verdict.mismatches.length === 1 ? 'differs' : 'differ'} from what it records (edited
          behind the app’s back):
        </p>
        <ul>
          {verdict.mismatches.slice(0, 20).map((mismatch) => (
            <li key={`${mismatch.entity}/${mismatch.key}`}>
              {mismatch.entity} {mismatch.key}: {mismatch.problem.replaceAll('-', ' ')}{' '}
              {onShowHistory ? (
                <button
                  type="button"
                  className="button small"
                  onClick={() => onShowHistory(mismatch.entity, mismatch.key)}
                >
                  History
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <p className="verdict verdict-good" role="status">
      Intact: {counted(verdict.entries, 'entry', 'entries')} verified and every record matches its
      last entry.
    </p>
  );
}

function ProgressText({ progress }: { progress: VerifyProgress }) {
  const what = progress.phase === 'chain' ? 'entries' : 'records';
  return (
    <div className="verify-progress">
      <progress
        max={Math.max(progress.total, 1)}
        value={progress.done}
        aria-label={`Verifying ${what}`}
      />
      <span role="status">
        Verifying… {formatNumber(progress.done)} of {formatNumber(progress.total)} {what} checked
      </span>
    </div>
  );
}
