import type { OutboxItem } from '../../../../core/locker/app';
import { notifyError } from '../../app/notifications';
import { formatBytes, formatDateTime, formatTimeOfDay } from '../../lib/format';
import { retryPublishing } from './commands';
import { useOutbox } from './queries';

const STATE_LABEL: Record<OutboxItem['state'], string> = {
  waiting: 'Waiting',
  uploading: 'Uploading',
  published: 'Published',
  refused: 'Refused',
};

function progressText(item: OutboxItem): string {
  const progress = item.progress;
  if (!progress) return '';
  if (progress.phase === 'checking') return 'verifying the bundle';
  const what = progress.phase === 'blobs' ? 'evidence files' : 'the bundle';
  return `${what}: ${formatBytes(progress.done)} of ${formatBytes(progress.total)}`;
}

function Status({ item }: { item: OutboxItem }) {
  if (item.state === 'uploading') {
    const total = item.progress?.total ?? 0;
    return (
      <>
        {STATE_LABEL.uploading} {progressText(item)}
        {total > 0 ? (
          <progress
            value={item.progress?.done ?? 0}
            max={total}
            aria-label={`Progress of ${item.fileName}`}
          />
        ) : null}
      </>
    );
  }
  if (item.state === 'published')
    return (
      <>
        Published {item.publishedAt ? formatDateTime(item.publishedAt) : ''} as{' '}
        <code>{item.key}</code>
      </>
    );
  return (
    <>
      {STATE_LABEL[item.state]}
      {item.lastError ? <span className="form-error"> — {item.lastError}</span> : null}
      {item.state === 'waiting' && item.nextAttemptAt ? (
        <span className="muted"> (next try {formatTimeOfDay(item.nextAttemptAt)})</span>
      ) : null}
    </>
  );
}

/** The outbox: each bundle queued for the locker with its progress, its error and a retry. */
export function OutboxPanel() {
  const { outbox, replace } = useOutbox();
  const items = outbox?.items ?? [];
  const pending = items.filter((item) => item.state !== 'published').length;
  return (
    <section className="panel" aria-labelledby="locker-outbox-heading">
      <h2 id="locker-outbox-heading">Published from this computer</h2>
      <p className="muted" role="status">
        {items.length === 0
          ? 'Nothing published yet: publish a sprint, a demo or a period from Audit bundles.'
          : pending === 0
            ? 'Everything is in the locker.'
            : `${pending} bundle${pending === 1 ? '' : 's'} not yet in the locker. They are kept on this computer and sent when the locker can be reached${outbox?.blocked ? ` (now: ${outbox.blocked})` : ''}.`}
      </p>
      {items.length > 0 ? (
        <table className="table" aria-label="Outbox">
          <thead>
            <tr>
              <th scope="col">Bundle</th>
              <th scope="col">Size</th>
              <th scope="col">Queued</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {[...items].reverse().map((item) => (
              <tr key={item.id} data-state={item.state}>
                <th scope="row">{item.fileName}</th>
                <td>{formatBytes(item.size)}</td>
                <td>{formatDateTime(item.queuedAt)}</td>
                <td>
                  <Status item={item} />
                </td>
                <td>
                  {item.state === 'waiting' || item.state === 'refused' ? (
                    <button
                      type="button"
                      className="button small"
                      onClick={() => void retryPublishing(item.id).then(replace, notifyError)}
                    >
                      Try again now
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
