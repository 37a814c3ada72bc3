import type { ReactNode } from 'react';

/** A form's failure message, announced when it appears. */
export function FormError({ message }: { message: string | null | undefined }) {
  return message ? (
    <p className="form-error" role="alert">
      {message}
    </p>
  ) : null;
}

interface FormFooterProps {
  /** The form-level failure to announce, if any. */
  error: string | null | undefined;
  /** Shown as a Cancel button when given. */
  onCancel?: () => void;
  /** The submit button is disabled (busy, or nothing to submit yet). */
  disabled: boolean;
  tone?: 'primary' | 'danger';
  /** aria-keyshortcuts of the submit button. */
  shortcut?: string;
  /** The submit button's label. */
  children: ReactNode;
}

/** The end of a dialog form: its error, Cancel, and the submit button. */
export function FormFooter({
  error,
  onCancel,
  disabled,
  tone = 'primary',
  shortcut,
  children,
}: FormFooterProps) {
  return (
    <>
      <FormError message={error} />
      <div className="dialog-actions">
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
        <button
          type="submit"
          className={`button ${tone}`}
          disabled={disabled}
          aria-keyshortcuts={shortcut}
        >
          {children}
        </button>
      </div>
    </>
  );
}
