import { useRef, useState } from 'react';
import { describeError } from '../../app/notifications';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { ProblemsVerdict } from '../../components/ProblemsVerdict';
import { db } from '../../db';
import { counted, formatBytes, formatDateTime } from '../../lib/format';
import type { WorkerJob } from '../../lib/workerJob';
import type { ArchiveInspection, RestoreProgress, RestoreResult } from './restore';
import { RestoreCancelledError, startInspection, startRestore } from './restore';

type Step =
  | { kind: 'choose' }
  | { kind: 'checking'; progress: RestoreProgress | null }
  | { kind: 'checked'; file: File; inspection: ArchiveInspection }
  | { kind: 'restoring'; progress: RestoreProgress | null }
  | { kind: 'done'; result: RestoreResult }
  | { kind: 'failed'; message: string }
  | { kind: 'cancelled' };

const REPLACE_WORD = 'replace';

/**
 * Restore: choose a file, see it checked in full (nothing is written yet), then restore it into
 * an empty profile, or replace everything after typing a confirmation. Any failure leaves the
 * store exactly as it was.
 */
export function RestoreDialog({
  open,
  onClose,
  onRestored,
}: {
  open: boolean;
  onClose: () => void;
  /** Called once the restore is complete. */
  onRestored?: () => void;
}) {
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [typed, setTyped] = useState('');
  const job = useRef<WorkerJob<unknown> | null>(null);
  const busy = step.kind === 'checking' || step.kind === 'restoring';
  // Once written, the restored ledger is being checked: there is nothing left to cancel.
  const cancellable = busy && step.progress?.phase !== 'checking';
  const close = (): void => {
    if (busy) return;
    setStep({ kind: 'choose' });
    setTyped('');
    onClose();
  };
  const failed = (error: unknown, outcome: string): void => {
    job.current = null;
    setStep(
      error instanceof RestoreCancelledError
        ? { kind: 'cancelled' }
        : { kind: 'failed', message: `${describeError(error)}${outcome}` },
    );
  };
  const check = (file: File): void => {
    setStep({ kind: 'checking', progress: null });
    const running = startInspection(db, file, (progress) =>
      setStep({ kind: 'checking', progress }),
    );
    job.current = running;
    running.result.then(
      (inspection) => {
        job.current = null;
        setStep({ kind: 'checked', file, inspection });
      },
      (error: unknown) => failed(error, ''),
    );
  };
  const restore = (file: File, inspection: ArchiveInspection): void => {
    setStep({ kind: 'restoring', progress: null });
    const running = startRestore(db, file, inspection, {
      replace: !inspection.profileEmpty,
      onProgress: (progress) => setStep({ kind: 'restoring', progress }),
    });
    job.current = running;
    running.result.then(
      (result) => {
        job.current = null;
        setStep({ kind: 'done', result });
        onRestored?.();
      },
      (error: unknown) => failed(error, ' Nothing was changed.'),
    );
  };

  return (
    <Dialog open={open} title="Restore from a backup" onClose={close} wide>
      <div className="restore-body">
        {step.kind === 'choose' || step.kind === 'failed' || step.kind === 'cancelled' ? (
          <div className="field">
            <label htmlFor="restore-file">Backup file</label>
            <input
              id="restore-file"
              type="file"
              accept=".dlbackup"
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (file) check(file);
              }}
            />
            <p className="field-hint">
              The whole file is checked before anything is written: every SHA-256, the audit chain
              and every record.
            </p>
          </div>
        ) : null}
        {step.kind === 'failed' ? (
          <p className="form-error" role="alert">
            {step.message}
          </p>
        ) : null}
        {step.kind === 'cancelled' ? (
          <p className="muted" role="status">
            Cancelled. Nothing was changed.
          </p>
        ) : null}
        {busy ? <ProgressLine progress={step.progress} /> : null}
        {step.kind === 'checked' ? (
          <CheckedArchive
            inspection={step.inspection}
            typed={typed}
            onType={setTyped}
            onRestore={() => restore(step.file, step.inspection)}
          />
        ) : null}
        {step.kind === 'done' ? (
          <p className="verdict verdict-good" role="status">
            Restored {step.result.rows} records and {step.result.blobs} stored files.{' '}
            {step.result.ledger.chain.ok &&
            step.result.ledger.headMatches &&
            step.result.ledger.mismatches.length === 0
              ? `The audit log is intact: ${step.result.ledger.entries} entries, head ${step.result.ledger.chain.head.hash}.`
              : 'The restored audit log does not verify; see Settings → Audit log.'}
          </p>
        ) : null}
      </div>
      <div className="dialog-actions">
        {cancellable ? (
          <button type="button" className="button" onClick={() => job.current?.cancel()}>
            Cancel
          </button>
        ) : null}
        <button type="button" className="button" onClick={close} disabled={busy}>
          Done
        </button>
      </div>
    </Dialog>
  );
}

function ProgressLine({ progress }: { progress: RestoreProgress | null }) {
  const text =
    progress === null
      ? 'Starting…'
      : progress.phase === 'verifying'
        ? `Checking the archive: ${formatBytes(progress.bytes)} of ${formatBytes(progress.total)}`
        : progress.phase === 'writing'
          ? `Restoring: ${progress.rows} of ${progress.total} records written`
          : `Checking the restored audit log: ${progress.done} of ${progress.total}`;
  return (
    <p className="muted" role="status" aria-live="polite">
      {text}
    </p>
  );
}

function CheckedArchive({
  inspection,
  typed,
  onType,
  onRestore,
}: {
  inspection: ArchiveInspection;
  typed: string;
  onType: (text: string) => void;
  onRestore: () => void;
}) {
  const { verdict, incompatibility, profileEmpty } = inspection;
  const manifest = verdict.manifest;
  if (!verdict.ok || !manifest) {
    return (
      <ProblemsVerdict
        lead="This archive cannot be restored"
        problems={verdict.problems}
        fallback="it did not verify"
        outcome="Nothing was changed."
      />
    );
  }
  const rows = manifest.database.tables.reduce((sum, table) => sum + table.rows, 0);
  return (
    <div>
      <p className="verdict verdict-good" role="status">
        Verified: every file matches its SHA-256 and the audit chain is intact (
        {verdict.chain.checked} entries).
      </p>
      <dl className="facts">
        <div>
          <dt>Made</dt>
          <dd>
            {formatDateTime(manifest.createdAt)} by {manifest.createdBy || 'unknown'}
          </dd>
        </div>
        <div>
          <dt>Contents</dt>
          <dd>
            {counted(rows, 'record')} in {counted(manifest.database.tables.length, 'table')},{' '}
            {counted(manifest.blobs.count, 'stored file')} ({formatBytes(manifest.blobs.bytes)})
          </dd>
        </div>
        <div>
          <dt>Chain head</dt>
          <dd>
            <code className="hash">{manifest.audit.head.hash}</code>
          </dd>
        </div>
      </dl>
      {incompatibility ? (
        <p className="form-error" role="alert">
          {incompatibility}
        </p>
      ) : profileEmpty ? (
        <button type="button" className="button primary" onClick={onRestore}>
          Restore
        </button>
      ) : (
        <>
          <p className="form-error">
            This profile already holds data. Restoring replaces all of it, including the audit log,
            with the backup’s.
          </p>
          <TextField
            label={`Type “${REPLACE_WORD}” to confirm`}
            value={typed}
            onChange={(event) => onType(event.target.value)}
          />
          <button
            type="button"
            className="button danger"
            disabled={typed.trim() !== REPLACE_WORD}
            onClick={onRestore}
          >
            Replace all data
          </button>
        </>
      )}
    </div>
  );
}
