import { useState } from 'react';
import type { BundleScope } from '../../../../core/bundle/scope';
import { BundleScope as BundleScopeSchema } from '../../../../core/bundle/scope';
import type { SignedBundleFile } from '../../../../core/ipc/contract';
import type { Workspace } from '../../../../core/model';
import { describeError } from '../../app/notifications';
import { SelectField, TextField } from '../../components/Field';
import { useCurrentWorkspace, useSprints } from '../workspaces/queries';
import type { ExportDestination } from './export';
import { startExport } from './export';
import { useWorkspaceDemos } from './queries';
import { useSigning } from '../signing/useSigning';
import { counted, formatDateTime } from '../../lib/format';

type Kind = BundleScope['kind'];

type Status =
  | { step: 'idle' }
  | { step: 'working'; text: string }
  | {
      step: 'done';
      title: string;
      records: number;
      file: SignedBundleFile;
      destination: ExportDestination;
    }
  | { step: 'failed'; message: string };

const KINDS: { kind: Kind; label: string }[] = [
  { kind: 'sprint', label: 'A sprint' },
  { kind: 'demo', label: 'A demo' },
  { kind: 'period', label: 'A period' },
];

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/** Export a sprint, a demo or a period of the current workspace as a signed bundle. */
export function ExportPanel() {
  const workspace = useCurrentWorkspace();
  return (
    <section className="panel" aria-labelledby="bundle-export-heading">
      <h2 id="bundle-export-heading">Export a bundle for offline review</h2>
      <p className="muted">
        Everything recorded about the slice (demos, agenda items, notes, verdicts, evidence files,
        issues, signed reports) with its whole audit history, signed with your identity. Changes to
        other records are left out of the history, keeping only the links that prove it is
        continuous.
      </p>
      {workspace.data ? (
        <ExportForm workspace={workspace.data} />
      ) : (
        <p className="empty">Create a workspace first.</p>
      )}
    </section>
  );
}

function ExportForm({ workspace }: { workspace: Workspace }) {
  const sprints = useSprints(workspace.id);
  const demos = useWorkspaceDemos(workspace.id);
  const [kind, setKind] = useState<Kind>('sprint');
  const [sprintId, setSprintId] = useState('');
  const [demoId, setDemoId] = useState('');
  const [from, setFrom] = useState(daysAgo(90));
  const [to, setTo] = useState(daysAgo(0));
  const [status, setStatus] = useState<Status>({ step: 'idle' });
  const { sign, dialog } = useSigning();
  const chosenSprint = sprintId || sprints.data?.[0]?.id || '';
  const chosenDemo = demoId || demos.data?.[0]?.id || '';
  const scope =
    kind === 'sprint'
      ? { kind, workspaceId: workspace.id, sprintId: chosenSprint }
      : kind === 'demo'
        ? { kind, workspaceId: workspace.id, demoId: chosenDemo }
        : { kind, workspaceId: workspace.id, from, to };
  const parsed = BundleScopeSchema.safeParse(scope);

  const run = async (destination: ExportDestination): Promise<void> => {
    if (!parsed.success) return;
    setStatus({ step: 'working', text: 'Reading the slice and its history…' });
    try {
      const pending = await startExport(parsed.data, destination);
      if (pending === null) return setStatus({ step: 'idle' });
      setStatus({ step: 'working', text: 'Signing the bundle…' });
      const file = await sign((passphrase) => pending.sign(passphrase));
      if (file === null) {
        await pending.cancel();
        return setStatus({ step: 'idle' });
      }
      setStatus({
        step: 'done',
        title: pending.title,
        records: pending.records,
        file,
        destination,
      });
    } catch (error) {
      setStatus({ step: 'failed', message: describeError(error) });
    }
  };

  return (
    <>
      <form
        aria-label="Export a bundle"
        onSubmit={(event) => {
          event.preventDefault();
          void run('file');
        }}
      >
        <fieldset className="choice-row">
          <legend>What to export from {workspace.name}</legend>
          {KINDS.map((option) => (
            <label key={option.kind}>
              <input
                type="radio"
                name="bundle-kind"
                value={option.kind}
                checked={kind === option.kind}
                onChange={() => setKind(option.kind)}
              />
              {option.label}
            </label>
          ))}
        </fieldset>
        <div className="form-grid">
          {kind === 'sprint' ? (
            <SelectField
              label="Sprint"
              value={chosenSprint}
              onChange={(event) => setSprintId(event.target.value)}
            >
              {(sprints.data ?? []).map((sprint) => (
                <option key={sprint.id} value={sprint.id}>
                  {sprint.name} ({sprint.startDate} – {sprint.endDate})
                </option>
              ))}
            </SelectField>
          ) : null}
          {kind === 'demo' ? (
            <SelectField
              label="Demo"
              value={chosenDemo}
              onChange={(event) => setDemoId(event.target.value)}
            >
              {(demos.data ?? []).map((demo) => (
                <option key={demo.id} value={demo.id}>
                  {demo.title} ({demo.date})
                </option>
              ))}
            </SelectField>
          ) : null}
          {kind === 'period' ? (
            <>
              <TextField
                label="From"
                type="date"
                value={from}
                onChange={(event) => setFrom(event.target.value)}
              />
              <TextField
                label="To"
                type="date"
                value={to}
                onChange={(event) => setTo(event.target.value)}
                error={parsed.success ? undefined : parsed.error.issues[0]?.message}
              />
            </>
          ) : null}
        </div>
        <button
          type="submit"
          className="button primary"
          disabled={!parsed.success || status.step === 'working'}
        >
          Export signed bundle…
        </button>{' '}
        <button
          type="button"
          className="button"
          disabled={!parsed.success || status.step === 'working'}
          onClick={() => void run('team-locker')}
        >
          Publish to the team locker
        </button>
        <ExportStatus status={status} />
      </form>
      {/* Outside the form: a form inside another would submit both. */}
      {dialog}
    </>
  );
}

function ExportStatus({ status }: { status: Status }) {
  if (status.step === 'working') {
    return (
      <p className="muted" role="status" aria-live="polite">
        {status.text}
      </p>
    );
  }
  if (status.step === 'failed') {
    return (
      <p className="form-error" role="alert">
        {status.message}
      </p>
    );
  }
  if (status.step !== 'done') return null;
  const { file } = status;
  return (
    <div className="verdict verdict-good" role="status">
      {status.destination === 'file' ? (
        <p>
          Bundle of {status.title} saved ({counted(status.records, 'record')}):{' '}
          <code>{file.path}</code>
        </p>
      ) : (
        <p>
          Bundle of {status.title} ({counted(status.records, 'record')}) queued for the team locker:
          it is published as soon as the locker can be reached (Settings → Team locker shows its
          progress).
        </p>
      )}
      <p>
        Signed by {file.signature.signer?.commonName ?? 'you'}
        {file.signature.signedAt ? ` on ${formatDateTime(file.signature.signedAt)}` : ''}. SHA-256
        of the file: <code className="hash">{file.sha256}</code>
      </p>
    </div>
  );
}
