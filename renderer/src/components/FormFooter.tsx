/** The end of a dialog form: the form-level error, if any, then Cancel and the submit button. */
export function FormFooter({
  error,
  submitLabel,
  busy,
  disabled = false,
  onCancel,
}: {
  error: string | null;
  submitLabel: string;
  busy: boolean;
  disabled?: boolean;
  onCancel: () => void;
}) {
  return (
    <>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={busy || disabled}>
          {submitLabel}
        </button>
      </div>
    </>
  );
}
