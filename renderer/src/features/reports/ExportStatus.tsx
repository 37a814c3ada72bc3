import { PassphraseDialog } from '../signing/PassphraseDialog';
import type { useReportExport } from './useReportExport';
import { VerificationView } from './VerificationView';

const PHASE_LABELS = {
  layout: 'Laying out',
  attachments: 'Embedding evidence',
  saving: 'Writing the PDF',
  done: 'Done',
} as const;

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * Where a signed export stands: building (with cancel), sending to be signed, signing, the
 * passphrase prompt, a failure, or the verifier's verdict on the saved file.
 */
export function ExportStatus({ exporter }: { exporter: ReturnType<typeof useReportExport> }) {
  const { phase } = exporter;
  const progress = phase.step === 'building' ? phase.progress : null;
  const percent =
    phase.step === 'sending'
      ? Math.round((phase.sent / Math.max(1, phase.total)) * 100)
      : progress && progress.total > 0
        ? Math.round((progress.done / progress.total) * 100)
        : 0;
  return (
    <>
      {phase.step === 'building' || phase.step === 'sending' ? (
        <div className="build-progress">
          <progress
            max={100}
            value={percent}
            aria-label={
              phase.step === 'building' ? 'Building the report' : 'Sending the report to be signed'
            }
          />
          <span className="muted">
            {phase.step === 'sending'
              ? `Sending ${mebibytes(phase.sent)} of ${mebibytes(phase.total)}`
              : progress
                ? `${PHASE_LABELS[progress.phase]} ${progress.done} / ${progress.total}`
                : 'Starting…'}
          </span>
          <button type="button" className="button small" onClick={exporter.cancel}>
            Cancel
          </button>
        </div>
      ) : null}
      {phase.step === 'signing' ? (
        <p className="muted" role="status">
          Signing…
        </p>
      ) : null}
      {phase.step === 'failed' ? (
        <p className="form-error" role="alert">
          {phase.message}
        </p>
      ) : null}
      {phase.step === 'done' ? (
        <>
          <p className="muted">Saved {phase.path}.</p>
          <VerificationView report={phase.verification} fileName={phase.fileName} />
        </>
      ) : null}
      <PassphraseDialog
        open={phase.step === 'passphrase'}
        error={phase.step === 'passphrase' ? phase.error : null}
        onSubmit={exporter.unlock}
        onClose={exporter.cancel}
      />
    </>
  );
}
