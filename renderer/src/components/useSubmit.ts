import { useState } from 'react';
import { describeError } from '../app/notifications';
import { ValidationError } from '../lib/validation';

export interface SubmitState {
  busy: boolean;
  fieldErrors: Readonly<Record<string, string>>;
  formError: string | null;
  submit: (work: () => Promise<void>) => Promise<boolean>;
}

/** Runs a form's command once at a time and turns failures into field and form messages. */
export function useSubmit(): SubmitState {
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Readonly<Record<string, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const submit = async (work: () => Promise<void>): Promise<boolean> => {
    if (busy) return false;
    setBusy(true);
    setFieldErrors({});
    setFormError(null);
    try {
      await work();
      return true;
    } catch (error) {
      if (error instanceof ValidationError) setFieldErrors(error.fieldErrors);
      else setFormError(describeError(error));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, fieldErrors, formError, submit };
}
