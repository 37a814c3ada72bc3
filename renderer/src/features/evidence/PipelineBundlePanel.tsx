import { useId, useState } from 'react';
import type { LinkTarget } from '../../../../core/model';
import { checkSignatureInMain } from '../../app/api';
import { describeError } from '../../app/notifications';
import { formatBytes, formatDateTime } from '../../lib/format';
import { LockerBundlesPanel } from '../locker/LockerBundlesPanel';
import type { ImportedFile, PipelineBundleInspection } from './pipeline-bundle';
import { importPipelineBundle, inspectPipelineBundle } from './pipeline-bundle';

type Step =
  | { kind: 'choose' }
  | { kind: 'checking'; percent: number }
  | { kind: 'checked'; inspection: PipelineBundleInspection }
  | { kind: 'storing'; inspection: PipelineBundleInspection; done: number }
  | { kind: 'done'; inspection: PipelineBundleInspection; imported: ImportedFile[] }
  | { kind: 'failed'; message: string };

/**
 * Import the signed evidence bundle a pipeline wrote (`demo-ledger collect`): checked in full
 * before anything is stored, then each file attached once with where it came from. Once a team
 * locker is set up, the evidence bundles in it are listed below; a pulled one is checked here
 * exactly as a chosen file.
 */
export function PipelineBundlePanel({
  workspaceId,
  links,
  label = 'Pipeline evidence bundle',
}: {
  workspaceId: string;
  /** Every imported file is also attached to these (a demo item). */
  links?: readonly LinkTarget[];
  label?: string;
}) {
  const inputId = useId();
  const headingId = useId();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [acceptUntrusted, setAcceptUntrusted] = useState(false);

  const check = (file: File): void => {
    setAcceptUntrusted(false);
    setStep({ kind: 'checking', percent: 0 });
    inspectPipelineBundle(workspaceId, file, checkSignatureInMain, (bytes, total) =>
      setStep({ kind: 'checking', percent: total > 0 ? Math.round((bytes / total) * 100) : 0 }),
    ).then(
      (inspection) => setStep({ kind: 'checked', inspection }),
      (error: unknown) => setStep({ kind: 'failed', message: describeError(error) }),
    );
  };
  const store = (inspection: PipelineBundleInspection): void => {
    setStep({ kind: 'storing', inspection, done: 0 });
    importPipelineBundle(inspection, {
      workspaceId,
      acceptUntrusted,
      ...(links ? { links } : {}),
    }).then(
      (imported) => setStep({ kind: 'done', inspection, imported }),
      (error: unknown) =>
        setStep({
          kind: 'failed',
          message: `${describeError(error)} Files stored before the failure stay attached.`,
        }),
    );
  };

  return (
    <>
      <section className="panel" aria-labelledby={headingId}>
        <div className="panel-header">
          <h2 id={headingId}>{label}</h2>
          <label htmlFor={inputId} className="button">
            Choose bundle…
          </label>
          <input
            id={inputId}
            type="file"
            accept=".dlevidence"
            className="visually-hidden"
            aria-label="Evidence bundle to import"
            disabled={step.kind === 'checking' || step.kind === 'storing'}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) check(file);
            }}
          />
        </div>
        {step.kind === 'choose' ? (
          <p className="muted">
            A <code>.dlevidence</code> file written by <code>demo-ledger collect</code> in a
            pipeline: it is verified in full, signature and trust included, before anything is
            stored.
          </p>
        ) : null}
        {step.kind === 'checking' ? (
          <p role="status">Verifying the bundle… {step.percent}%</p>
        ) : null}
        {step.kind === 'failed' ? (
          <p className="form-error" role="alert">
            {step.message}
          </p>
        ) : null}
        {step.kind === 'checked' || step.kind === 'storing' || step.kind === 'done' ? (
          <BundleFacts inspection={step.inspection} />
        ) : null}
        {step.kind === 'checked' && step.inspection.refusal === null ? (
          <div className="form-footer">
            {step.inspection.untrusted ? (
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={acceptUntrusted}
                  onChange={(event) => setAcceptUntrusted(event.target.checked)}
                />
                Import anyway; its files will say they come from a signer that is not trusted
              </label>
            ) : null}
            <button
              type="button"
              className="button primary"
              disabled={step.inspection.untrusted && !acceptUntrusted}
              onClick={() => store(step.inspection)}
            >
              Import {step.inspection.files.length}{' '}
              {step.inspection.files.length === 1 ? 'file' : 'files'}
            </button>
          </div>
        ) : null}
        {step.kind === 'storing' ? <p role="status">Storing the files…</p> : null}
        {step.kind === 'done' ? (
          <div role="status">
            <p>
              Imported from the bundle: {step.imported.filter((file) => !file.custodyAdded).length}{' '}
              new, {step.imported.filter((file) => file.custodyAdded).length} already attached
              (their custody was added).
            </p>
          </div>
        ) : null}
      </section>
      <LockerBundlesPanel
        kind="evidence"
        onlyWhenSetUp
        onPulled={(file) => {
          check(file);
          document.getElementById(headingId)?.scrollIntoView({ block: 'center' });
        }}
      />
    </>
  );
}

function BundleFacts({ inspection }: { inspection: PipelineBundleInspection }) {
  const { check, refusal, untrusted, files } = inspection;
  const provenance = check.manifest?.provenance;
  return (
    <div aria-label="Bundle checked" role="group">
      {refusal !== null ? (
        <p className="form-error" role="alert">
          Not imported: {refusal}
        </p>
      ) : (
        <p className={untrusted ? 'form-error' : 'success'} role="status">
          {untrusted
            ? `Intact, but signed by ${check.signers[0] ?? 'a certificate'} (SHA-256 ${check.signerFingerprint ?? '?'}), which is not on your trust list. Check the fingerprint with the pipeline's owners and add the certificate in Settings → Trusted certificates, or import it marked as not trusted.`
            : `Verified: intact and signed by ${check.signers[0] ?? 'its CI identity'}, a trusted certificate.`}
        </p>
      )}
      {provenance ? (
        <dl className="facts">
          <dt>Repository</dt>
          <dd>{provenance.repository ?? 'not stated'}</dd>
          <dt>Commit</dt>
          <dd>
            <code>{provenance.commit ?? 'not stated'}</code>
          </dd>
          <dt>Pipeline</dt>
          <dd>
            {[provenance.pipeline, provenance.job].filter(Boolean).join(' / ') || provenance.system}
            {provenance.runId ? `, run #${provenance.runId}` : ''}
          </dd>
          <dt>Collected</dt>
          <dd>{check.manifest ? formatDateTime(check.manifest.createdAt) : ''}</dd>
        </dl>
      ) : null}
      {files.length > 0 ? (
        <ul aria-label="Files in the bundle">
          {files.map((file) => (
            <li key={file.sha256}>
              <strong>{file.name}</strong> ({formatBytes(file.size)})
              {file.existing ? (
                <span className="muted">
                  {' '}
                  already attached as {file.existing.fileName}: its custody is added
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
