import { useState } from 'react';
import type { LockerBundleEntry } from '../../../../core/locker/app';
import { getApi } from '../../app/api';
import { describeError } from '../../app/notifications';
import { FormError } from '../../components/FormFooter';
import { formatBytes, formatDateTime } from '../../lib/format';

/** Reads a pulled bundle from main in pieces into a File, for the import panel to check. */
async function readPulled(pullId: string, size: number, name: string): Promise<File> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for (let offset = 0; offset < size || parts.length === 0;) {
    const { data } = await getApi().lockerReadPulled({ pullId, offset });
    parts.push(data);
    offset += data.byteLength;
    if (data.byteLength === 0) break;
  }
  return new File(parts, name);
}

/**
 * The team locker's bundles: listed from main, pulled (main puts each back together and verifies
 * it under the trust rule before keeping it), then handed to the import panel, which checks it
 * again and imports or merges it as any bundle. Audit bundles only: pipeline evidence bundles are
 * listed, not yet opened here.
 */
export function TeammatesPanel({ onPulled }: { onPulled: (file: File) => void }) {
  const [bundles, setBundles] = useState<LockerBundleEntry[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = (): void => {
    setBusy('list');
    setError(null);
    getApi()
      .lockerList()
      .then(
        (listing) => setBundles(listing.bundles),
        (failure: unknown) => setError(describeError(failure)),
      )
      .finally(() => setBusy(null));
  };
  const pull = (entry: LockerBundleEntry): void => {
    setBusy(entry.key);
    setError(null);
    getApi()
      .lockerPull({ key: entry.key })
      .then((pulled) => readPulled(pulled.pullId, pulled.size, pulled.fileName))
      .then(onPulled, (failure: unknown) => setError(describeError(failure)))
      .finally(() => setBusy(null));
  };
  return (
    <section className="panel" aria-labelledby="bundle-locker-heading">
      <div className="panel-header">
        <h2 id="bundle-locker-heading">In the team locker</h2>
        <button type="button" className="button" disabled={busy !== null} onClick={refresh}>
          {bundles === null ? 'Show the locker’s bundles' : 'Refresh'}
        </button>
      </div>
      <p className="muted">
        What the team published. Pulling checks every file against its hash and the signatures
        against your trusted certificates before anything is kept; the bundle is then checked again
        below, like a file you chose.
      </p>
      <FormError message={error} />
      {bundles !== null && bundles.length === 0 ? <p className="empty">Nothing yet.</p> : null}
      {bundles !== null && bundles.length > 0 ? (
        <table className="table" aria-label="Bundles in the team locker">
          <thead>
            <tr>
              <th scope="col">Bundle</th>
              <th scope="col">Kind</th>
              <th scope="col">Made</th>
              <th scope="col">Size</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {bundles.map((entry) => (
              <tr key={entry.key}>
                <th scope="row">
                  <code>{entry.key.slice(entry.key.lastIndexOf('/') + 1)}</code>
                  {entry.ours ? ' (published from here)' : ''}
                </th>
                <td>{entry.kind === 'audit' ? 'Audit bundle' : 'Pipeline evidence'}</td>
                <td>{formatDateTime(entry.createdAt)}</td>
                <td>{formatBytes(entry.size)}</td>
                <td>
                  {entry.kind === 'audit' ? (
                    <button
                      type="button"
                      className="button small"
                      disabled={busy !== null}
                      onClick={() => pull(entry)}
                    >
                      {busy === entry.key ? 'Pulling…' : 'Pull and check'}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
