import { SAMPLE_PASSPHRASE } from '../../../../core/model';
import { useCurrentWorkspace } from '../workspaces/queries';
import { DeleteSampleButton } from './DeleteSampleButton';
import './sample.css';

/** Above every area while the sample workspace is open: what it is, and how to be rid of it. */
export function SampleBanner() {
  const workspace = useCurrentWorkspace().data;
  if (!workspace?.sample) return null;
  return (
    <aside className="sample-banner" aria-label="Sample workspace">
      <p>
        <strong className="sample-badge">Sample</strong> You are in the sample workspace: made-up
        data built from real tool outputs, for learning. Reports made from it are marked SAMPLE DATA
        and signed by the sample identity (passphrase <code>{SAMPLE_PASSPHRASE}</code>).
      </p>
      <DeleteSampleButton className="button" />
    </aside>
  );
}
