import { useState } from 'react';
import type { DemoRecord } from '../../../../core/demo/digest';
import type { DemoHappenings, HappenedIssue } from '../../../../core/demo/happened';
import type { DemoSummary } from '../../../../core/demo/summary';
import { isFailed } from '../../../../core/demo/verdicts';
import type { ControlVerdict } from '../../../../core/model';
import { VERDICT_LABELS } from '../../../../core/model';
import { formatDate, todayIso } from '../../lib/format';
import { ControlLabel, useControlTitles } from './ControlLabel';
import { DraftStoreContext, useDraftStore } from './drafts';
import { RaiseIssueDialog } from './presenter/RaiseIssueDialog';
import { JudgementBadge } from './VerdictBadge';

/**
 * Verdicts per control, combined over the items that judged it. A failed verdict with no issue
 * raised from it yet (by what happened in the demo, core/demo/happened.ts: the demo's own
 * issues and the tracker's) offers one, prefilled from the verdict.
 */
export function ReviewVerdicts({
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
  const titles = useControlTitles(summary.controls.map((control) => control.control));
  const [raising, setRaising] = useState<ControlVerdict | null>(null);
  const today = todayIso();
  const issuesFrom = new Map<string, HappenedIssue[]>();
  for (const issue of happened.issues) {
    if (issue.verdictId === null) continue;
    issuesFrom.set(issue.verdictId, [...(issuesFrom.get(issue.verdictId) ?? []), issue]);
  }
  const raisingItem = record.items.find((item) => item.id === raising?.itemId);
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
                        {(issuesFrom.get(verdict.id) ?? []).map((issue) => (
                          <span key={issue.id} className="muted">
                            {' '}
                            · issue {issue.priority} {issue.title}
                          </span>
                        ))}
                        {editable && isFailed(verdict, today) && !issuesFrom.has(verdict.id) ? (
                          <>
                            {' '}
                            <button
                              type="button"
                              className="button small danger-quiet"
                              onClick={() => setRaising(verdict)}
                            >
                              Raise issue
                            </button>
                          </>
                        ) : null}
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
      {raising && raisingItem ? (
        <IssueFromVerdict
          record={record}
          verdict={raising}
          item={raisingItem}
          onClose={() => setRaising(null)}
        />
      ) : null}
    </section>
  );
}

function IssueFromVerdict({
  record,
  verdict,
  item,
  onClose,
}: {
  record: DemoRecord;
  verdict: ControlVerdict;
  item: DemoRecord['items'][number];
  onClose: () => void;
}) {
  // The dialog keeps what is typed as a draft, as in presenter mode.
  const store = useDraftStore({ demoId: record.demo.id, workspaceId: record.demo.workspaceId });
  if (store === null) return null;
  return (
    <DraftStoreContext.Provider value={store}>
      <RaiseIssueDialog
        open
        onClose={onClose}
        demo={record.demo}
        item={item}
        control={verdict.control}
        verdict={verdict}
        priority="P1"
      />
    </DraftStoreContext.Provider>
  );
}
