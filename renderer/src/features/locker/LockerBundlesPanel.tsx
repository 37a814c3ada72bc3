import type { ReactNode } from 'react';
import { useId, useState } from 'react';
import type { LockerBundleEntry } from '../../../../core/locker/app';
import { getApi } from '../../app/api';
import { describeError } from '../../app/notifications';
import { FormError } from '../../components/FormFooter';
import { formatBytes, formatDateTime } from '../../lib/format';
import { useLockerState } from './queries';

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

const KIND: Record<
  LockerBundleEntry['kind'],
  {
    heading: string;
    what: ReactNode;
    checkedBy: string;
    table: string;
    empty: string;
    /** The column for the key's scope, or null when it says nothing to a person (an id). */
    scope: string | null;
  }
> = {
  audit: {
    heading: 'In the team locker',
    what: 'Audit bundles the team published.',
    checkedBy: 'the bundle is then checked again below, like a file you chose',
    table: 'Bundles in the team locker',
    empty: 'No audit bundles in the locker yet.',
    scope: null,
  },
  evidence: {
    heading: 'Pipeline evidence in the team locker',
    what: (
      <>
        Evidence bundles pipelines published (<code>demo-ledger collect</code>, then{' '}
        <code>demo-ledger locker push</code>).
      </>
    ),
    checkedBy:
      'the bundle is then checked again by Pipeline evidence bundle above, like a file you chose',
    table: 'Evidence bundles in the team locker',
    empty: 'No evidence bundles in the locker yet.',
    scope: 'Repository',
  },
};

/**
 * The team locker's bundles of one kind: listed from main, pulled (main fetches the bundle and
 * each evidence file it stores apart, checks each against its SHA-256 and verifies the whole
 * under the trust rule before keeping it), then handed to `onPulled`: the import panel of that
 * kind, which checks it again and imports it as any file of that kind.
 */
export function LockerBundlesPanel({
  kind,
  onPulled,
  onlyWhenSetUp = false,
}: {
  kind: LockerBundleEntry['kind'];
  onPulled: (file: File) => void;
  /** Shows nothing until a locker is set up (pages where the locker is a side road). */
  onlyWhenSetUp?: boolean;
}) {
  const text = KIND[kind];
  const { state } = useLockerState();
  const headingId = useId();
  const [bundles, setBundles] = useState<LockerBundleEntry[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = (): void => {
    setBusy('list');
    setError(null);
    getApi()
      .lockerList()
      .then(
        (listing) => setBundles(listing.bundles.filter((entry) => entry.kind === kind)),
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
  if (onlyWhenSetUp && !state?.settings) return null;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel-header">
        <h2 id={headingId}>{text.heading}</h2>
        <button type="button" className="button" disabled={busy !== null} onClick={refresh}>
          {bundles === null ? 'Show the locker’s bundles' : 'Refresh'}
        </button>
      </div>
      <p className="muted">
        {text.what} Pulling fetches the bundle and every evidence file stored with it, checks each
        against its SHA-256 and the signatures against your trusted certificates before anything is
        kept; the bundle is then checked again below, like a file you chose.
      </p>
      <FormError message={error} />
      {bundles !== null && bundles.length === 0 ? <p className="empty">{text.empty}</p> : null}
      {bundles !== null && bundles.length > 0 ? (
        <table className="table" aria-label={text.table}>
          <thead>
            <tr>
              <th scope="col">Bundle</th>
              {text.scope ? <th scope="col">{text.scope}</th> : null}
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
                {text.scope ? <td>{entry.scope}</td> : null}
                <td>{formatDateTime(entry.createdAt)}</td>
                <td>{formatBytes(entry.size)}</td>
                <td>
                  <button
                    type="button"
                    className="button small"
                    disabled={busy !== null}
                    onClick={() => pull(entry)}
                  >
                    {busy === entry.key ? 'Pulling…' : 'Pull and check'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
