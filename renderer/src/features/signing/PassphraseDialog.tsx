import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';

/** Asks for the identity's passphrase for one signature; it goes to main and is not kept. */
export function PassphraseDialog({
  open,
  error,
  onSubmit,
  onClose,
}: {
  open: boolean;
  error: string | null;
  onSubmit: (passphrase: string) => void;
  onClose: () => void;
}) {
  const [passphrase, setPassphrase] = useState('');
  return (
    <Dialog open={open} title="Unlock your signing identity" onClose={onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit(passphrase);
          setPassphrase('');
        }}
      >
        <TextField
          label="Passphrase"
          type="password"
          autoComplete="current-password"
          value={passphrase}
          onChange={(event) => setPassphrase(event.target.value)}
          error={error ?? undefined}
          required
        />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary">
            Sign
          </button>
        </div>
      </form>
    </Dialog>
  );
}
