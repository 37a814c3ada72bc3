import type {
  Sprint,
  SprintDraft,
  Team,
  TeamDraft,
  Workspace,
  WorkspaceDraft,
} from '../../../../core/model';
import {
  Sprint as SprintSchema,
  SprintDraft as SprintDraftSchema,
  Team as TeamSchema,
  TeamDraft as TeamDraftSchema,
  Workspace as WorkspaceSchema,
  WorkspaceDraft as WorkspaceDraftSchema,
  newId,
  nowIso,
} from '../../../../core/model';
import { db } from '../../db';
import { deleteDependents, tablesReferencing } from '../../db/cascade';
import { parseOrThrow } from '../../lib/validation';
import { saveSetting } from '../settings/commands';
import { readSetting } from '../settings/queries';

/** Writes for workspaces, teams and sprints. Every write is validated and audited. */

export async function createWorkspace(draft: WorkspaceDraft): Promise<Workspace> {
  const fields = parseOrThrow(WorkspaceDraftSchema, draft);
  const now = nowIso();
  const workspace = parseOrThrow(WorkspaceSchema, {
    ...fields,
    id: newId(),
    createdAt: now,
    updatedAt: now,
  });
  await db.workspaces.add(workspace);
  await saveSetting('currentWorkspaceId', workspace.id);
  return workspace;
}

export async function updateWorkspace(id: string, draft: WorkspaceDraft): Promise<void> {
  const fields = parseOrThrow(WorkspaceDraftSchema, draft);
  await db.transaction('rw', db.workspaces, async () => {
    const existing = await db.workspaces.get(id);
    if (!existing) throw new Error('This workspace no longer exists.');
    await db.workspaces.put(
      parseOrThrow(WorkspaceSchema, { ...existing, ...fields, updatedAt: nowIso() }),
    );
  });
}

/** Deletes a workspace and everything that belongs to it, in one transaction. */
export async function deleteWorkspace(id: string): Promise<void> {
  const tables = [
    db.workspaces,
    ...tablesReferencing(db, 'workspaceId'),
    ...tablesReferencing(db, 'sprintId'),
  ];
  await db.transaction('rw', tables, async () => {
    const sprintIds = await db.sprints.where('workspaceId').equals(id).primaryKeys();
    for (const sprintId of sprintIds) await deleteDependents(db, 'sprintId', sprintId);
    await deleteDependents(db, 'workspaceId', id);
    await db.workspaces.delete(id);
  });
  if ((await readSetting('currentWorkspaceId')) === id) {
    const next = await db.workspaces.orderBy('name').first();
    await saveSetting('currentWorkspaceId', next?.id ?? null);
  }
}

export async function selectWorkspace(id: string): Promise<void> {
  await saveSetting('currentWorkspaceId', id);
}

export async function createTeam(workspaceId: string, draft: TeamDraft): Promise<Team> {
  const fields = parseOrThrow(TeamDraftSchema, draft);
  const now = nowIso();
  const team = parseOrThrow(TeamSchema, {
    ...fields,
    id: newId(),
    workspaceId,
    createdAt: now,
    updatedAt: now,
  });
  await db.transaction('rw', db.workspaces, db.teams, async () => {
    if (!(await db.workspaces.get(workspaceId)))
      throw new Error('This workspace no longer exists.');
    await db.teams.add(team);
  });
  return team;
}

export async function updateTeam(id: string, draft: TeamDraft): Promise<void> {
  const fields = parseOrThrow(TeamDraftSchema, draft);
  await db.transaction('rw', db.teams, async () => {
    const existing = await db.teams.get(id);
    if (!existing) throw new Error('This team no longer exists.');
    await db.teams.put(parseOrThrow(TeamSchema, { ...existing, ...fields, updatedAt: nowIso() }));
  });
}

/** Deletes a team; its sprints stay, no longer assigned to a team. */
export async function deleteTeam(id: string): Promise<void> {
  await db.transaction('rw', db.teams, db.sprints, async () => {
    const updatedAt = nowIso();
    await db.sprints.where('teamId').equals(id).modify({ teamId: null, updatedAt });
    await db.teams.delete(id);
  });
}

export async function createSprint(workspaceId: string, draft: SprintDraft): Promise<Sprint> {
  const fields = parseOrThrow(SprintDraftSchema, draft);
  const now = nowIso();
  const sprint = parseOrThrow(SprintSchema, {
    ...fields,
    id: newId(),
    workspaceId,
    createdAt: now,
    updatedAt: now,
  });
  await db.transaction('rw', db.workspaces, db.teams, db.sprints, async () => {
    if (!(await db.workspaces.get(workspaceId)))
      throw new Error('This workspace no longer exists.');
    if (
      sprint.teamId !== null &&
      (await db.teams.get(sprint.teamId))?.workspaceId !== workspaceId
    ) {
      throw new Error('The chosen team does not belong to this workspace.');
    }
    await db.sprints.add(sprint);
  });
  return sprint;
}

export async function updateSprint(id: string, draft: SprintDraft): Promise<void> {
  const fields = parseOrThrow(SprintDraftSchema, draft);
  await db.transaction('rw', db.sprints, async () => {
    const existing = await db.sprints.get(id);
    if (!existing) throw new Error('This sprint no longer exists.');
    await db.sprints.put(
      parseOrThrow(SprintSchema, { ...existing, ...fields, updatedAt: nowIso() }),
    );
  });
}

/** Deletes a sprint and everything recorded for it (demos, verdicts ... as those arrive). */
export async function deleteSprint(id: string): Promise<void> {
  await db.transaction('rw', [db.sprints, ...tablesReferencing(db, 'sprintId')], async () => {
    await deleteDependents(db, 'sprintId', id);
    await db.sprints.delete(id);
  });
}
