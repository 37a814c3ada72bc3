import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../core/audit/chain';
import { db } from '../../../renderer/src/db';
import {
  adoptFramework,
  buildStatementOfApplicability,
  clearScopeDecision,
  decideScope,
  importCatalog,
  removeFramework,
} from '../../../renderer/src/features/controls/commands';
import {
  createWorkspace,
  deleteWorkspace,
} from '../../../renderer/src/features/workspaces/commands';
import { ValidationError } from '../../../renderer/src/lib/validation';
import { smallCatalog } from './catalog-support';

beforeEach(async () => {
  await db.open();
});

afterEach(async () => {
  await db.delete();
});

describe('catalog import', () => {
  it('stores an imported catalog once, audited as an import, and accepts the identical file again', async () => {
    expect(await importCatalog(smallCatalog())).toBe('imported');
    expect(await importCatalog(smallCatalog())).toBe('unchanged');
    expect(await db.catalogs.count()).toBe(1);
    const entries = await db.auditLog.toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      entity: 'catalogs',
      action: 'import',
      op: 'create',
      diff: {},
    });
  });

  it('refuses the same version with different content, so pinned workspaces keep what they assessed', async () => {
    await importCatalog(smallCatalog());
    await expect(importCatalog(smallCatalog('Something else entirely.'))).rejects.toThrow(
      'already stored with different content',
    );
    expect(await db.auditLog.count()).toBe(1);
  });
});

describe('scoping', () => {
  it('scopes a control out with a justification, pinning the framework version, and lists it in the SoA', async () => {
    const workspace = await createWorkspace({ name: 'Payments', description: '' });
    await expect(
      decideScope(workspace.id, 'nist-sp-800-53-rev5#ac-7', {
        applicability: 'not-applicable',
        justification: '  ',
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    await decideScope(workspace.id, 'nist-sp-800-53-rev5#ac-7', {
      applicability: 'not-applicable',
      justification: 'SSO only; no local logons',
    });
    const [framework] = await db.workspaceFrameworks.toArray();
    expect(framework).toMatchObject({
      catalogId: 'nist-sp-800-53-rev5',
      version: '5.0.1',
      profileId: null,
    });
    const rows = await buildStatementOfApplicability(workspace.id);
    const ac7 = rows.find((row) => row.ref === 'nist-sp-800-53-rev5#ac-7');
    expect(ac7).toMatchObject({
      applicability: 'not-applicable',
      justification: 'SSO only; no local logons',
      title: 'Unsuccessful Logon Attempts',
    });
    await clearScopeDecision(workspace.id, 'nist-sp-800-53-rev5#ac-7');
    expect(await db.scopeDecisions.count()).toBe(0);
  });

  it('refuses controls and baselines that do not exist', async () => {
    const workspace = await createWorkspace({ name: 'W', description: '' });
    await expect(
      decideScope(workspace.id, 'nist-sp-800-53-rev5#zz-99', {
        applicability: 'applicable',
        justification: '',
      }),
    ).rejects.toThrow('has no control zz-99');
    await expect(adoptFramework(workspace.id, 'nist-sp-800-53-rev5', 'extreme')).rejects.toThrow(
      'has no baseline',
    );
  });

  it('adopts a baseline: the SoA lists exactly its controls', async () => {
    const workspace = await createWorkspace({ name: 'W', description: '' });
    const framework = await adoptFramework(workspace.id, 'nist-sp-800-53-rev5', 'low');
    const rows = await buildStatementOfApplicability(workspace.id);
    expect(rows).toHaveLength(149);
    expect(rows.every((row) => row.inProfile && row.applicability === 'undecided')).toBe(true);
    await removeFramework(framework.id);
    expect(await buildStatementOfApplicability(workspace.id)).toEqual([]);
  });

  it('removes a workspace’s scoping with the workspace, and the log stays intact', async () => {
    const workspace = await createWorkspace({ name: 'W', description: '' });
    await decideScope(workspace.id, 'owasp-asvs#V1.2.1', {
      applicability: 'applicable',
      justification: '',
    });
    await deleteWorkspace(workspace.id);
    expect(await db.workspaceFrameworks.count()).toBe(0);
    expect(await db.scopeDecisions.count()).toBe(0);
    expect(verifyChain(await db.auditLog.orderBy('seq').toArray()).ok).toBe(true);
  });
});
