import { z } from 'zod';
import { Id, IsoDate, LongText, Name, Timestamps } from './common';

export const Workspace = z
  .object({
    id: Id,
    name: Name,
    description: LongText.default(''),
    /** Made-up data to learn the app with (the sample workspace); marked as such everywhere. */
    sample: z.literal(true).optional(),
  })
  .extend(Timestamps.shape);
export type Workspace = z.infer<typeof Workspace>;

export const WorkspaceDraft = Workspace.pick({ name: true, description: true });
export type WorkspaceDraft = z.input<typeof WorkspaceDraft>;

/** A delivery team and the product it builds; sprints belong to a team. */
export const Team = z
  .object({
    id: Id,
    workspaceId: Id,
    name: Name,
    product: z.string().trim().max(120).default(''),
  })
  .extend(Timestamps.shape);
export type Team = z.infer<typeof Team>;

export const TeamDraft = Team.pick({ name: true, product: true });
export type TeamDraft = z.input<typeof TeamDraft>;

const sprintFields = z.object({
  name: Name,
  goal: LongText.default(''),
  teamId: Id.nullable().default(null),
  startDate: IsoDate,
  endDate: IsoDate,
});

function endNotBeforeStart(value: { startDate: string; endDate: string }): boolean {
  return value.endDate >= value.startDate;
}

const endDateMessage = {
  message: 'the end date cannot be before the start date',
  path: ['endDate'],
};

export const SprintDraft = sprintFields.refine(endNotBeforeStart, endDateMessage);
export type SprintDraft = z.input<typeof SprintDraft>;

export const Sprint = sprintFields
  .extend({ id: Id, workspaceId: Id })
  .extend(Timestamps.shape)
  .refine(endNotBeforeStart, endDateMessage);
export type Sprint = z.infer<typeof Sprint>;
