import type { ReactNode } from 'react';

/** A form's failure message, announced when it appears. */
export function FormError({ message }: { message: string | null | undefined }) {
  return message ? (
    <p className="form-error" role="alert">
      {message}
    </p>
  ) : null;
}

/** The bottom of a dialog form: its error, Cancel, and the submit button. */
export function FormActions({
  formError,
  onCancel,
  submitLabel,
  busy,
  submitDisabled = false,
  shortcut,
  children,
}: {
  formError: string | null | undefined;
  onCancel: () => void;
  submitLabel: string;
  busy: boolean;
  /** Disabled for another reason than being busy (nothing to submit yet). */
  submitDisabled?: boolean;
  /** aria-keyshortcuts of the submit button. */
  shortcut?: string;
  /** Shown before the buttons (e.g. a saved/unsaved status). */
  children?: ReactNode;
}) {
  return (
    <>
      <FormError message={formError} />
      <div className="dialog-actions">
        {children}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="submit"
          className="button primary"
          disabled={busy || submitDisabled}
          aria-keyshortcuts={shortcut}
        >
          {submitLabel}
        </button>
      </div>
    </>
  );
}
