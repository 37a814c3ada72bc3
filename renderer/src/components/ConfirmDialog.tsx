import { useState } from 'react';
import { Dialog } from './Dialog';
import { TextField } from './Field';
import { useSubmit } from './useSubmit';
import { FormError } from './FormFooter';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  /** When set, the user must type this text to enable the button (for deletions that cascade). */
  typeToConfirm?: string;
  /** Nothing is lost by confirming (leaving a mode): Enter confirms, Esc still cancels. */
  harmless?: boolean;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

export function ConfirmDialog({
  open,
  title,
  message,
  confirmLabel,
  typeToConfirm,
  harmless = false,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const [typed, setTyped] = useState('');
  const { busy, formError, submit } = useSubmit();
  const close = (): void => {
    setTyped('');
    onClose();
  };
  const ready = typeToConfirm === undefined || typed.trim() === typeToConfirm.trim();
  return (
    <Dialog open={open} title={title} onClose={close}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!ready) return;
          void submit(onConfirm).then((done) => {
            if (done) close();
          });
        }}
      >
        <p>{message}</p>
        {typeToConfirm !== undefined ? (
          <TextField
            label={`Type “${typeToConfirm}” to confirm`}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            autoComplete="off"
          />
        ) : null}
        <FormError message={formError} />
        <div className="dialog-actions">
          <button
            type="button"
            className="button"
            onClick={close}
            data-autofocus={typeToConfirm === undefined && !harmless ? true : undefined}
          >
            Cancel
          </button>
          <button
            type="submit"
            className={harmless ? 'button primary' : 'button danger'}
            disabled={!ready || busy}
            data-autofocus={harmless ? true : undefined}
          >
            {busy ? 'Working…' : confirmLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
