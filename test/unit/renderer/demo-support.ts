import type { Demo } from '../../../core/model';
import { createDemo } from '../../../renderer/src/features/demos/commands';
import { createSprint, createWorkspace } from '../../../renderer/src/features/workspaces/commands';

/** A workspace with one sprint and its demo, attended by an auditor and an infosec engineer. */
export async function setUpDemo(): Promise<{ demo: Demo; workspaceId: string; sprintId: string }> {
  const workspace = await createWorkspace({ name: 'Payments', description: '' });
  const sprint = await createSprint(workspace.id, {
    name: 'Sprint 1',
    goal: '',
    startDate: '2026-11-16',
    endDate: '2026-11-27',
    teamId: null,
  });
  const demo = await createDemo(workspace.id, {
    sprintId: sprint.id,
    title: 'Sprint 1 demo',
    date: '2026-11-26',
    facilitator: 'Alex',
    attendees: [
      { name: 'Dana Reyes', role: 'auditor' },
      { name: 'Sam Patel', role: 'infosec' },
    ],
  });
  return { demo, workspaceId: workspace.id, sprintId: sprint.id };
}
