import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../core/audit/chain';
import { db } from '../../../renderer/src/db';
import {
  createSprint,
  createTeam,
  createWorkspace,
  deleteSprint,
  deleteTeam,
  deleteWorkspace,
  updateSprint,
} from '../../../renderer/src/features/workspaces/commands';
import { suggestNextSprint } from '../../../renderer/src/features/workspaces/SprintDialog';
import { readSetting } from '../../../renderer/src/features/settings/queries';
import { ValidationError } from '../../../renderer/src/lib/validation';

beforeEach(async () => {
  await db.open();
});

afterEach(async () => {
  await db.delete();
});

const sprintDraft = {
  name: 'Sprint 1',
  goal: '',
  startDate: '2026-11-02',
  endDate: '2026-11-13',
  teamId: null,
};

describe('workspace commands', () => {
  it('creates a workspace, makes it current, and records it in the audit log', async () => {
    const workspace = await createWorkspace({ name: '  Payments  ', description: 'PCI scope' });
    expect(workspace.name).toBe('Payments');
    expect(await readSetting('currentWorkspaceId')).toBe(workspace.id);
    const [entry] = await db.auditLog.toArray();
    expect(entry).toMatchObject({ entity: 'workspaces', op: 'create', key: workspace.id });
  });

  it('rejects invalid drafts with a message per field and stores nothing', async () => {
    const error = await createWorkspace({ name: '   ', description: '' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ name: 'a name is required' });
    const sprintError = await createSprint('00000000-0000-4000-8000-000000000000', {
      ...sprintDraft,
      endDate: '2026-11-01',
    }).catch((caught: unknown) => caught);
    expect((sprintError as ValidationError).fieldErrors).toEqual({
      endDate: 'the end date cannot be before the start date',
    });
    expect(await db.workspaces.count()).toBe(0);
    expect(await db.auditLog.count()).toBe(0);
  });

  it('refuses a sprint for a workspace that does not exist, or with another workspace’s team', async () => {
    await expect(createSprint('00000000-0000-4000-8000-000000000000', sprintDraft)).rejects.toThrow(
      'no longer exists',
    );
    const first = await createWorkspace({ name: 'First', description: '' });
    const second = await createWorkspace({ name: 'Second', description: '' });
    const team = await createTeam(first.id, { name: 'Core', product: '' });
    await expect(createSprint(second.id, { ...sprintDraft, teamId: team.id })).rejects.toThrow(
      'does not belong',
    );
  });

  it('deleting a team keeps its sprints, without a team', async () => {
    const workspace = await createWorkspace({ name: 'W', description: '' });
    const team = await createTeam(workspace.id, { name: 'Core', product: 'API' });
    const sprint = await createSprint(workspace.id, { ...sprintDraft, teamId: team.id });
    await deleteTeam(team.id);
    expect(await db.teams.count()).toBe(0);
    expect((await db.sprints.get(sprint.id))?.teamId).toBeNull();
  });

  it('deleting a workspace deletes its teams and sprints in one audited transaction', async () => {
    const keep = await createWorkspace({ name: 'Keep', description: '' });
    const gone = await createWorkspace({ name: 'Gone', description: '' });
    await createTeam(gone.id, { name: 'Core', product: '' });
    await createSprint(gone.id, sprintDraft);
    await createSprint(gone.id, { ...sprintDraft, name: 'Sprint 2' });
    await createSprint(keep.id, sprintDraft);
    await deleteWorkspace(gone.id);
    expect(await db.workspaces.toArray()).toMatchObject([{ id: keep.id }]);
    expect(await db.sprints.where('workspaceId').equals(gone.id).count()).toBe(0);
    expect(await db.sprints.count()).toBe(1);
    expect(await db.teams.count()).toBe(0);
    expect(await readSetting('currentWorkspaceId')).toBe(keep.id);
    const entries = await db.auditLog.orderBy('seq').toArray();
    expect(
      entries
        .filter((entry) => entry.op === 'delete')
        .map((entry) => entry.entity)
        .sort(),
    ).toEqual(['sprints', 'sprints', 'teams', 'workspaces']);
    expect(verifyChain(entries).ok).toBe(true);
  });

  it('updates a sprint and records only what changed', async () => {
    const workspace = await createWorkspace({ name: 'W', description: '' });
    const sprint = await createSprint(workspace.id, sprintDraft);
    await updateSprint(sprint.id, { ...sprintDraft, goal: 'Tokenise cards' });
    const last = await db.auditLog.orderBy('seq').last();
    expect(last?.diff).toMatchObject({ changes: { goal: ['', 'Tokenise cards'] } });
    await deleteSprint(sprint.id);
    expect(await db.sprints.count()).toBe(0);
  });
});

describe('suggestNextSprint', () => {
  it('starts at Sprint 1 for two weeks from today', () => {
    expect(suggestNextSprint(undefined, '2026-11-26')).toEqual({
      name: 'Sprint 1',
      startDate: '2026-11-26',
      endDate: '2026-12-09',
    });
  });

  it('continues the numbering and length of the latest sprint', () => {
    const latest = {
      ...sprintDraft,
      name: 'Sprint 14',
      startDate: '2026-11-16',
      endDate: '2026-11-27',
      id: 'x',
      workspaceId: 'w',
      createdAt: '',
      updatedAt: '',
    };
    expect(suggestNextSprint(latest, '2026-11-26')).toEqual({
      name: 'Sprint 15',
      startDate: '2026-11-28',
      endDate: '2026-12-09',
    });
  });
});
