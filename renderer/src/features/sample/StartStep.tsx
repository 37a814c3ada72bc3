import { useState } from 'react';
import { notifyError } from '../../app/notifications';
import { RestoreDialog } from '../backup/RestoreDialog';
import { startEmpty, startedFromBackup } from './commands';
import { OpenSampleButton } from './OpenSampleButton';
import './sample.css';

/**
 * The first run's second question: start with nothing, explore the sample workspace, or bring
 * back a backup (the same restore as Settings → Backups). Each can be undone later: the sample
 * is deleted in one step, and anything can be restored over.
 */
export function StartStep() {
  const [restoring, setRestoring] = useState(false);
  return (
    <>
      <h1 id="first-run-heading">How would you like to start?</h1>
      <p className="lead">
        New to Demo Ledger? The sample workspace is a sprint demo already recorded: walk through it,
        export its report, then delete it in one step.
      </p>
      <ul className="start-choices">
        <li>
          <OpenSampleButton className="button primary" describedBy="start-sample-hint" />
          <span id="start-sample-hint" className="field-hint">
            Made-up data built from real tool outputs (SARIF, Nmap, JUnit, Trivy, an auth log),
            marked as sample wherever it shows.
          </span>
        </li>
        <Choice
          id="start-empty"
          label="Start empty"
          hint="Create your own workspace, team and sprint."
          onChoose={() => void startEmpty().catch(notifyError)}
        />
        <Choice
          id="start-restore"
          label="Restore a backup…"
          hint="A .dlbackup file made on this or another computer, checked in full before anything is written."
          onChoose={() => setRestoring(true)}
        />
      </ul>
      <RestoreDialog
        open={restoring}
        onClose={() => setRestoring(false)}
        onRestored={() => void startedFromBackup().catch(notifyError)}
      />
    </>
  );
}

function Choice({
  id,
  label,
  hint,
  onChoose,
}: {
  id: string;
  label: string;
  hint: string;
  onChoose: () => void;
}) {
  return (
    <li>
      <button type="button" className="button" aria-describedby={`${id}-hint`} onClick={onChoose}>
        {label}
      </button>
      <span id={`${id}-hint`} className="field-hint">
        {hint}
      </span>
    </li>
  );
}
