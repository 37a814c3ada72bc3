import { useState } from 'react';
import type { DemoRecord } from '../../../../core/demo/digest';
import type { DemoHappenings } from '../../../../core/demo/happened';
import type { DemoSummary } from '../../../../core/demo/summary';
import type { DemoNote } from '../../../../core/model';
import { notifyError } from '../../app/notifications';
import { EvidenceFacts } from './EvidenceFacts';
import { ReviewIssues } from './ReviewIssues';
import { formatDateTime } from '../../lib/format';
import { answerQuestion } from './record-commands';
import { useDemoSlots } from './slots';

/**
 * The review's lists: items without evidence, open questions, the evidence with what it shows
 * and what changed since its previous version, and the issues that belong to the demo.
 */
export function ReviewLists({
  record,
  happened,
  summary,
  editable,
}: {
  record: DemoRecord;
  happened: DemoHappenings;
  summary: DemoSummary;
  editable: boolean;
}) {
  const itemName = (itemId: string): string => {
    const item = record.items.find((candidate) => candidate.id === itemId);
    return item ? item.key || item.title : '—';
  };
  return (
    <div className="review-grid">
      <section className="panel" aria-labelledby="no-evidence-heading">
        <h2 id="no-evidence-heading">Items without evidence</h2>
        {summary.itemsWithoutEvidence.length === 0 ? (
          <p className="empty">Every item has evidence.</p>
        ) : (
          <ul className="plain-list" aria-label="Items without evidence">
            {summary.itemsWithoutEvidence.map((item) => (
              <li key={item.id}>
                {item.key ? <span className="item-key">{item.key}</span> : null} {item.title}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="questions-heading">
        <h2 id="questions-heading">Open questions</h2>
        {summary.openQuestions.length === 0 ? (
          <p className="empty">No open questions.</p>
        ) : (
          <ul className="question-list" aria-label="Open questions">
            {summary.openQuestions.map(({ question }) => (
              <QuestionRow
                key={question.id}
                question={question}
                itemName={itemName(question.itemId)}
                editable={editable}
              />
            ))}
          </ul>
        )}
      </section>
      <ReviewEvidence record={record} itemName={itemName} />
      <ReviewIssues record={record} happened={happened} itemName={itemName} />
    </div>
  );
}

function QuestionRow({
  question,
  itemName,
  editable,
}: {
  question: DemoNote;
  itemName: string;
  editable: boolean;
}) {
  const [answer, setAnswer] = useState('');
  return (
    <li className="question">
      <p>
        <strong>{itemName}:</strong> {question.text}
      </p>
      {editable ? (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            answerQuestion(question.id, answer).catch((error: unknown) => notifyError(error));
          }}
        >
          <input
            aria-label={`Answer to “${question.text.slice(0, 60)}”`}
            value={answer}
            onChange={(event) => setAnswer(event.target.value)}
            placeholder="Answer"
          />
          <button type="submit" className="button small">
            Record answer
          </button>
        </form>
      ) : null}
    </li>
  );
}

function ReviewEvidence({
  record,
  itemName,
}: {
  record: DemoRecord;
  itemName: (itemId: string) => string;
}) {
  const { evidence: store } = useDemoSlots();
  const views = store.useViews(
    record.evidence.filter((row) => row.stored).map((row) => row.evidenceId),
  );
  return (
    <section className="panel wide" aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">Evidence</h2>
      {record.evidence.length === 0 ? (
        <p className="empty">No evidence was attached.</p>
      ) : (
        <table className="table" aria-label="Evidence">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">File, what it shows and what changed</th>
              <th scope="col">Attached</th>
            </tr>
          </thead>
          <tbody>
            {record.evidence.map((row) => (
              <tr key={row.id}>
                <td className="nowrap">{itemName(row.itemId)}</td>
                <td>
                  <EvidenceFacts row={row} view={views.get(row.evidenceId)} />
                </td>
                <td className="nowrap">
                  {formatDateTime(row.attachedAt)} by {row.attachedBy}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
