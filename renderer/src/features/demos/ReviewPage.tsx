import { useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { DemoRecord } from '../../../../core/demo/digest';
import type { DemoSummary } from '../../../../core/demo/summary';
import { summariseDemo } from '../../../../core/demo/summary';
import type { DemoNote } from '../../../../core/model';
import { PRIORITY_MEANINGS, VERDICT_LABELS } from '../../../../core/model';
import { useRegisterCommands } from '../../app/commands/registry';
import { notifyError } from '../../app/notifications';
import { formatDate, todayIso } from '../../lib/format';
import { ControlLabel, useControlTitles } from './ControlLabel';
import { formatDateTime } from './format';
import { LockBanner } from './LockBanner';
import { editState } from './lock';
import { useDemoRecord, usePendingDrafts } from './queries';
import { answerQuestion } from './record-commands';
import { Shortcut } from './Shortcut';
import { SignOffPanel } from './SignOffPanel';
import { JudgementBadge } from './VerdictBadge';

/** After the demo: the summary an auditor reads, then sign-off. */
export function ReviewPage({ demoId }: { demoId: string }) {
  const record = useDemoRecord(demoId);
  const drafts = usePendingDrafts(demoId);
  const [, navigate] = useLocation();
  const commands = useMemo(
    () => [
      {
        id: 'demo.present',
        title: 'Start presenter mode',
        section: 'Demo',
        shortcut: 'Alt+P',
        allowInTextEntry: true,
        run: () => navigate(`/${demoId}/present`),
      },
    ],
    [demoId, navigate],
  );
  useRegisterCommands(commands);
  if (record.isLoading && record.data === undefined) return <p className="muted page">Loading…</p>;
  if (record.error) throw record.error;
  if (!record.data) return <p className="page">This demo no longer exists.</p>;
  const summary = summariseDemo(record.data, todayIso());
  const pending = drafts.data?.length ?? 0;
  const warnings = [
    ...(summary.controls.some((control) => control.judgement === null)
      ? [
          `${summary.controls.filter((c) => c.judgement === null).length} linked controls have no verdict.`,
        ]
      : []),
    ...(summary.itemsWithoutEvidence.length > 0
      ? [`${summary.itemsWithoutEvidence.length} items have no evidence.`]
      : []),
    ...(summary.openQuestions.length > 0
      ? [`${summary.openQuestions.length} follow-up questions are still open.`]
      : []),
    ...(pending > 0 ? [`${pending} drafts were typed but never added to the record.`] : []),
  ];
  const { demo } = record.data;
  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Demos</Link> / <Link href={`/${demo.id}`}>{demo.title}</Link> / Review
      </nav>
      <header className="page-header page-header-row">
        <div>
          <h1>Review: {demo.title}</h1>
          <p className="lead">
            {formatDate(demo.date)} · {summary.attendance.present} of {summary.attendance.total}{' '}
            attendees present
          </p>
        </div>
        <Link href={`/${demo.id}/present`} className="button">
          Presenter mode <Shortcut keys="Alt+P" />
        </Link>
      </header>
      <LockBanner demo={demo} />
      <SummaryFigures summary={summary} items={record.data.items.length} />
      <ControlVerdicts summary={summary} />
      <ReviewLists record={record.data} summary={summary} editable={editState(demo).editable} />
      {pending > 0 ? (
        <section className="panel" aria-labelledby="drafts-heading">
          <h2 id="drafts-heading">Typed but not added</h2>
          <ul className="plain-list">
            {(drafts.data ?? []).map((draft) => (
              <li key={draft.key}>
                <code>{draft.key.split('/').slice(-1)[0]}</code>:{' '}
                {typeof draft.value === 'string' ? draft.value : JSON.stringify(draft.value)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <SignOffPanel demo={demo} warnings={warnings} />
    </div>
  );
}

function SummaryFigures({ summary, items }: { summary: DemoSummary; items: number }) {
  const judged = summary.controls.filter((control) => control.judgement !== null).length;
  const figures = [
    ['Agenda items', String(items)],
    ['Controls judged', `${judged} of ${summary.controls.length}`],
    ['Observations', String(summary.observationCount)],
    ['Evidence files', String(summary.evidenceCount)],
    ['Issues raised', `${summary.issueCount.P1} P1 · ${summary.issueCount.P2} P2`],
    ['Open questions', String(summary.openQuestions.length)],
  ];
  return (
    <dl className="figures" aria-label="Summary">
      {figures.map(([label, value]) => (
        <div key={label} className="figure">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ControlVerdicts({ summary }: { summary: DemoSummary }) {
  const titles = useControlTitles(summary.controls.map((control) => control.control));
  return (
    <section className="panel" aria-labelledby="verdicts-heading">
      <h2 id="verdicts-heading">Verdicts per control</h2>
      {summary.controls.length === 0 ? (
        <p className="empty">No controls were linked to this demo’s items.</p>
      ) : (
        <table className="table" aria-label="Verdicts per control">
          <thead>
            <tr>
              <th scope="col">Control</th>
              <th scope="col">Outcome today</th>
              <th scope="col">Verdicts</th>
            </tr>
          </thead>
          <tbody>
            {summary.controls.map((row) => (
              <tr key={row.control}>
                <th scope="row">
                  <ControlLabel control={row.control} title={titles.get(row.control)} />
                </th>
                <td>
                  <JudgementBadge judgement={row.judgement} />
                </td>
                <td>
                  <ul className="plain-list compact-list">
                    {row.verdicts.map(({ item, verdict }) => (
                      <li key={verdict.id}>
                        {item.key || item.title}: {VERDICT_LABELS[verdict.verdict]}
                        {verdict.verdict === 'exception'
                          ? ` until ${verdict.expires ? formatDate(verdict.expires) : '?'} — ${verdict.reason}`
                          : ''}
                      </li>
                    ))}
                    {row.unjudgedOn.map((item) => (
                      <li key={item.id} className="muted">
                        {item.key || item.title}: no verdict
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ReviewLists({
  record,
  summary,
  editable,
}: {
  record: DemoRecord;
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
      <section className="panel wide" aria-labelledby="issues-heading">
        <h2 id="issues-heading">Raised issues</h2>
        {record.issues.length === 0 ? (
          <p className="empty">No issues were raised.</p>
        ) : (
          <table className="table" aria-label="Raised issues">
            <thead>
              <tr>
                <th scope="col">Priority</th>
                <th scope="col">Issue</th>
                <th scope="col">Item</th>
                <th scope="col">Control</th>
                <th scope="col">Raised</th>
              </tr>
            </thead>
            <tbody>
              {record.issues.map((issue) => (
                <tr key={issue.id}>
                  <td>
                    <span
                      className={`priority priority-${issue.priority}`}
                      title={PRIORITY_MEANINGS[issue.priority]}
                    >
                      {issue.priority}
                    </span>
                  </td>
                  <th scope="row">{issue.title}</th>
                  <td>{itemName(issue.itemId)}</td>
                  <td>{issue.control ?? '—'}</td>
                  <td className="nowrap">
                    {formatDateTime(issue.raisedAt)} by {issue.raisedBy}
                    {issue.trackerId ? ` · ${issue.trackerId}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
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
