import type { RefObject } from 'react';
import { useEffect, useId, useState } from 'react';
import type { Resolution } from '../../../../core/bundle/merge';
import type { BundleRecord } from '../../../../core/bundle/records';
import { checkSignatureInMain } from '../../app/api';
import { describeError } from '../../app/notifications';
import { currentActor, db } from '../../db';
import { counted, formatBytes, formatDateTime } from '../../lib/format';
import { saveSetting } from '../settings/commands';
import { applyBundle } from './apply';
import type { BundleInspection, InspectProgress } from './inspect';
import { inspectBundle } from './inspect';
import { PlanView } from './PlanView';
import { VerdictView } from './VerdictView';

type Step =
  | { kind: 'choose' }
  | { kind: 'checking'; progress: InspectProgress | null }
  | { kind: 'checked'; inspection: BundleInspection }
  | { kind: 'storing' }
  | { kind: 'done'; record: BundleRecord }
  | { kind: 'failed'; message: string };

/**
 * Import a bundle for review, or merge a reviewed bundle back: the file is verified in full
 * (hashes, history, records, signatures and their trust) and the merge planned before anything
 * is stored; then conflicts are resolved one by one and everything is stored in one step.
 */
/**
 * `checkRef` receives the panel's check, so a bundle that arrives another way (pulled from the
 * team locker) goes through the same verification as a chosen file.
 */
export function ImportPanel({
  inputId,
  checkRef,
}: {
  inputId: string;
  checkRef?: RefObject<((file: File) => void) | null>;
}) {
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [resolutions, setResolutions] = useState<Map<string, Resolution>>(new Map());
  const hintId = useId();
  const check = (file: File): void => {
    setResolutions(new Map());
    setStep({ kind: 'checking', progress: null });
    inspectBundle(db, file, checkSignatureInMain, (progress) =>
      setStep({ kind: 'checking', progress }),
    ).then(
      (inspection) => setStep({ kind: 'checked', inspection }),
      (error: unknown) => setStep({ kind: 'failed', message: describeError(error) }),
    );
  };
  useEffect(() => {
    if (checkRef) checkRef.current = check;
  });
  const store = async (inspection: BundleInspection): Promise<void> => {
    setStep({ kind: 'storing' });
    try {
      const record = await applyBundle(db, inspection, resolutions, currentActor());
      if (record.role === 'imported') await saveSetting('currentWorkspaceId', record.workspaceId);
      setStep({ kind: 'done', record });
    } catch (error) {
      setStep({ kind: 'failed', message: `${describeError(error)} Nothing was stored.` });
    }
  };
  const busy = step.kind === 'checking' || step.kind === 'storing';
  return (
    <section className="panel" aria-labelledby="bundle-import-heading">
      <h2 id="bundle-import-heading">Import or merge a bundle</h2>
      <div className="field">
        <label htmlFor={inputId}>Bundle file</label>
        <input
          id={inputId}
          type="file"
          accept=".dlbundle"
          aria-describedby={hintId}
          disabled={busy}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) check(file);
          }}
        />
        <p id={hintId} className="field-hint">
          A bundle from a colleague is imported for your review; a bundle you exported that comes
          back reviewed is merged into this ledger. Nothing is stored before the whole file has been
          checked.
        </p>
      </div>
      {step.kind === 'checking' ? (
        <p className="muted" role="status" aria-live="polite">
          {step.progress
            ? `Checking the bundle: ${formatBytes(step.progress.bytes)} of ${formatBytes(step.progress.total)}`
            : 'Checking the bundle…'}
        </p>
      ) : null}
      {step.kind === 'storing' ? (
        <p className="muted" role="status" aria-live="polite">
          Storing…
        </p>
      ) : null}
      {step.kind === 'failed' ? (
        <p className="form-error" role="alert">
          {step.message}
        </p>
      ) : null}
      {step.kind === 'done' ? <Stored record={step.record} /> : null}
      {step.kind === 'checked' ? (
        <Checked
          inspection={step.inspection}
          resolutions={resolutions}
          onResolve={(id, resolution) =>
            setResolutions((current) => new Map(current).set(id, resolution))
          }
          onStore={() => void store(step.inspection)}
        />
      ) : null}
    </section>
  );
}

function Checked({
  inspection,
  resolutions,
  onResolve,
  onStore,
}: {
  inspection: BundleInspection;
  resolutions: ReadonlyMap<string, Resolution>;
  onResolve: (id: string, resolution: Resolution) => void;
  onStore: () => void;
}) {
  const { plan, refusal, mode } = inspection;
  const unresolved = plan?.conflicts.filter((record) => !resolutions.has(record.id)).length ?? 0;
  return (
    <div>
      <VerdictView verdict={inspection.verdict} />
      {refusal !== null && inspection.verdict.ok ? (
        <div className="verdict verdict-bad" role="alert">
          <p>{refusal}</p>
          <p>Nothing was stored.</p>
        </div>
      ) : null}
      {inspection.previously.length > 0 ? (
        <p className="muted">
          This file was already {mode === 'merge' ? 'merged' : 'imported'} here on{' '}
          {formatDateTime(inspection.previously[0]?.at)}.
        </p>
      ) : null}
      {plan && refusal === null ? (
        <>
          <PlanView plan={plan} mode={mode} resolutions={resolutions} onResolve={onResolve} />
          <button
            type="button"
            className="button primary"
            disabled={unresolved > 0}
            onClick={onStore}
          >
            {mode === 'merge' ? 'Merge into this ledger' : 'Import for review'}
          </button>
          {unresolved > 0 ? (
            <p className="field-hint">{counted(unresolved, 'conflict')} still to resolve.</p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function Stored({ record }: { record: BundleRecord }) {
  return (
    <p className="verdict verdict-good" role="status">
      {record.role === 'merged'
        ? `Merged ${counted(record.applied, 'record')} from the review of ${record.title}`
        : `Imported ${counted(record.applied, 'record')} of ${record.title} for review`}
      {record.resolutions.length > 0
        ? `; ${counted(record.resolutions.length, 'conflict')} resolved as chosen`
        : ''}
      . Every change is in the audit log (action “{record.role === 'merged' ? 'merge' : 'import'}”).
    </p>
  );
}
