import { useState } from 'react';
import { notify } from '../../app/notifications';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { deleteSample } from './remove';

/** Deletes the sample in one step, after a confirmation that says what goes and what stays. */
export function DeleteSampleButton({ className = 'button danger' }: { className?: string }) {
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <button type="button" className={className} onClick={() => setConfirming(true)}>
        Delete the sample
      </button>
      <ConfirmDialog
        open={confirming}
        title="Delete the sample workspace"
        message="Deletes the sample workspace with everything in it, its stored files, its made-up signer and the sample signing identity. The audit log keeps the entries of its making and of this deletion, as it does for every deleted record. Your own workspaces are not touched."
        confirmLabel="Delete the sample"
        onConfirm={async () => {
          await deleteSample();
          notify('success', 'The sample workspace was deleted.');
        }}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}
