import { readSla } from '../../../../core/issues/sla';
import { effectiveStatus } from '../../../../core/issues/workflow';
import type { SecurityIssue, SlaPolicy } from '../../../../core/model';
import { issueKey } from '../../../../core/model';
import type { ReportModelInput } from '../../../../core/report/model';
import type { ReportContributor } from '../reports/assemble';
import { SLA_STATE_LABELS, STATUS_LABELS } from './labels';
import { readSlaPolicy } from './policy';

/**
 * The issues feature's part of a report: issues raised in a demo and tracked here are reported
 * as the tracker knows them now (key, priority, status, owner, SLA due time and the clock's
 * state when the report was made), keeping how each belongs to its demo; a period's matrix also
 * lists every issue raised in the period.
 */

type ModelIssue = NonNullable<ReportModelInput['issues']>[number];

export function issueEntry(issue: SecurityIssue, now: number, policy: SlaPolicy): ModelIssue {
  const status = effectiveStatus(issue, now);
  const sla = readSla({ ...issue, status }, now, policy);
  return {
    id: issue.id,
    key: issueKey(issue),
    title: issue.title,
    priority: issue.priority,
    status: STATUS_LABELS[status],
    owner: issue.owner,
    raisedAt: issue.raisedAt,
    dueAt: new Date(sla.dueAt).toISOString(),
    sla: SLA_STATE_LABELS[sla.state],
    controls: issue.controlRefs,
  };
}

export const issuesReportContribution: ReportContributor = async (context, model) => {
  if (context.request.kind === 'post-mortem') return;
  const issues = await context.db.issues
    .where('workspaceId')
    .equals(context.workspace.id)
    .toArray();
  const byId = new Map(issues.map((issue) => [issue.id, issue]));
  const policy = await readSlaPolicy(context.workspace.id);
  const now = context.now.getTime();
  const entries = new Map<string, ModelIssue>();
  for (const entry of model.issues ?? []) {
    const tracked = byId.get(entry.id);
    entries.set(
      entry.id,
      tracked ? { ...issueEntry(tracked, now, policy), origin: entry.origin ?? '' } : entry,
    );
  }
  // Which issues belong to a demo is decided once (core/demo/happened.ts) by the demo record's
  // contribution; a period's matrix adds every issue raised in the period.
  if (context.request.kind === 'control-evidence-matrix') {
    const { start, end } = context.request;
    for (const issue of issues) {
      const day = issue.raisedAt.slice(0, 10);
      if (day >= start && day <= end && !entries.has(issue.id))
        entries.set(issue.id, issueEntry(issue, now, policy));
    }
  }
  model.issues = [...entries.values()].sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
};
