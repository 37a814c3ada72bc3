import type { DemoRecord } from '../../../../../core/demo/digest';
import { PRIORITY_MEANINGS } from '../../../../../core/model';
import { useRef } from 'react';
import { notifyError } from '../../../app/notifications';
import type { Undoable } from '../../../app/undo';
import { offerUndo } from '../../../app/undo';
import { EvidenceFacts } from '../EvidenceFacts';
import { formatTimeOfDay } from '../../../lib/format';
import { formatElapsed } from '../format';
import { deleteNote, removeEvidence, restoreEvidence, restoreNote } from '../record-commands';
import { useDemoSlots } from '../slots';

interface Entry {
  id: string;
  at: string;
  kind: 'observation' | 'question' | 'evidence' | 'issue';
  body: React.ReactNode;
  /** Removes the entry; resolves with its undo (null when it was already gone). */
  remove?: () => Promise<Undoable | null>;
}

interface Props {
  record: DemoRecord;
  itemId: string;
  editable: boolean;
  /** Opens the choice of controls a stored file speaks for. */
  onChangeControls: (evidenceId: string) => void;
}

/** What has been recorded on the current item, oldest first, with meeting time stamps. */
export function Timeline({ record, itemId, editable, onChangeControls }: Props) {
  const { evidence: store, issues: tracker } = useDemoSlots();
  const listRef = useRef<HTMLDivElement>(null);
  const startedAt = record.demo.startedAt;
  const itemEvidence = record.evidence.filter((evidence) => evidence.itemId === itemId);
  const views = store.useViews(
    itemEvidence.filter((evidence) => evidence.stored).map((evidence) => evidence.evidenceId),
  );
  const entries: Entry[] = [
    ...record.notes
      .filter((note) => note.itemId === itemId)
      .map((note) => ({
        id: note.id,
        at: note.at,
        kind: note.kind,
        body: (
          <>
            <p className="entry-text">{note.text}</p>
            {note.answer ? <p className="entry-answer">Answer: {note.answer}</p> : null}
          </>
        ),
        remove: async () => {
          const removed = await deleteNote(note.id);
          return removed
            ? {
                description: `${KIND_LABELS[removed.kind]} removed`,
                undo: () => restoreNote(removed),
              }
            : null;
        },
      })),
    ...itemEvidence.map((evidence) => ({
      id: evidence.id,
      at: evidence.attachedAt,
      kind: 'evidence' as const,
      body: (
        <EvidenceFacts
          row={evidence}
          view={views.get(evidence.evidenceId)}
          onChangeControls={
            editable && evidence.stored ? () => onChangeControls(evidence.evidenceId) : undefined
          }
        />
      ),
      remove: async () => {
        const removed = await removeEvidence(evidence.id, store);
        return removed
          ? {
              description: `${removed.name} removed from this item`,
              undo: () => restoreEvidence(removed, store),
            }
          : null;
      },
    })),
    ...record.issues
      .filter((issue) => issue.itemId === itemId)
      .map((issue) => ({
        id: issue.id,
        at: issue.raisedAt,
        kind: 'issue' as const,
        body: (
          <p className="entry-text">
            <span className={`demo-priority demo-priority-${issue.priority}`}>
              {issue.priority}
            </span>{' '}
            {issue.title}{' '}
            <span className="muted small">
              ({PRIORITY_MEANINGS[issue.priority]}
              {issue.control && !issue.title.includes(issue.control) ? ` · ${issue.control}` : ''})
            </span>
            {issue.trackerId ? (
              <span className="entry-tracker">
                <tracker.Status trackerId={issue.trackerId} />
              </span>
            ) : null}
          </p>
        ),
      })),
  ].sort((a, b) => a.at.localeCompare(b.at));

  // The wrapper stays when the last entry goes, so focus moved to it is not lost.
  return (
    <div className="timeline-wrap" ref={listRef} tabIndex={-1}>
      {entries.length === 0 ? (
        <p className="timeline-empty">Nothing recorded on this item yet.</p>
      ) : (
        <ol className="timeline" aria-label="Recorded on this item">
          {entries.map((entry) => (
            <li key={entry.id} className={`entry entry-${entry.kind}`}>
              <div className="entry-meta">
                <span className="entry-kind">{KIND_LABELS[entry.kind]}</span>
                <time dateTime={entry.at}>
                  {formatTimeOfDay(entry.at)}
                  {startedAt
                    ? ` · +${formatElapsed(Date.parse(entry.at) - Date.parse(startedAt))}`
                    : ''}
                </time>
                {editable && entry.remove ? (
                  <button
                    type="button"
                    className="entry-remove"
                    aria-label={`Remove this ${KIND_LABELS[entry.kind].toLowerCase()}`}
                    onClick={() => {
                      // The button goes with its entry: focus stays in the list, not on the page.
                      listRef.current?.focus();
                      entry.remove?.().then(
                        (undoable) => {
                          if (undoable) offerUndo(undoable);
                        },
                        (error: unknown) => notifyError(error),
                      );
                    }}
                  >
                    ×
                  </button>
                ) : null}
              </div>
              {entry.body}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

const KIND_LABELS: Readonly<Record<Entry['kind'], string>> = {
  observation: 'Observation',
  question: 'Question',
  evidence: 'Evidence',
  issue: 'Issue',
};
