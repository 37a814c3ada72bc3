import { issueFromDraft } from '../../../../core/issues/raise';
import type { IssueDraftInput, SecurityIssue } from '../../../../core/model';
import {
  IssueDraft,
  SecurityIssue as SecurityIssueSchema,
  defaultSlaPolicy,
} from '../../../../core/model';

export const WORKSPACE = '6f1c2b7e-1d1a-4f9e-9a57-0c9e1f2d3a4b';
export const LONDON = defaultSlaPolicy('Europe/London');

let counter = 0;

/** A validated issue raised at `raisedAt` (London policy) from a draft with sensible defaults. */
export function raised(raisedAt: string, draft: Partial<IssueDraftInput> = {}): SecurityIssue {
  counter += 1;
  const parsed = IssueDraft.parse({
    workspaceId: WORKSPACE,
    title: `Issue ${counter}`,
    priority: 'P2',
    ...draft,
  });
  const issue = issueFromDraft(parsed, {
    id: crypto.randomUUID(),
    number: counter,
    now: Date.parse(raisedAt),
    actor: 'alice',
    policy: LONDON,
  });
  return SecurityIssueSchema.parse(issue);
}
