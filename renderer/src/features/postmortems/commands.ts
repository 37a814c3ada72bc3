import type { ActionItemDraft, PostMortem, PostMortemNarrative } from '../../../../core/model';
import {
  ActionItemDraft as ActionItemDraftSchema,
  PostMortem as PostMortemSchema,
  PostMortemNarrative as PostMortemNarrativeSchema,
  TimelineEntry,
  newId,
} from '../../../../core/model';
import { db } from '../../db';
import { parseOrThrow } from '../../lib/validation';
import { raiseIssueInTransaction } from '../issues/commands';

/** Writes for post-mortems. Each action item is raised as a security issue in the same transaction. */

async function update(
  id: string,
  change: (postMortem: PostMortem) => PostMortem,
): Promise<PostMortem> {
  return db.transaction('rw', db.postMortems, async () => {
    const existing = await db.postMortems.get(id);
    if (!existing) throw new Error('This post-mortem no longer exists.');
    const next = parseOrThrow(PostMortemSchema, {
      ...change(existing),
      updatedAt: new Date().toISOString(),
    });
    await db.postMortems.put(next);
    return next;
  });
}

/** Opens the post-mortem of an issue, starting one (timeline seeded with the raise) if none exists. */
export async function startPostMortem(issueId: string): Promise<PostMortem> {
  return db.transaction('rw', db.issues, db.postMortems, async () => {
    const issue = await db.issues.get(issueId);
    if (!issue) throw new Error('This issue no longer exists.');
    const existing = await db.postMortems.where('issueId').equals(issueId).first();
    if (existing) return existing;
    const now = new Date().toISOString();
    const postMortem = parseOrThrow(PostMortemSchema, {
      id: newId(),
      workspaceId: issue.workspaceId,
      issueId,
      title: issue.title,
      summary: '',
      impact: '',
      detection: '',
      contributingFactors: '',
      wentWell: '',
      wasHard: '',
      lessons: '',
      failedControls: issue.controlRefs,
      timeline: [
        {
          id: newId(),
          at: issue.raisedAt,
          text: `Issue raised (${issue.priority}): ${issue.title}`,
        },
      ],
      actionItems: [],
      createdAt: now,
      updatedAt: now,
    });
    await db.postMortems.add(postMortem);
    return postMortem;
  });
}

export async function savePostMortemNarrative(
  id: string,
  narrative: PostMortemNarrative,
): Promise<void> {
  const fields = parseOrThrow(PostMortemNarrativeSchema, narrative);
  await update(id, (postMortem) => ({ ...postMortem, ...fields }));
}

export async function addTimelineEntry(
  id: string,
  entry: { at: string; text: string },
): Promise<void> {
  const parsed = parseOrThrow(TimelineEntry.omit({ id: true }), entry);
  await update(id, (postMortem) => ({
    ...postMortem,
    timeline: [...postMortem.timeline, { id: newId(), ...parsed }].sort((a, b) =>
      a.at.localeCompare(b.at),
    ),
  }));
}

export async function removeTimelineEntry(id: string, entryId: string): Promise<void> {
  await update(id, (postMortem) => ({
    ...postMortem,
    timeline: postMortem.timeline.filter((entry) => entry.id !== entryId),
  }));
}

/** Adds an action item and raises the security issue that tracks it, with its owner and due date. */
export async function addActionItem(id: string, draft: ActionItemDraft): Promise<void> {
  const action = parseOrThrow(ActionItemDraftSchema, draft);
  await db.transaction(
    'rw',
    [db.postMortems, db.issues, db.slaPolicies, db.workspaces],
    async () => {
      const postMortem = await db.postMortems.get(id);
      if (!postMortem) throw new Error('This post-mortem no longer exists.');
      const origin = await db.issues.get(postMortem.issueId);
      const { issue } = await raiseIssueInTransaction({
        workspaceId: postMortem.workspaceId,
        sprintId: origin?.raisedInSprintId ?? null,
        title: action.title,
        description: `Action from the post-mortem “${postMortem.title}”.`,
        priority: action.priority,
        owner: action.owner,
        dueDate: action.dueDate,
        source: { kind: 'post-mortem-action', postMortemId: postMortem.id },
        controlRefs: postMortem.failedControls,
      });
      const next = parseOrThrow(PostMortemSchema, {
        ...postMortem,
        actionItems: [
          ...postMortem.actionItems,
          {
            id: newId(),
            title: action.title,
            owner: action.owner,
            dueDate: action.dueDate,
            issueId: issue.id,
          },
        ],
        updatedAt: new Date().toISOString(),
      });
      await db.postMortems.put(next);
    },
  );
}

/** Removes an action from the post-mortem; the issue raised for it stays, as tracked work. */
export async function removeActionItem(id: string, actionId: string): Promise<void> {
  await update(id, (postMortem) => ({
    ...postMortem,
    actionItems: postMortem.actionItems.filter((action) => action.id !== actionId),
  }));
}
