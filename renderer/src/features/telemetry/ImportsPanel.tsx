import { useState } from 'react';
import { formatTime } from '../../../../core/charts/layout';
import { KIND_LABELS } from '../../../../core/telemetry/model';
import type { TelemetryImportRecord } from '../../../../core/telemetry/records';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatBytes, formatNumber } from '../../lib/format';
import { deleteImport } from './commands';

/** The imported files, with what was read, skipped and when; an import can be removed. */
export function ImportsPanel({ imports }: { imports: readonly TelemetryImportRecord[] }) {
  const [removing, setRemoving] = useState<TelemetryImportRecord | null>(null);
  return (
    <section className="panel" aria-labelledby="imports-heading">
      <h2 id="imports-heading">Imported files</h2>
      <table className="table" aria-label="Imported files">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Kind</th>
            <th scope="col">Lines</th>
            <th scope="col">Period</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {imports.map((item) => (
            <tr key={item.id}>
              <th scope="row">
                {item.fileName}
                <div className="muted small hash" title="SHA-256 of the imported file">
                  {formatBytes(item.fileSize)} · sha256 {item.sha256.slice(0, 16)}…
                </div>
              </th>
              <td>{KIND_LABELS[item.kind].split(' (')[0]}</td>
              <td className="nowrap">
                {formatNumber(item.lines)}
                {item.rejected > 0 ? (
                  <div
                    className="muted small"
                    title={item.problems
                      .map((problem) => `line ${problem.line}: ${problem.reason}`)
                      .join('\n')}
                  >
                    {formatNumber(item.rejected)} unreadable (first: line {item.problems[0]?.line})
                  </div>
                ) : null}
                {(item.notes ?? []).map((note) => (
                  <div key={note} className="muted small">
                    {note}
                  </div>
                ))}
              </td>
              <td className="nowrap">
                {item.from === null || item.to === null
                  ? '—'
                  : `${formatTime(item.from)} – ${formatTime(item.to)}`}
              </td>
              <td className="row-actions">
                <button
                  type="button"
                  className="button small danger-quiet"
                  onClick={() => setRemoving(item)}
                  aria-label={`Remove ${item.fileName}`}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        open={removing !== null}
        title="Remove imported file"
        message={
          removing
            ? `Remove ${removing.fileName} with its charts data and alerts? The removal is kept in the audit log.`
            : ''
        }
        confirmLabel="Remove"
        onConfirm={async () => {
          if (removing) await deleteImport(removing.id);
        }}
        onClose={() => setRemoving(null)}
      />
    </section>
  );
}
