import { useRef, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import type { SecretsOffer } from './ingest';

type Choice = 'original' | 'redacted';

/**
 * Asks, while a file is being attached, whether to store a file that holds secrets in clear as
 * it is or a redacted copy instead. `chooseCopy` is the ingest's question; closing the dialog
 * without choosing keeps the safer answer, the redacted copy.
 */
export function useSecretsChoice(): {
  chooseCopy: (offer: SecretsOffer) => Promise<Choice>;
  dialog: React.ReactNode;
} {
  const [offer, setOffer] = useState<SecretsOffer | null>(null);
  const resolve = useRef<((choice: Choice) => void) | null>(null);
  const answer = (choice: Choice): void => {
    resolve.current?.(choice);
    resolve.current = null;
    setOffer(null);
  };
  const chooseCopy = (next: SecretsOffer): Promise<Choice> =>
    new Promise<Choice>((done) => {
      resolve.current = done;
      setOffer(next);
    });
  const dialog = (
    <Dialog
      open={offer !== null}
      title="This file holds secrets"
      onClose={() => answer('redacted')}
    >
      {offer ? (
        <div className="secrets-offer">
          <p>
            <strong>{offer.fileName}</strong> ({offer.format}) holds {offer.secrets} credential
            secret{offer.secrets === 1 ? '' : 's'} in clear: passwords, hashes or keys. Evidence is
            kept in the ledger, its backups, bundles and embedded in reports.
          </p>
          <p>
            A redacted copy replaces every secret with <code>[REDACTED]</code> and keeps everything
            else; the evidence record keeps the original&rsquo;s SHA-256, so the file you hold can
            still be matched to it. The original&rsquo;s bytes are then never stored.
          </p>
          <div className="dialog-actions">
            <button
              type="button"
              className="button primary"
              data-autofocus
              onClick={() => answer('redacted')}
            >
              Store a redacted copy
            </button>
            <button type="button" className="button" onClick={() => answer('original')}>
              Store the original with its secrets
            </button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
  return { chooseCopy, dialog };
}
