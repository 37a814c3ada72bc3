import { useCallback, useRef, useState } from 'react';
import { IpcError } from '../../../../core/ipc/result';
import { PassphraseDialog } from './PassphraseDialog';

/**
 * Runs a signing step in main, asking for the identity's passphrase when main says it needs it
 * (IPC error `forbidden`: not remembered, or wrong) and trying again with it. Resolves to null
 * when the person cancels. The passphrase goes to main and is not kept here.
 */
export function useSigning(): {
  sign: <T>(attempt: (passphrase?: string) => Promise<T>) => Promise<T | null>;
  dialog: React.JSX.Element;
} {
  const [asking, setAsking] = useState<{ error: string | null } | null>(null);
  const answer = useRef<((passphrase: string | null) => void) | null>(null);
  const sign = useCallback(async <T,>(attempt: (passphrase?: string) => Promise<T>) => {
    let passphrase: string | undefined;
    for (;;) {
      try {
        return await attempt(passphrase);
      } catch (error) {
        if (!(error instanceof IpcError) || error.code !== 'forbidden') throw error;
        const typed = await new Promise<string | null>((resolve) => {
          answer.current = resolve;
          setAsking({ error: passphrase === undefined ? null : error.message });
        });
        setAsking(null);
        if (typed === null) return null;
        passphrase = typed;
      }
    }
  }, []);
  const dialog = (
    <PassphraseDialog
      open={asking !== null}
      error={asking?.error ?? null}
      onSubmit={(passphrase) => answer.current?.(passphrase)}
      onClose={() => answer.current?.(null)}
    />
  );
  return { sign, dialog };
}
