import { useState } from 'react';
import type { BundleRecord } from '../../../../core/bundle/records';
import { counted, formatBytes, formatDateTime } from '../../lib/format';
import { useBundles } from './queries';
import { ReviewPanel } from './ReviewPanel';

const ROLE_LABELS: Readonly<Record<BundleRecord['role'], string>> = {
  exported: 'Exported',
  imported: 'Imported for review',
  reviewed: 'Review sent back',
  merged: 'Review merged',
};

/**
 * Every bundle that left or entered this ledger; an imported one opens for review, a merged one
 * shows the reviewers' observations.
 */
export function BundleList() {
  const bundles = useBundles();
  const [reviewing, setReviewing] = useState<string | null>(null);
  const rows = bundles.data ?? [];
  const open = rows.find((row) => row.id === reviewing) ?? null;
  return (
    <section className="panel" aria-labelledby="bundle-list-heading">
      <h2 id="bundle-list-heading">Bundles</h2>
      {rows.length === 0 ? (
        <p className="empty">No bundle has been exported or imported yet.</p>
      ) : (
        <table className="table" aria-label="Bundles">
          <thead>
            <tr>
              <th scope="col">Bundle</th>
              <th scope="col">What happened</th>
              <th scope="col">Signed by</th>
              <th scope="col">When</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">
                  {row.title}
                  <div className="muted">
                    {row.fileName} · {formatBytes(row.size)}
                  </div>
                </th>
                <td>
                  {ROLE_LABELS[row.role]}
                  {row.role === 'merged' || row.role === 'imported'
                    ? ` (${counted(row.applied, 'record')}${row.resolutions.length > 0 ? `, ${counted(row.resolutions.length, 'conflict')} resolved` : ''})`
                    : ''}
                </td>
                <td>
                  {[row.signer, ...row.reviews.map((review) => review.signer)]
                    .map((signer) => signer.commonName)
                    .filter((name) => name !== '')
                    .join(', ')}
                </td>
                <td className="nowrap">{formatDateTime(row.at)}</td>
                <td>
                  {row.role === 'imported' || row.role === 'merged' ? (
                    <button
                      type="button"
                      className="button small"
                      aria-expanded={reviewing === row.id}
                      onClick={() => setReviewing(reviewing === row.id ? null : row.id)}
                    >
                      {row.role === 'imported' ? 'Review' : 'Observations'}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open ? <ReviewPanel row={open} /> : null}
    </section>
  );
}
