import type { IssueSourceInput } from '../../../../../core/model';
import { issueKey } from '../../../../../core/model';
import { RAISE_TABLES, raiseIssueInTransaction } from '../../issues/commands';
import { IssueGlance } from '../../issues/IssueGlance';
import type { IssueRaiser } from '../slots';

/** The security issue tracker behind issues raised in a demo (features/issues). */

/**
 * The issue is raised in the tracker (numbered, its SLA clock started under the workspace's
 * policy) with the demo item, the control and the item's evidence as links, in the caller's
 * transaction. Its source is the failed verdict when raised from one, else the demo item.
 */
export const trackerIssues: IssueRaiser = {
  tables: RAISE_TABLES,
  hint: 'Raised in the Issues area with its SLA clock, linked to this item, the control and the item’s evidence.',
  async raise(draft, context) {
    const source: IssueSourceInput = context.verdict
      ? {
          kind: 'control-verdict',
          controlRef: context.verdict.control,
          verdictId: context.verdict.id,
        }
      : { kind: 'demo-item', demoItemId: context.itemId, sprintId: context.sprintId };
    const { issue } = await raiseIssueInTransaction({
      workspaceId: context.workspaceId,
      sprintId: context.sprintId,
      title: draft.title,
      description: draft.description ?? '',
      priority: draft.priority,
      owner: draft.owner,
      source,
      controlRefs: draft.control ? [draft.control] : [],
      links: { demoItemIds: [context.itemId], evidenceIds: [...context.evidenceIds] },
    });
    return { trackerId: issue.id, key: issueKey(issue) };
  },
  Status: TrackedIssueStatus,
};

function TrackedIssueStatus({ trackerId }: { trackerId: string }) {
  return <IssueGlance issueId={trackerId} />;
}
