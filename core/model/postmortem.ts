import { z } from 'zod';
import { Id, IsoDate, IsoDateTime, LongText, Timestamps } from './common';
import { IssueTitle, PersonName, Priority } from './issue';
import { ControlRef } from './refs';

/**
 * A blameless post-mortem of a security issue: what happened and why, told through systems and
 * conditions rather than people, and the actions that will prevent it (each a tracked issue).
 */
export const TimelineEntry = z.object({
  id: Id,
  at: IsoDateTime,
  text: z.string().trim().min(1, 'say what happened').max(2000),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const ActionItem = z.object({
  id: Id,
  title: IssueTitle,
  owner: PersonName.min(1, 'every action needs an owner'),
  dueDate: IsoDate,
  /** The security issue tracking this action. */
  issueId: Id.nullable(),
});
export type ActionItem = z.infer<typeof ActionItem>;

export const ActionItemDraft = z.object({
  title: IssueTitle,
  owner: PersonName.min(1, 'every action needs an owner'),
  dueDate: IsoDate,
  priority: Priority.default('P3'),
});
export type ActionItemDraft = z.input<typeof ActionItemDraft>;

export const POST_MORTEM_SECTIONS = [
  'summary',
  'impact',
  'detection',
  'contributingFactors',
  'wentWell',
  'wasHard',
  'lessons',
] as const;
export type PostMortemSection = (typeof POST_MORTEM_SECTIONS)[number];

export const PostMortemNarrative = z.object({
  title: IssueTitle,
  summary: LongText,
  impact: LongText,
  detection: LongText,
  /** Systems and conditions that made the issue possible — not people. */
  contributingFactors: LongText,
  wentWell: LongText,
  wasHard: LongText,
  lessons: LongText,
  failedControls: z.array(ControlRef).max(200),
});
export type PostMortemNarrative = z.infer<typeof PostMortemNarrative>;

export const PostMortem = PostMortemNarrative.extend({
  id: Id,
  workspaceId: Id,
  issueId: Id,
  timeline: z.array(TimelineEntry).max(500),
  actionItems: z.array(ActionItem).max(100),
}).extend(Timestamps.shape);
export type PostMortem = z.infer<typeof PostMortem>;

export const SECTION_TITLES: Readonly<Record<PostMortemSection, string>> = {
  summary: 'Summary',
  impact: 'Impact',
  detection: 'Detection',
  contributingFactors: 'Contributing factors',
  wentWell: 'What went well',
  wasHard: 'What was hard',
  lessons: 'Lessons',
};

/** Prompts shown in the template, written to invite a blameless account. */
export const SECTION_PROMPTS: Readonly<Record<PostMortemSection, string>> = {
  summary: 'What happened, in two or three sentences a newcomer would understand.',
  impact: 'Who and what was affected, for how long, and what data or systems were exposed.',
  detection: 'How the issue came to light: which check, alert, test or person noticed it.',
  contributingFactors:
    'The systems and conditions that made this possible: gaps in tooling, tests, defaults, documentation, time pressure. Not people.',
  wentWell: 'What helped: safeguards that worked, quick decisions, good information.',
  wasHard: 'What slowed the response or made it confusing.',
  lessons: 'What the team now knows and wants every engineer to know.',
};
