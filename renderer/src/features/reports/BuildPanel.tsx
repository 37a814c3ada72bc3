import { useEffect, useState } from 'react';
import type { Workspace } from '../../../../core/model';
import { assessmentResults } from '../../../../core/oscal/assessment-results';
import { getApi } from '../../app/api';
import { notify, notifyError } from '../../app/notifications';
import { SelectField, TextField } from '../../components/Field';
import { currentActor } from '../../db';
import { saveSetting } from '../settings/commands';
import { useSetting } from '../settings/queries';
import { PassphraseDialog } from '../signing/PassphraseDialog';
import { useSigningState } from '../signing/identity';
import { useSprints } from '../workspaces/queries';
import type { ReportRequest } from './assemble';
import { assembleReportModel } from './assemble';
import { useReportExport } from './useReportExport';
import { VerificationView } from './VerificationView';

type Kind = ReportRequest['kind'];

/** Choose what to report on, then build, sign, save and verify it in one go. */
export function BuildPanel({ workspace, buildRequested }: { workspace: Workspace; buildRequested: number }) {
  const sprints = useSprints(workspace.id);
  const { identity, loaded } = useSigningState();
  const storedTsa = useSetting('tsaUrl');
  const [kind, setKind] = useState<Kind>('sprint-demo-record');
  const [sprintId, setSprintId] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [reason, setReason] = useState('Sign-off of the control-evidence record');
  const [location, setLocation] = useState('');
  const [tsaUrl, setTsaUrl] = useState<string | null>(null);
  const exporter = useReportExport();
  const sprintList = sprints.data ?? [];
  const chosenSprint = sprintId || sprintList[0]?.id || '';
  const periodStart = start || sprintList.at(-1)?.startDate || '';
  const periodEnd = end || sprintList[0]?.endDate || '';
  const request: ReportRequest | null =
    kind === 'sprint-demo-record'
      ? chosenSprint ? { kind, workspaceId: workspace.id, sprintId: chosenSprint } : null
      : periodStart && periodEnd ? { kind, workspaceId: workspace.id, start: periodStart, end: periodEnd } : null;
  const busy = exporter.phase.step === 'building' || exporter.phase.step === 'signing';

  const assemble = (target: ReportRequest) =>
    assembleReportModel(target, {
      generatedBy: currentActor(),
      signatories: identity ? [{ name: identity.certificate.commonName || identity.certificate.subject, organisation: identity.certificate.organisation }] : [],
    });
  const build = (): void => {
    if (request === null || busy || identity === null) return;
    const settings = { reason, location, tsaUrl: tsaUrl ?? storedTsa.data ?? '' };
    void assemble(request).then((model) => exporter.start(request, model, settings), (failure: unknown) => notifyError(failure));
  };
  useEffect(() => {
    if (buildRequested > 0) build();
    // Runs when the keyboard command asks for a build, not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [buildRequested]);

  const exportOscal = (): void => {
    if (request === null) return;
    void assemble(request)
      .then((model) => getApi().fileSave({ suggestedName: `${model.id}.oscal-ar.json`, data: new TextEncoder().encode(`${JSON.stringify(assessmentResults(model), null, 2)}\n`), description: 'OSCAL assessment results' }))
      .then(({ path }) => path && notify('success', `OSCAL assessment results saved to ${path}.`), (failure: unknown) => notifyError(failure));
  };

  const progress = exporter.phase.step === 'building' ? exporter.phase.progress : null;
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <section className="panel" aria-labelledby="build-heading">
      <h2 id="build-heading">Sign a report</h2>
      {loaded && identity === null ? (
        <p className="verdict verdict-bad">No signing identity yet: create or import one in Settings → Signing identity.</p>
      ) : null}
      <div className="form-grid">
        <SelectField label="Report" value={kind} onChange={(event) => setKind(event.target.value as Kind)}>
          <option value="sprint-demo-record">Sprint demo compliance record</option>
          <option value="control-evidence-matrix">Control evidence matrix (period)</option>
        </SelectField>
        {kind === 'sprint-demo-record' ? (
          <SelectField label="Sprint" value={chosenSprint} onChange={(event) => setSprintId(event.target.value)} hint={sprintList.length === 0 ? 'Create a sprint first.' : undefined}>
            {sprintList.map((sprint) => <option key={sprint.id} value={sprint.id}>{sprint.name}</option>)}
          </SelectField>
        ) : (
          <>
            <TextField label="From" type="date" value={periodStart} onChange={(event) => setStart(event.target.value)} />
            <TextField label="To" type="date" value={periodEnd} onChange={(event) => setEnd(event.target.value)} />
          </>
        )}
        <TextField label="Reason" value={reason} maxLength={200} onChange={(event) => setReason(event.target.value)} />
        <TextField label="Location" value={location} maxLength={200} onChange={(event) => setLocation(event.target.value)} />
        <TextField
          label="Timestamp authority (optional)"
          type="url"
          placeholder="https://tsa.example.org/"
          value={tsaUrl ?? storedTsa.data ?? ''}
          onChange={(event) => setTsaUrl(event.target.value)}
          onBlur={() => tsaUrl !== null && void saveSetting('tsaUrl', tsaUrl.trim()).catch((failure: unknown) => notifyError(failure, 'Timestamp authority'))}
          hint="RFC 3161 URL; the signature gets a trusted time when set."
        />
      </div>
      <div className="row-actions">
        <button type="button" className="button primary" disabled={busy || request === null || identity === null} onClick={build} aria-keyshortcuts="Control+Shift+S">
          Build and sign
        </button>
        <button type="button" className="button" disabled={request === null} onClick={exportOscal}>Export OSCAL</button>
      </div>
      {exporter.phase.step === 'building' ? (
        <div className="build-progress">
          <progress max={100} value={percent} aria-label="Building the report" />
          <span className="muted">{progress ? `${progress.phase} ${progress.done} / ${progress.total}` : 'Starting…'}</span>
          <button type="button" className="button small" onClick={exporter.cancel}>Cancel</button>
        </div>
      ) : null}
      {exporter.phase.step === 'signing' ? <p className="muted" role="status">Signing…</p> : null}
      {exporter.phase.step === 'failed' ? <p className="form-error" role="alert">{exporter.phase.message}</p> : null}
      {exporter.phase.step === 'done' ? (
        <>
          <p className="muted">Saved {exporter.phase.path ?? exporter.phase.fileName}.</p>
          <VerificationView report={exporter.phase.verification} fileName={exporter.phase.fileName} />
        </>
      ) : null}
      <PassphraseDialog
        open={exporter.phase.step === 'passphrase'}
        error={exporter.phase.step === 'passphrase' ? exporter.phase.error : null}
        onSubmit={exporter.unlock}
        onClose={exporter.cancel}
      />
    </section>
  );
}
