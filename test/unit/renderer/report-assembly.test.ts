import { afterEach, describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../../core/ipc/contract';
import { db } from '../../../renderer/src/db';
import {
  assembleReportModel,
  registerReportContributor,
} from '../../../renderer/src/features/reports/assemble';
import { recordExport } from '../../../renderer/src/features/reports/commands';
import {
  createSprint,
  createTeam,
  createWorkspace,
  deleteSprint,
} from '../../../renderer/src/features/workspaces/commands';

afterEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()));
});

async function seed() {
  const workspace = await createWorkspace({ name: 'Payments platform', description: 'PCI scope' });
  const team = await createTeam(workspace.id, { name: 'Checkout', product: 'Checkout API' });
  const sprint = await createSprint(workspace.id, {
    name: 'Sprint 14',
    goal: 'Tokenisation',
    startDate: '2026-11-16',
    endDate: '2026-11-27',
    teamId: team.id,
  });
  await createSprint(workspace.id, {
    name: 'Sprint 9',
    goal: '',
    startDate: '2026-06-01',
    endDate: '2026-06-12',
    teamId: null,
  });
  return { workspace, team, sprint };
}

const verification: VerifyReport = {
  fileSize: 1000,
  fileSha256: 'a'.repeat(64),
  signatures: [],
  tampering: { detected: false, reasons: [] },
  manifest: { present: true, sha256: null, files: [], problems: [] },
  signOffs: { present: false, text: null, problem: null },
  refused: null,
  verdict: 'valid',
};

describe('report assembly', () => {
  it('builds a sprint demo record from the workspace, team and sprint', async () => {
    const { workspace, sprint } = await seed();
    const model = await assembleReportModel(
      { kind: 'sprint-demo-record', workspaceId: workspace.id, sprintId: sprint.id },
      {
        generatedBy: 'Dana',
        signatories: [{ name: 'Dana Whitfield' }],
        now: new Date('2026-11-27T10:00:00Z'),
      },
    );
    expect(model.id).toBe(`DL-2026-11-27-SPR-${sprint.id.slice(0, 8).toUpperCase()}`);
    expect(model.title).toBe('Sprint 14 demo — Checkout API');
    expect(model.team).toEqual({ name: 'Checkout', product: 'Checkout API' });
    expect(model.period).toEqual({ start: '2026-11-16', end: '2026-11-27' });
    expect(model.signOff.signatories).toEqual([
      { name: 'Dana Whitfield', role: '', organisation: '' },
    ]);
    expect(model.generatedAt).toBe('2026-11-27T10:00:00.000Z');
  });

  it('covers the sprints of a period in a matrix and lets features contribute their data', async () => {
    const { workspace } = await seed();
    const unregister = registerReportContributor(async (context, model) => {
      model.evidence = [
        {
          id: 'ev-1',
          name: `scan for ${context.sprints.length} sprint(s).xml`,
          size: 10,
          sha256: 'b'.repeat(64),
          collectedAt: '2026-11-20T10:00:00Z',
        },
      ];
    });
    try {
      const model = await assembleReportModel(
        {
          kind: 'control-evidence-matrix',
          workspaceId: workspace.id,
          start: '2026-10-01',
          end: '2026-12-31',
        },
        { generatedBy: 'Dana' },
      );
      expect(model.evidence[0]?.name).toBe('scan for 1 sprint(s).xml');
      expect(model.sprint).toBeUndefined();
      expect(model.subtitle).toBe('1 sprint(s) in the period');
    } finally {
      unregister();
    }
  });

  it('records each export in the audit log and drops the record with its sprint', async () => {
    const { workspace, sprint } = await seed();
    const model = await assembleReportModel(
      { kind: 'sprint-demo-record', workspaceId: workspace.id, sprintId: sprint.id },
      { generatedBy: 'Dana' },
    );
    await recordExport({
      model,
      workspaceId: workspace.id,
      sprintId: sprint.id,
      fileName: `${model.id}.pdf`,
      path: null,
      size: 1000,
      verification,
    });
    const [entry] = await db.auditLog.where('entity').equals('reports').toArray();
    expect(entry?.action).toBe('export');
    expect(await db.reports.count()).toBe(1);
    await deleteSprint(sprint.id);
    expect(await db.reports.count()).toBe(0);
  });
});
