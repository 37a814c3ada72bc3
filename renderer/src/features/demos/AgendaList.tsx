import type { DemoRecord } from '../../../../core/demo/digest';
import type { AgendaItem } from '../../../../core/model';
import { notify, notifyError } from '../../app/notifications';
import { counted } from '../../lib/format';
import { moveAgendaItem } from './commands';
import { addPipelineEvidence } from './record-commands';
import { useDemoSlots } from './slots';
import { ControlLabel, useControlTitles } from './ControlLabel';
import { LinkList } from './LinkList';

interface Props {
  record: DemoRecord;
  editable: boolean;
  onEdit: (item: AgendaItem) => void;
  onDelete: (item: AgendaItem) => void;
}

/** The agenda in order, with each item's controls, links and what was recorded on it. */
export function AgendaList({ record, editable, onEdit, onDelete }: Props) {
  const titles = useControlTitles([...new Set(record.items.flatMap((item) => item.controls))]);
  const count = (rows: readonly { itemId: string }[], itemId: string): number =>
    rows.filter((row) => row.itemId === itemId).length;
  const slots = useDemoSlots();
  const run = (work: Promise<void>): void => {
    work.catch((error: unknown) => notifyError(error));
  };
  const pullPipelineEvidence = (item: AgendaItem): void => {
    addPipelineEvidence(item.id, slots.evidence).then(
      (names) =>
        notify(
          names.length > 0 ? 'success' : 'info',
          names.length > 0
            ? `${item.title}: attached ${names.join(', ')} from the pipeline`
            : `${item.title}: no newer pipeline evidence for its controls (import a bundle in Evidence)`,
        ),
      (error: unknown) => notifyError(error),
    );
  };
  if (record.items.length === 0) {
    return (
      <p className="empty">
        The agenda is empty. Add items by hand, paste a list, or import a Jira or CSV export.
      </p>
    );
  }
  return (
    <ol className="agenda" aria-label="Agenda">
      {record.items.map((item, index) => (
        <li key={item.id} className="agenda-item">
          <div className="agenda-number" aria-hidden="true">
            {index + 1}
          </div>
          <div className="agenda-body">
            <h3>
              {item.key ? <span className="item-key">{item.key}</span> : null} {item.title}
            </h3>
            <p className="muted small">
              {item.owner ? `Owner: ${item.owner} · ` : ''}
              {counted(count(record.notes, item.id), 'note')} ·{' '}
              {counted(count(record.verdicts, item.id), 'verdict')} ·{' '}
              {counted(count(record.evidence, item.id), 'evidence file')} ·{' '}
              {counted(count(record.issues, item.id), 'issue')}
            </p>
            {item.description ? <p className="agenda-description">{item.description}</p> : null}
            {item.controls.length > 0 ? (
              <ul className="chip-list" aria-label={`Controls of ${item.title}`}>
                {item.controls.map((control) => (
                  <li key={control} className="chip">
                    <ControlLabel control={control} title={titles.get(control)} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted small">No controls linked yet.</p>
            )}
            <LinkList links={item.links} label={`Links of ${item.title}`} />
          </div>
          {editable ? (
            <div className="agenda-actions">
              <button
                type="button"
                className="button small"
                onClick={() => onEdit(item)}
                aria-label={`Edit ${item.title}`}
              >
                Edit
              </button>
              {item.controls.length > 0 ? (
                <button
                  type="button"
                  className="button small"
                  onClick={() => pullPipelineEvidence(item)}
                  aria-label={`Add the newest pipeline evidence to ${item.title}`}
                >
                  Pipeline evidence
                </button>
              ) : null}
              <button
                type="button"
                className="button small"
                disabled={index === 0}
                onClick={() => run(moveAgendaItem(item.id, -1))}
                aria-label={`Move ${item.title} up`}
              >
                ↑
              </button>
              <button
                type="button"
                className="button small"
                disabled={index === record.items.length - 1}
                onClick={() => run(moveAgendaItem(item.id, 1))}
                aria-label={`Move ${item.title} down`}
              >
                ↓
              </button>
              <button
                type="button"
                className="button small danger-quiet"
                onClick={() => onDelete(item)}
                aria-label={`Delete ${item.title}`}
              >
                Delete
              </button>
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
