import { Link } from 'wouter';
import { Dialog } from '../../components/Dialog';
import { useCurrentWorkspace } from '../workspaces/queries';
import { AdoptFrameworkForm } from './AdoptFrameworkForm';

/** Adopting a framework from the Controls landing page, without going through the SoA first. */
export function AdoptFrameworkDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const workspace = useCurrentWorkspace();
  return (
    <Dialog open={open} title="Adopt a framework" onClose={onClose}>
      {workspace.data ? (
        <>
          <p className="muted">
            Its controls (or those of the baseline or level you choose) come into scope for{' '}
            {workspace.data.name}: coverage counts them and reports list them. Decide single
            controls in the{' '}
            <Link href="/soa" onClick={onClose}>
              Statement of Applicability
            </Link>
            .
          </p>
          <AdoptFrameworkForm workspaceId={workspace.data.id} onAdopted={onClose} />
        </>
      ) : (
        <p className="muted">Create a workspace first: scope is recorded per workspace.</p>
      )}
    </Dialog>
  );
}
