import { useEffect, useRef, useState } from 'react';
import type { Refusal } from '../../app/commands/registry';
import type { Workspace } from '../../../../core/model';
import { SAMPLE_PASSPHRASE } from '../../../../core/model';
import { assessmentResults } from '../../../../core/oscal/assessment-results';
import { getApi } from '../../app/api';
import { notify, notifyError } from '../../app/notifications';
import { SelectField, TextField } from '../../components/Field';
import { currentActor } from '../../db';
import { useSprintDemos } from '../demos/queries';
import { storedEvidenceFiles } from '../evidence/reportContribution';
import { saveSetting } from '../settings/commands';
import { useSetting } from '../settings/queries';
import { useSigningState } from '../signing/identity';
import { useSprints } from '../workspaces/queries';
import type { ReportRequest } from './assemble';
import { assembleReportModel } from './assemble';
import { ExportStatus } from './ExportStatus';
import { signatoriesOf, useReportExport } from './useReportExport';

type Kind = 'sprint-demo-record' | 'control-evidence-matrix';

/** Choose what to report on, then build, sign, save and verify it in one go. */
export function BuildPanel({
  workspace,
  buildRequested,
}: {
  workspace: Workspace;
  buildRequested: number;
}) {
  const sprints = useSprints(workspace.id);
  const { identity, person, loaded } = useSigningState({ sample: workspace.sample === true });
  const storedTsa = useSetting('tsaUrl');
  const [kind, setKind] = useState<Kind>('sprint-demo-record');
  const [sprintId, setSprintId] = useState('');
  const [demoId, setDemoId] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [embed, setEmbed] = useState(true);
  const [reason, setReason] = useState('Sign-off of the control-evidence record');
  const [location, setLocation] = useState('');
  const [tsaUrl, setTsaUrl] = useState<string | null>(null);
  const exporter = useReportExport();
  const sprintList = sprints.data ?? [];
  const chosenSprint = sprintId || sprintList[0]?.id || '';
  const demosOfSprint = useSprintDemos(chosenSprint);
  const sprintDemos = demosOfSprint.data ?? [];
  const chosenDemo = sprintDemos.some((demo) => demo.id === demoId) ? demoId : '';
  const periodStart = start || sprintList.at(-1)?.startDate || '';
  const periodEnd = end || sprintList[0]?.endDate || '';
  const request: ReportRequest | null =
    kind === 'sprint-demo-record'
      ? chosenSprint
        ? { kind, workspaceId: workspace.id, sprintId: chosenSprint, demoId: chosenDemo || null }
        : null
      : periodStart && periodEnd
        ? { kind, workspaceId: workspace.id, start: periodStart, end: periodEnd }
        : null;
  const busy = ['building', 'sending', 'signing'].includes(exporter.phase.step);

  const assemble = (target: ReportRequest) =>
    assembleReportModel(target, {
      generatedBy: currentActor(),
      signatories: signatoriesOf(identity, person),
    });
  const build = (): Refusal | undefined => {
    if (request === null)
      return {
        needs:
          kind === 'sprint-demo-record'
            ? 'A sprint demo record needs a sprint: create one in Sprints first.'
            : 'A period report needs its first and last day.',
      };
    if (identity === null)
      return {
        needs:
          'Signing needs an identity of yours: create or import one in Settings → Signing identities.',
      };
    if (busy) return { needs: 'A report is being built and signed: wait for it to finish.' };
    const settings = { reason, location, tsaUrl: tsaUrl ?? storedTsa.data ?? '' };
    void assemble(request)
      .then(async (model) => {
        const attachments = embed ? await storedEvidenceFiles(model.evidence) : [];
        await exporter.start({
          model,
          identity: identity.certificate.fingerprint,
          workspaceId: workspace.id,
          sprintId: request.kind === 'sprint-demo-record' ? request.sprintId : null,
          attachments,
          settings,
        });
      })
      .catch((failure: unknown) => notifyError(failure));
    return undefined;
  };
  // The command may arrive with the page, before sprints, demos and the identity are read:
  // it is answered once they are, with the build or with what it needs.
  const ready = loaded && sprints.data !== undefined && demosOfSprint.data !== undefined;
  const answered = useRef(0);
  useEffect(() => {
    if (buildRequested === answered.current || !ready) return;
    answered.current = buildRequested;
    const refusal = build();
    if (refusal !== undefined) notify('info', refusal.needs);
    // Runs when the keyboard command asks for a build (and once what it needs is read).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [buildRequested, ready]);

  const exportOscal = (): void => {
    if (request === null) return;
    void assemble(request)
      .then((model) =>
        getApi().fileSave({
          suggestedName: `${model.id}.oscal-ar.json`,
          data: new TextEncoder().encode(`${JSON.stringify(assessmentResults(model), null, 2)}\n`),
          description: 'OSCAL assessment results',
        }),
      )
      .then(
        ({ path }) => path && notify('success', `OSCAL assessment results saved to ${path}.`),
        (failure: unknown) => notifyError(failure),
      );
  };

  return (
    <section className="panel" aria-labelledby="build-heading">
      <h2 id="build-heading">Sign a report</h2>
      {workspace.sample ? (
        <p className="muted">
          Reports of the sample workspace are marked SAMPLE DATA and signed by the sample identity
          (passphrase <code>{SAMPLE_PASSPHRASE}</code>), never by yours.
        </p>
      ) : loaded && identity === null ? (
        <p className="verdict verdict-bad">
          No signing identity of yours yet: create or import one in Settings → Signing identities.
        </p>
      ) : null}
      <div className="form-grid">
        <SelectField
          label="Report"
          value={kind}
          onChange={(event) => setKind(event.target.value as Kind)}
        >
          <option value="sprint-demo-record">Sprint demo compliance record</option>
          <option value="control-evidence-matrix">Control evidence matrix (period)</option>
        </SelectField>
        {kind === 'sprint-demo-record' ? (
          <>
            <SelectField
              label="Sprint"
              value={chosenSprint}
              onChange={(event) => setSprintId(event.target.value)}
              hint={sprintList.length === 0 ? 'Create a sprint first.' : undefined}
            >
              {sprintList.map((sprint) => (
                <option key={sprint.id} value={sprint.id}>
                  {sprint.name}
                </option>
              ))}
            </SelectField>
            <SelectField
              label="Demo"
              value={chosenDemo}
              onChange={(event) => setDemoId(event.target.value)}
            >
              <option value="">All demos of the sprint ({sprintDemos.length})</option>
              {sprintDemos.map((demo) => (
                <option key={demo.id} value={demo.id}>{`${demo.title} (${demo.date})`}</option>
              ))}
            </SelectField>
          </>
        ) : (
          <>
            <TextField
              label="From"
              type="date"
              value={periodStart}
              onChange={(event) => setStart(event.target.value)}
            />
            <TextField
              label="To"
              type="date"
              value={periodEnd}
              onChange={(event) => setEnd(event.target.value)}
            />
          </>
        )}
        <TextField
          label="Reason"
          value={reason}
          maxLength={200}
          onChange={(event) => setReason(event.target.value)}
        />
        <TextField
          label="Location"
          value={location}
          maxLength={200}
          onChange={(event) => setLocation(event.target.value)}
        />
        <TextField
          label="Timestamp authority (optional)"
          type="url"
          placeholder="https://tsa.example.org/"
          value={tsaUrl ?? storedTsa.data ?? ''}
          onChange={(event) => setTsaUrl(event.target.value)}
          onBlur={() =>
            tsaUrl !== null &&
            void saveSetting('tsaUrl', tsaUrl.trim()).catch((failure: unknown) =>
              notifyError(failure, 'Timestamp authority'),
            )
          }
          hint="RFC 3161 URL; the signature gets a trusted time when set."
        />
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={embed}
          onChange={(event) => setEmbed(event.target.checked)}
        />
        Embed the evidence files in the PDF
        <span className="muted">
          {' '}
          (files kept in the ledger; every file is listed in the manifest either way)
        </span>
      </label>
      <div className="row-actions">
        <button
          type="button"
          className="button primary"
          disabled={busy || request === null || identity === null}
          onClick={() => void build()}
          aria-keyshortcuts="Control+Shift+S"
        >
          Build and sign
        </button>
        <button type="button" className="button" disabled={request === null} onClick={exportOscal}>
          Export OSCAL
        </button>
      </div>
      <ExportStatus exporter={exporter} />
    </section>
  );
}
