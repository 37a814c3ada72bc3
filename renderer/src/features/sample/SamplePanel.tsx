import { useQuery } from '../../lib/useQuery';
import { DeleteSampleButton } from './DeleteSampleButton';
import { OpenSampleButton } from './OpenSampleButton';
import { readSample } from './remove';
import './sample.css';

/** Settings → Sample workspace: open it, or delete it in one step. */
export function SamplePanel() {
  const sample = useQuery(readSample, []).data;
  if (sample === undefined) return null;
  const present = sample.workspaces.length > 0 || sample.signers.length > 0;
  return (
    <section className="panel" aria-labelledby="sample-heading">
      <div className="panel-header">
        <h2 id="sample-heading">Sample workspace</h2>
        {present ? <DeleteSampleButton /> : <OpenSampleButton />}
      </div>
      <p className="muted">
        {present
          ? 'The sample is here: a made-up sprint demo with real tool outputs, marked as sample wherever it shows. Deleting it removes its records, stored files, made-up signer and sample identity; the audit log keeps the entries of its making and deletion.'
          : 'A made-up sprint demo built from real tool outputs, to learn the app with; it is marked as sample wherever it shows and deleted in one step.'}
      </p>
    </section>
  );
}
