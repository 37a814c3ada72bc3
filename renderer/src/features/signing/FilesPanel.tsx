import { useId, useState } from 'react';
import { notify, notifyError } from '../../app/notifications';
import { readFileBytes } from './commands';

export interface FileEntry {
  key: string;
  title: string;
  detail: string;
  hash: string;
  /** A short mark beside the title (e.g. "pipeline"). */
  badge?: string;
}

/**
 * A list of files the user gives the app (trusted certificates, revocation lists): add one
 * from disk, see each with its SHA-256, remove it. Main keeps them; `add` returns how many
 * entries the file added.
 */
export function FilesPanel({
  title,
  description,
  empty,
  accept,
  inputLabel,
  addLabel,
  added,
  items,
  add,
  remove,
  removeLabel,
}: {
  title: string;
  description: string;
  empty: string;
  accept: string;
  inputLabel: string;
  addLabel: string;
  /** The notice for `count` entries added (0: all known already). */
  added: (count: number) => string;
  items: readonly FileEntry[];
  add: (bytes: Uint8Array<ArrayBuffer>) => Promise<number>;
  remove: (key: string) => Promise<void>;
  removeLabel: (item: FileEntry) => string;
}) {
  const headingId = useId();
  const inputId = useId();
  const [busy, setBusy] = useState(false);
  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel-header">
        <h2 id={headingId}>{title}</h2>
        <label htmlFor={inputId} className={busy ? 'button disabled' : 'button'}>
          {addLabel}
        </label>
        <input
          id={inputId}
          className="visually-hidden"
          type="file"
          accept={accept}
          aria-label={inputLabel}
          disabled={busy}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (!file) return;
            setBusy(true);
            readFileBytes(file)
              .then(add)
              .then(
                (count) => notify('success', added(count)),
                (failure: unknown) => notifyError(failure, `Could not add ${file.name}`),
              )
              .finally(() => setBusy(false));
          }}
        />
      </div>
      <p className="muted">{description}</p>
      {items.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <ul className="card-list" aria-label={title}>
          {items.map((item) => (
            <li key={item.key} className="card">
              <div>
                <strong>{item.title}</strong>
                {item.badge ? <span className="badge">{item.badge}</span> : null}
                <div className="muted">{item.detail}</div>
                <code className="hash">{item.hash}</code>
              </div>
              <button
                type="button"
                className="button small danger-quiet"
                aria-label={removeLabel(item)}
                onClick={() =>
                  void remove(item.key).catch((failure: unknown) => notifyError(failure))
                }
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
