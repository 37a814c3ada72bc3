import type { DemoRecord } from '../../../../core/demo/digest';
import type { DemoHappenings } from '../../../../core/demo/happened';
import { ISSUE_ORIGIN_LABELS } from '../../../../core/demo/happened';
import { formatDateTime } from '../../lib/format';
import { useDemoSlots } from './slots';

/**
 * Every issue that belongs to the demo (core/demo/happened.ts): raised in it, from its verdicts,
 * or elsewhere from the evidence shown in it, each with how it belongs and its live status.
 */
export function ReviewIssues({
  record,
  happened,
  itemName,
}: {
  record: DemoRecord;
  happened: DemoHappenings;
  itemName: (itemId: string) => string;
}) {
  const { issues: tracker } = useDemoSlots();
  const rows = new Map(record.issues.map((row) => [row.id, row]));
  return (
    <section className="panel wide" aria-labelledby="issues-heading">
      <h2 id="issues-heading">Raised issues</h2>
      {happened.issues.length === 0 ? (
        <p className="empty">No issues were raised.</p>
      ) : (
        <table className="table" aria-label="Raised issues">
          <thead>
            <tr>
              <th scope="col">Priority</th>
              <th scope="col">Issue</th>
              <th scope="col">Item</th>
              <th scope="col">How</th>
              <th scope="col">Raised</th>
              <th scope="col">In the tracker</th>
            </tr>
          </thead>
          <tbody>
            {happened.issues.map((issue) => {
              const row = issue.demoIssueId === null ? undefined : rows.get(issue.demoIssueId);
              return (
                <tr key={issue.id}>
                  <td>
                    <span className={`demo-priority demo-priority-${issue.priority}`}>
                      {issue.priority}
                    </span>
                  </td>
                  <th scope="row">{issue.title}</th>
                  <td>{itemName(issue.itemId)}</td>
                  <td>
                    {ISSUE_ORIGIN_LABELS[issue.origin]}
                    {row?.control ? ` (${row.control})` : ''}
                  </td>
                  <td className="nowrap">
                    {formatDateTime(issue.raisedAt)}
                    {row ? ` by ${row.raisedBy}` : ''}
                  </td>
                  <td>
                    {issue.tracked ? (
                      <tracker.Status trackerId={issue.id} />
                    ) : (
                      <span className="muted">on the demo record only</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
