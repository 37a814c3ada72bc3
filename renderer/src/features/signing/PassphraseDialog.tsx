import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';

/** Asks for an identity's passphrase for one signature; it goes to main and is not kept. */
export function PassphraseDialog({
  open,
  error,
  onSubmit,
  onClose,
  title = 'Unlock your signing identity',
  submitLabel = 'Sign',
  children,
}: {
  open: boolean;
  error: string | null;
  onSubmit: (passphrase: string) => void;
  onClose: () => void;
  title?: string;
  submitLabel?: string;
  /** Said above the field: whose identity, what for. */
  children?: React.ReactNode;
}) {
  const [passphrase, setPassphrase] = useState('');
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit(passphrase);
          setPassphrase('');
        }}
      >
        {children}
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
            {submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
