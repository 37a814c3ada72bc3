import { useMemo } from 'react';
import { Link, useLocation } from 'wouter';
import type { DemoSummary } from '../../../../core/demo/summary';
import { summariseDemo } from '../../../../core/demo/summary';
import { priorityCountText } from '../../../../core/demo/happened';
import { useRegisterCommands } from '../../app/commands/registry';
import { counted, formatDate, todayIso } from '../../lib/format';
import { LockBanner } from './LockBanner';
import { editState } from '../../../../core/demo/rounds';
import { useDemoHappenings, usePendingDrafts } from './queries';
import { ReviewLists } from './ReviewRecord';
import { ReviewVerdicts } from './ReviewVerdicts';
import { Shortcut } from './Shortcut';
import { SignOffPanel } from './SignOffPanel';

/** After the demo: the summary an auditor reads, then sign-off. */
export function ReviewPage({ demoId }: { demoId: string }) {
  const record = useDemoHappenings(demoId);
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
  const { record: demoRecord, happened } = record.data;
  const summary = summariseDemo(demoRecord, happened, todayIso());
  const pending = drafts.data?.length ?? 0;
  const warnings = [
    ...(summary.controls.some((control) => control.judgement === null)
      ? [
          have(
            summary.controls.filter((c) => c.judgement === null).length,
            'linked control',
            'no verdict',
          ),
        ]
      : []),
    ...(summary.itemsWithoutEvidence.length > 0
      ? [have(summary.itemsWithoutEvidence.length, 'item', 'no evidence')]
      : []),
    ...(summary.openQuestions.length > 0
      ? [
          `${counted(summary.openQuestions.length, 'follow-up question')} ${summary.openQuestions.length === 1 ? 'is' : 'are'} still open.`,
        ]
      : []),
    ...(pending > 0
      ? [
          `${counted(pending, 'draft')} ${pending === 1 ? 'was' : 'were'} typed but never added to the record.`,
        ]
      : []),
  ];
  const { demo } = demoRecord;
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
      <SummaryFigures summary={summary} items={demoRecord.items.length} />
      <ReviewVerdicts
        record={demoRecord}
        happened={happened}
        summary={summary}
        editable={editState(demo).editable}
      />
      <ReviewLists
        record={demoRecord}
        happened={happened}
        summary={summary}
        editable={editState(demo).editable}
      />
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
      <SignOffPanel record={demoRecord} happened={happened} warnings={warnings} />
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
    ['Issues raised', priorityCountText(summary.issueCount)],
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

/** "1 item has no evidence.", "3 items have no evidence." */
function have(count: number, noun: string, what: string): string {
  return `${counted(count, noun)} ${count === 1 ? 'has' : 'have'} ${what}.`;
}
