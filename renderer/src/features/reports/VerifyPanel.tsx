import type { RefObject } from 'react';
import { useId, useRef, useState } from 'react';
import type { VerifyReport } from '../../../../core/ipc/contract';
import { describeError } from '../../app/notifications';
import { verifyPdf } from './upload';
import { VerificationView } from './VerificationView';

/** Verify any PDF: signatures, trust, tampering and embedded evidence, checked in main. */
export function VerifyPanel({ inputRef }: { inputRef?: RefObject<HTMLInputElement | null> }) {
  const inputId = useId();
  const [result, setResult] = useState<{ fileName: string; report: VerifyReport } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Only the file chosen last speaks: an earlier verification that ends later is dropped.
  const latest = useRef(0);
  return (
    <section className="panel" aria-labelledby="verify-heading">
      <div className="panel-header">
        <h2 id="verify-heading">Verify a signed PDF</h2>
        <label htmlFor={inputId} className="button">
          Choose PDF…
        </label>
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          accept="application/pdf,.pdf"
          className="visually-hidden"
          aria-label="PDF to verify"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (!file) return;
            const request = ++latest.current;
            const current = () => request === latest.current;
            setBusy(true);
            setError(null);
            setResult(null);
            verifyPdf(file)
              .then(
                (report) => {
                  if (current()) setResult({ fileName: file.name, report });
                },
                (failure: unknown) => {
                  if (current()) setError(describeError(failure));
                },
              )
              .finally(() => {
                if (current()) setBusy(false);
              });
          }}
        />
      </div>
      {busy ? (
        <p className="muted" role="status">
          Verifying…
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {result ? <VerificationView report={result.report} fileName={result.fileName} /> : null}
    </section>
  );
}
