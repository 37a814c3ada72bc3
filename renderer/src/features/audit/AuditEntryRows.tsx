import { Fragment, useState } from 'react';
import type { AuditEntry } from '../../../../core/audit/chain';
import { DiffView } from './DiffView';
import { formatDateTime } from '../../lib/format';

const OP_LABELS: Record<AuditEntry['op'], string> = {
  create: 'created',
  update: 'changed',
  delete: 'deleted',
};

interface Props {
  entries: readonly AuditEntry[];
  /** The entry to open and highlight (reached from the verifier or "go to entry"). */
  focusSeq: number | null;
  onShowHistory: (entity: string, key: string) => void;
}

/** The log as a table, newest first; each entry opens to show its diff and hashes. */
export function AuditEntryRows({ entries, focusSeq, onShowHistory }: Props) {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (seq: number): void =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(seq)) next.delete(seq);
      else next.add(seq);
      return next;
    });
  return (
    <table className="table audit-table" aria-label="Audit entries">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">Action</th>
          <th scope="col">What</th>
          <th scope="col">
            <span className="visually-hidden">Details</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => {
          const expanded = open.has(entry.seq) || focusSeq === entry.seq;
          const detailsId = `audit-entry-${entry.seq}`;
          return (
            <Fragment key={entry.seq}>
              <tr className={focusSeq === entry.seq ? 'audit-row focused' : 'audit-row'}>
                <th scope="row" className="nowrap">
                  {entry.seq}
                </th>
                <td className="nowrap">
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                </td>
                <td>{entry.actor}</td>
                <td>{entry.action}</td>
                <td>
                  <span className={`op op-${entry.op}`}>{OP_LABELS[entry.op]}</span> {entry.entity}{' '}
                  <code className="audit-key">{entry.key}</code>
                </td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="button small"
                    aria-expanded={expanded}
                    aria-controls={detailsId}
                    onClick={() => toggle(entry.seq)}
                  >
                    {expanded ? 'Hide' : 'Details'}
                    <span className="visually-hidden"> of entry {entry.seq}</span>
                  </button>
                </td>
              </tr>
              {expanded ? (
                <tr id={detailsId} className="audit-details">
                  <td colSpan={6}>
                    <DiffView diff={entry.diff} op={entry.op} />
                    <dl className="facts audit-hashes">
                      <div>
                        <dt>Entry hash</dt>
                        <dd>
                          <code className="hash">{entry.hash}</code>
                        </dd>
                      </div>
                      <div>
                        <dt>Previous</dt>
                        <dd>
                          <code className="hash">{entry.prev}</code>
                        </dd>
                      </div>
                      <div>
                        <dt>Record state</dt>
                        <dd>
                          <code className="hash">{entry.stateHash ?? '— (deleted)'}</code>
                        </dd>
                      </div>
                    </dl>
                    <button
                      type="button"
                      className="button small"
                      onClick={() => onShowHistory(entry.entity, entry.key)}
                    >
                      History of this record
                    </button>
                  </td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
