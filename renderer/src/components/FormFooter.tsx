import type { ReactNode } from 'react';

interface FormFooterProps {
  /** The form-level failure to announce, if any. */
  error: string | null;
  /** Shown as a Cancel button when given. */
  onCancel?: () => void;
  disabled: boolean;
  tone?: 'primary' | 'danger';
  /** The submit button's label. */
  children: ReactNode;
}

/** The end of a dialog form: its error, Cancel, and the submit button. */
export function FormFooter({
  error,
  onCancel,
  disabled,
  tone = 'primary',
  children,
}: FormFooterProps) {
  return (
    <>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
        <button type="submit" className={`button ${tone}`} disabled={disabled}>
          {children}
        </button>
      </div>
    </>
  );
}
